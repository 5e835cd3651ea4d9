#pragma once

#include "engine/discovery/DiscoveryTypes.h"

#include <QList>
#include <QString>

namespace certdeck::discovery {

// Reads the certificates a server's configuration names, the way the scan finds them: PEM (every certificate of
// the file, leaf first), DER, PKCS#12 (readable without a password only) and JKS / JCEKS through the host's
// keytool (listing certificates needs no password). Never asks for, passes or stores a password. A file that
// cannot be read yields one entry with an error text; reading never stops at it.
class CertificateFileReader
{
public:
    explicit CertificateFileReader(int keytoolTimeoutMs = 60000);

    // One entry per certificate file; one per alias for a JKS keystore ("path#alias").
    QList<DiscoveredCertificateFile> read(const QString& path, const QString& serverType) const;

    // The certificate files named by a server's findings (certificate, chain and keystore paths of every
    // certificate an endpoint serves, additional ones included), each once.
    QList<DiscoveredCertificateFile> readAll(const DetectedServer& server) const;

private:
    QList<DiscoveredCertificateFile> readJks(const QString& path, const QString& serverType) const;
    int m_keytoolTimeoutMs;
};

} // namespace certdeck::discovery
