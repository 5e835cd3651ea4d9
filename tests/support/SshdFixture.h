#pragma once

#include "engine/bots/SshSession.h"
#include "engine/core/Result.h"

#include <QByteArray>
#include <QProcess>
#include <QString>

#include <memory>

namespace certdeck::test {

// A REAL OpenSSH server (`/usr/sbin/sshd -D -e -f <conf>`) on 127.0.0.1:<free high port>, with a throw-away
// ed25519 host key and throw-away user keys, all under `directory`. Stopped by PID when the fixture goes away.
//
// Key login: as the user running the test (root in CI), with userKey() (no passphrase) or
// userKeyWithPassphrase() + userKeyPassphrase(). Password login: enablePasswordLogin() before start(); only
// possible as root (it creates the system user "certdeck-sshtest" once and sets a random password through
// `chpasswd` on stdin). Password users of parallel test processes are serialized by a lock file.
class SshdFixture
{
public:
    // `directory` must exist (a QTemporaryDir); configuration, keys, pid file and log go there.
    explicit SshdFixture(QString directory);
    ~SshdFixture();
    SshdFixture(const SshdFixture&) = delete;
    SshdFixture& operator=(const SshdFixture&) = delete;

    // False with a reason when sshd or ssh-keygen is missing (tests QSKIP then).
    static bool isAvailable(QString* reason);

    // Password login for the user "certdeck-sshtest" (PasswordAuthentication yes). Call before start() (or call
    // stop() and start() again). False with
    // a reason (QSKIP it) when not running as root or the user cannot be created.
    bool enablePasswordLogin(QString* reason);

    // Creates the keys (first time), writes sshd_config, starts sshd and waits until the port accepts.
    Status start(int timeoutMs = 20000);
    void stop();
    // A new host key, then sshd restarts on the same port: a pinned fingerprint no longer matches.
    Status rotateHostKey(int timeoutMs = 20000);
    // SIGKILLs every per-connection sshd process (and what runs under it), not the listener: open connections
    // die mid-command, new ones are still accepted. Returns how many processes were killed.
    int killConnections();

    int port() const { return m_port; }
    QString directory() const { return m_directory; }
    qint64 processId() const; // the listener; 0 when not running
    QString log() const;      // sshd's stderr so far, for failure messages

    // The host key as `ssh-keygen -lf` prints it ("SHA256:..."), read with the real ssh-keygen.
    QString hostKeyFingerprint() const;
    QString hostPublicKeyFile() const;

    // Login as the user running the test.
    QString userName() const;
    bots::SshEndpoint endpoint() const; // 127.0.0.1, port(), userName()
    QByteArray userKey() const;         // OpenSSH private key text, no passphrase (made by ssh-keygen)
    QByteArray userKeyWithPassphrase() const;
    QByteArray userKeyPassphrase() const;
    bots::SshCredentials keyCredentials() const;
    bots::SshCredentials passphraseKeyCredentials() const;

    // Password login (after enablePasswordLogin()).
    static QString passwordUserName() { return QStringLiteral("certdeck-sshtest"); }
    bots::SshEndpoint passwordEndpoint() const;
    QByteArray password() const { return m_password; }
    bots::SshCredentials passwordCredentials() const;

private:
    Status createKeys();
    Status createHostKey();
    Status writeConfig() const;
    Status launch(int timeoutMs);

    QString m_directory;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_password;
    QByteArray m_passphrase; // of the protected user key
    int m_passwordLockFd = -1;
};

} // namespace certdeck::test
