#pragma once

#include "engine/deploy/Deployer.h"
#include "tests/support/WebServerFixture.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace certdeck::test {

// A leaf certificate with its key, issued by the bench's intermediate CA.
struct IssuedCertificate
{
    QByteArray certificatePem;
    QByteArray keyPem;
    QString fingerprint; // SHA-256, lowercase hex, computed by `openssl x509`
};

// Bytes, mode and owner of a file, to prove that a rollback restored it exactly.
struct FileSnapshot
{
    bool exists = false;
    QByteArray content;
    unsigned mode = 0;
    unsigned uid = 0;
    unsigned gid = 0;

    static FileSnapshot of(const QString& path);
    bool operator==(const FileSnapshot& other) const = default;
    QString describe() const;
};

// One real web server serving an "old" certificate from files in separate directories, a second
// certificate to deploy, and checks by TLS handshake. The PKI is made with the openssl command line.
class DeployTestBench
{
public:
    explicit DeployTestBench(WebServerFixture::Server server);

    // Makes a fresh directory tree, issues old/new certificates and starts the server with the old one.
    Status setUp(bool separateChainFile = false);
    void tearDown();

    IssuedCertificate issue(const QString& commonName);

    // The request that deploys `certificate` to the bench's server (fields for nginx or Apache).
    deploy::DeployRequest requestFor(const IssuedCertificate& certificate) const;

    // What the server serves now, by a Qt TLS handshake (independent of the engine's probe).
    QString servedFingerprint() const;
    // Waits (polling, with a deadline) until the server serves `fingerprint`; returns what it served last.
    QString waitUntilServed(const QString& fingerprint, int timeoutMs = 15000) const;

    // True when certificate, key and chain files are byte-, mode- and owner-identical to setUp().
    bool filesUnchanged(QString* difference) const;

    WebServerFixture::Server serverKind() const { return m_serverKind; }
    WebServerFixture& server() { return *m_server; }
    const IssuedCertificate& oldCertificate() const { return m_old; }
    const IssuedCertificate& newCertificate() const { return m_new; }
    QByteArray chainPem() const { return m_chainPem; }
    QString certificateFile() const { return m_root + QStringLiteral("/certs/site.pem"); }
    QString keyFile() const { return m_root + QStringLiteral("/keys/site.key"); }
    QString chainFile() const { return m_separateChain ? m_root + QStringLiteral("/certs/chain.pem") : QString(); }
    QString keysDirectory() const { return m_root + QStringLiteral("/keys"); }
    QString stateDirectory() const { return m_root + QStringLiteral("/state"); }
    QString lastError() const { return m_lastError; }

private:
    bool openssl(const QStringList& arguments);
    QString fingerprintOf(const QString& certificateFile);

    WebServerFixture::Server m_serverKind;
    QTemporaryDir m_temp;
    QString m_root;
    QString m_pki;
    bool m_separateChain = false;
    int m_serial = 0;
    QByteArray m_chainPem;
    IssuedCertificate m_old;
    IssuedCertificate m_new;
    FileSnapshot m_oldCertificateFile;
    FileSnapshot m_oldKeyFile;
    FileSnapshot m_oldChainFile;
    std::unique_ptr<WebServerFixture> m_server;
    QString m_lastError;
};

} // namespace certdeck::test
