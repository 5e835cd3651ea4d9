#pragma once

#include "deployers/common/WebServerDeployer.h"

namespace certdeck::deployers {

// Certificate material delivered as files into a directory of another host, for a program there to serve or pick up
// (SFTP, FTP): PEM files (certificate, chain, full chain, key) or one PKCS12/JKS key store, under the names and
// permissions the operator chose. WebServerDeployer runs the sequence: backup of the files being replaced, upload to
// a temporary name and rename over the target, read-back byte-for-byte, the key/certificate check of what is on the
// host now, an optional step after the delivery, a TLS handshake when the request names an endpoint; a failure puts
// the previous files back byte-for-byte.
class FileDeliveryDeployer : public WebServerDeployer
{
public:
    using WebServerDeployer::WebServerDeployer;
    bool endpointOptional() const final { return true; }

    static inline const QString kDirectoryField = QStringLiteral("remoteDirectory");

protected:
    // The protocol's own fields (the FTP server and its trust; SFTP's step after the delivery).
    virtual QList<deploy::DeployerField> connectionFields() const = 0;

    QList<deploy::DeployerField> serverFields() const final;
    QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const final;
    Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                const deploy::TargetHost& host) const final;
    // What is on the host now belongs together: the delivered key is the key of the delivered certificate, or the key
    // store opens with its password and holds the key under the alias.
    ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const final;
    // No step of its own after the delivery: a check that says so.
    ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const override;
    QString programField(const FieldValues& /*values*/) const override { return {}; }
    QStringList configFields() const final { return {}; }

    // The files of the fields (the key store, when that is the format, with empty content), or what is wrong with a
    // name or a permission (the message names the field).
    Result<QList<MaterialFile>> namedFiles(const FieldValues& values, const Material& material) const;
};

} // namespace certdeck::deployers
