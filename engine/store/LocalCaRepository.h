#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace certdeck::store {

class Database;

// A built-in CA as stored: its certificate and its key, encrypted (the passphrase lives in the keychain).
struct LocalCaRow
{
    qint64 id = 0;
    QString name;
    qint64 parentId = 0; // 0 for a root
    QByteArray certificatePem;
    QByteArray encryptedKeyPem;
    qint64 crlNumber = 0;
    QDateTime createdAt;
};

enum class RevocationState { Revoked, OnHold };

struct RevocationRow
{
    qint64 caId = 0;
    QString serialHex;
    int reason = 0; // RFC 5280 CRLReason
    RevocationState state = RevocationState::Revoked;
    QDateTime revokedAt;
};

// One certificate a built-in CA issued.
struct IssuedRow
{
    qint64 caId = 0;
    QString serialHex;
    QString requestId;
    QByteArray certificatePem; // stored for issuances with a request id
};

class LocalCaRepository
{
public:
    explicit LocalCaRepository(const Database& db);

    Result<qint64> insert(LocalCaRow& row) const; // names unique (kind "duplicate")
    Result<std::optional<LocalCaRow>> findByName(const QString& name) const;
    Result<std::optional<LocalCaRow>> find(qint64 id) const;
    Result<QList<LocalCaRow>> all() const;
    Result<qint64> nextCrlNumber(qint64 caId) const; // increments and returns

    // Serials are compared and returned as lowercase hex without leading zeros or colons.
    // Records an issued serial (so revocation can check it belongs to this CA).
    // With a request id (exactly-once issuance), the request id and the certificate are stored in the same row:
    // a second row for the same request id is refused (kind "duplicate").
    Status recordIssued(qint64 caId, const QString& serialHex, const QDateTime& notAfter, const QString& requestId = {},
                        const QByteArray& certificatePem = {}) const;
    // The certificate issued earlier for a request id (empty when none was).
    Result<std::optional<IssuedRow>> issuedForRequest(const QString& requestId) const;
    Result<bool> hasIssued(qint64 caId, const QString& serialHex) const;
    // Revoke / hold; a held serial may be revoked for good; a revoked one cannot be held or resumed (kind
    // "conflict"); a serial this CA never issued is refused (kind "notFound").
    Status setRevocation(const RevocationRow& row) const;
    Status removeHold(qint64 caId, const QString& serialHex) const; // resume
    Result<QList<RevocationRow>> revocations(qint64 caId) const;

private:
    const Database& m_db;
};

} // namespace certdeck::store
