#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace certdeck::secrets {

// The only place secrets live: the OS keychain through QtKeychain (Secret Service on Linux).
// There is no insecure fallback: without a keychain every call fails with a message that says how to get one.
// Keys are namespaced by purpose: "localca/<name>/passphrase", "keystore/<certId>", "ssh/<bot>/password".
// Callbacks are delivered on the thread of `context` and dropped when it is destroyed.
class SecretStore
{
public:
    explicit SecretStore(QString service = QStringLiteral("CertDeck"));

    void write(const QString& key, const QByteArray& secret, QObject* context, std::function<void(Status)> done) const;
    void read(const QString& key, QObject* context, std::function<void(Result<QByteArray>)> done) const;
    void remove(const QString& key, QObject* context, std::function<void(Status)> done) const;

    // Blocking forms for worker threads and the CLI (they run a local event loop): never on the GUI thread.
    Status writeBlocking(const QString& key, const QByteArray& secret) const;
    Result<QByteArray> readBlocking(const QString& key) const;
    Status removeBlocking(const QString& key) const;

    // Random secret of n bytes, base64url text (for generated passphrases).
    static QByteArray generatePassphrase(int bytes = 32);
    // Explains how to get a keychain when none answers (shown by the console and the CLI).
    static QString unavailableHelp();

private:
    QString m_service;
};

} // namespace certdeck::secrets
