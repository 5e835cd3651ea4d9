#pragma once

#include <QByteArray>
#include <QString>

namespace certdeck::deployers {

// Where and how certificate files are delivered over FTP. Trust is explicit: a CA bundle or a pinned leaf
// fingerprint; there is no "ignore TLS errors".
struct FtpEndpoint
{
    enum class Tls { Explicit, Implicit, None };

    QString host;
    int port = 21;
    QString user;
    Tls tls = Tls::Explicit;
    QByteArray caPem;           // trusted CA bundle (PEM); the server's name is checked against its certificate
    QString pinnedSha256;       // or: SHA-256 of the server's leaf certificate (DER), hex, colons allowed
    bool allowPlainFtp = false; // Tls::None only when the operator accepted keys crossing the network in clear
    QString stateDirectory;     // backups; empty: "/.certdeck-backups" under the login root

    QString describe() const; // "ftps://deploy@files.example.com:21"
    QString hostPort() const; // "files.example.com:21" (IPv6 in brackets)
};

} // namespace certdeck::deployers
