#pragma once

#include "engine/crypto/Certificate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::test {

// The JDK's real keytool (Debian default-jdk-headless), run with an argv list; passwords go to its prompt on
// stdin, never into argv. Used to prove that Java reads the key stores the project writes, and to make stores the
// way Java makes them (other aliases, trusted certificates, keytool's own PKCS#12).
class KeyTool
{
public:
    static bool isAvailable(QString* reason);

    struct Outcome
    {
        bool ok = false;
        QString output; // stdout and stderr
    };

    // `keytool -list -v`: the aliases found ("Alias name: x" lines, lower-case as keytool prints them) and the
    // whole listing.
    struct Listing
    {
        bool ok = false;
        QString storeType; // "PKCS12", "JKS"
        QStringList aliases;
        QString output;
        // The "Certificate chain length" of `alias` (0 for a trusted certificate entry, -1 when not listed).
        int chainLength(const QString& alias) const;
        // "PrivateKeyEntry" / "trustedCertEntry" of `alias`, empty when not listed.
        QString entryType(const QString& alias) const;
        // The SHA-256 fingerprints of `alias`'s certificates as keytool prints them (AA:BB:...), leaf first.
        QStringList fingerprints(const QString& alias) const;
    };
    static Listing list(const QString& storePath, const QByteArray& password);

    // A new key pair entry (RSA 2048, self-signed) `alias` in the store at `storePath` (created when missing) of
    // `storeType` ("PKCS12", "JKS").
    static Outcome generateKeyPair(const QString& storePath, const QString& storeType, const QByteArray& password,
                                   const QString& alias, const QString& distinguishedName = QStringLiteral("CN=other"));
    // A trusted certificate entry from a PEM or DER file.
    static Outcome importTrusted(const QString& storePath, const QString& storeType, const QByteArray& password,
                                 const QString& alias, const QString& certificateFile);
    // Converts a store to another type (`keytool -importkeystore`), e.g. JKS -> PKCS12.
    static Outcome convert(const QString& from, const QString& fromType, const QString& to, const QString& toType,
                           const QByteArray& password);

    static Outcome run(const QStringList& arguments, const QByteArray& stdinText);
    // A certificate's SHA-256 fingerprint as keytool prints it (AA:BB:...).
    static QString fingerprintOf(const crypto::Certificate& certificate);
};

} // namespace certdeck::test
