#pragma once

#include "engine/deploy/Deployer.h"
#include "tests/support/TestPki.h"

#include <QObject>
#include <QTemporaryDir>
#include <QVariantMap>

#include <memory>

namespace certdeck::test {

// What every file-delivery deployer (SFTP, FTP) must do against its real server on loopback: the files arrive
// byte-for-byte, a rollback brings the previous ones back byte-for-byte, hostile names and permissions are refused
// with nothing written, a key store opens with its password. TestSftpDelivery and TestFtpDelivery inherit the slots
// and say how to reach their server. The server's remote directory is a directory of this machine too, so the test
// reads what arrived from the disk.
class FileDeliveryScenarios : public QObject
{
    Q_OBJECT

protected:
    // Starts the server (init()); false fails the test.
    virtual bool startServer(const QString& workDirectory) = 0;
    virtual void stopServer() = 0;
    virtual std::unique_ptr<deploy::Deployer> makeDeployer() const = 0;
    // `fields` plus what reaches the server (its connection fields, or request.host).
    virtual deploy::DeployRequest request(QVariantMap fields) const = 0;
    // The remote directory of the deliveries as the server names it, and the same directory on this machine.
    virtual QString remoteDirectory() const = 0;
    virtual QString localDirectory() const = 0;
    // Whether the server applies the chosen permissions (vsftpd refuses SITE CHMOD to anonymous users).
    virtual bool appliesPermissions() const { return true; }

    // A request delivering `leaf` with the test PKI's intermediate as its chain.
    deploy::DeployRequest deliveryOf(const IssuedCert& leaf, QVariantMap fields = {}) const;
    QByteArray localFile(const QString& name) const;
    QString workDirectory() const { return m_work->path(); }

    TestPki m_pki;

private Q_SLOTS:
    void init();
    void cleanup();

    void deliversPemFilesThatReadBackByteForByte();
    void rollbackBringsThePreviousFilesBackByteForByte();
    void hostileNamesAndPermissionsAreRefusedWithNothingWritten();
    void keyStoreIsDeliveredAndOpensWithItsPassword();

private:
    std::unique_ptr<QTemporaryDir> m_work;
};

} // namespace certdeck::test
