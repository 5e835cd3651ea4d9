#include "engine/store/CertificateRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kColumns = QStringLiteral(
    "id, common_name, sans, subject, issuer, serial_hex, not_before, not_after, fingerprint_sha256, key_algorithm,"
    " key_bits, signature_algorithm, status, server_type, host, port, bot_id, key_id, source, updated_at,"
    " served_fingerprint, probed_at, drift");

QString sansText(const QStringList& sans)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sans)).toJson(QJsonDocument::Compact));
}

QStringList sansFrom(const QVariant& text)
{
    QStringList sans;
    const QJsonArray array = QJsonDocument::fromJson(text.toString().toUtf8()).array();
    for (const QJsonValue& value : array) {
        sans.append(value.toString());
    }
    return sans;
}

CertificateRecord recordFrom(const QSqlQuery& q, bool withChain)
{
    CertificateRecord r;
    r.id = q.value(QStringLiteral("id")).toLongLong();
    r.commonName = q.value(QStringLiteral("common_name")).toString();
    r.sans = sansFrom(q.value(QStringLiteral("sans")));
    r.subject = q.value(QStringLiteral("subject")).toString();
    r.issuer = q.value(QStringLiteral("issuer")).toString();
    r.serialHex = q.value(QStringLiteral("serial_hex")).toString();
    r.notBefore = sql::timeFrom(q.value(QStringLiteral("not_before")));
    r.notAfter = sql::timeFrom(q.value(QStringLiteral("not_after")));
    r.fingerprintSha256 = q.value(QStringLiteral("fingerprint_sha256")).toString();
    r.keyAlgorithm = q.value(QStringLiteral("key_algorithm")).toString();
    r.keyBits = q.value(QStringLiteral("key_bits")).toInt();
    r.signatureAlgorithm = q.value(QStringLiteral("signature_algorithm")).toString();
    if (!certificateStatusFromId(q.value(QStringLiteral("status")).toString(), &r.status)) {
        r.status = CertificateStatus::Discovered;
    }
    r.serverType = q.value(QStringLiteral("server_type")).toString();
    r.host = q.value(QStringLiteral("host")).toString();
    r.port = q.value(QStringLiteral("port")).toInt();
    r.botId = q.value(QStringLiteral("bot_id")).toLongLong();
    r.keyId = q.value(QStringLiteral("key_id")).toString();
    r.source = q.value(QStringLiteral("source")).toString();
    r.updatedAt = sql::timeFrom(q.value(QStringLiteral("updated_at")));
    r.servedFingerprint = q.value(QStringLiteral("served_fingerprint")).toString();
    r.probedAt = sql::timeFrom(q.value(QStringLiteral("probed_at")));
    r.drift = q.value(QStringLiteral("drift")).toString();
    if (withChain) {
        r.chainPem = q.value(QStringLiteral("chain_pem")).toByteArray();
    }
    return r;
}

QString describe(const CertificateRecord& record)
{
    if (record.id != 0) {
        return QStringLiteral("certificate #%1 \"%2\"").arg(record.id).arg(record.commonName);
    }
    return QStringLiteral("certificate \"%1\"").arg(record.commonName);
}

// Column values in the order of kColumns without id (for INSERT) and for UPDATE ... SET.
QVariantList valuesOf(const CertificateRecord& r, const QString& updatedAt)
{
    return {r.commonName,
            sansText(r.sans),
            r.subject,
            r.issuer,
            r.serialHex,
            sql::time(r.notBefore),
            sql::time(r.notAfter),
            sql::textOrNull(r.fingerprintSha256.toLower()),
            r.keyAlgorithm,
            r.keyBits,
            r.signatureAlgorithm,
            certificateStatusId(r.status),
            r.serverType,
            r.host,
            r.port,
            sql::idOrNull(r.botId),
            r.keyId,
            r.source,
            r.chainPem.isNull() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(r.chainPem),
            updatedAt};
}

// Refuses material already in the inventory under another row, naming that row.
Status checkFingerprintFree(const QSqlDatabase& db, const CertificateRecord& record)
{
    if (record.fingerprintSha256.isEmpty()) {
        return {};
    }
    auto query = sql::run(db,
                          QStringLiteral("SELECT id, common_name FROM certificates WHERE fingerprint_sha256 = ?"
                                         " AND id <> ?"),
                          {record.fingerprintSha256.toLower(), record.id}, QStringLiteral("check for duplicates"));
    if (!query) {
        return query.error();
    }
    if (query->next()) {
        return fail(QStringLiteral("This certificate is already in the inventory as certificate #%1 \"%2\" (SHA-256 "
                                   "fingerprint %3).")
                        .arg(query->value(0).toLongLong())
                        .arg(query->value(1).toString(), record.fingerprintSha256.toLower()),
                    QStringLiteral("duplicate"));
    }
    return {};
}

} // namespace

CertificateRepository::CertificateRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> CertificateRepository::insert(CertificateRecord& record) const
{
    qint64 id = 0;
    const QString now = sql::nowText();
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        if (Status free = checkFingerprintFree(db, record); !free) {
            return free;
        }
        auto inserted = sql::scalar(
            db,
            QStringLiteral("INSERT INTO certificates (common_name, sans, subject, issuer, serial_hex, not_before,"
                           " not_after, fingerprint_sha256, key_algorithm, key_bits, signature_algorithm, status,"
                           " server_type, host, port, bot_id, key_id, source, chain_pem, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            valuesOf(record, now), QStringLiteral("add %1 to the inventory").arg(describe(record)));
        if (!inserted) {
            return inserted.error();
        }
        id = inserted->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    record.id = id;
    record.updatedAt = sql::timeFrom(now);
    return id;
}

Status CertificateRepository::update(const CertificateRecord& record) const
{
    return m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        if (Status free = checkFingerprintFree(db, record); !free) {
            return free;
        }
        QVariantList values = valuesOf(record, sql::nowText());
        values.append(record.id);
        return sql::runOnOneRow(
            db,
            QStringLiteral("UPDATE certificates SET common_name = ?, sans = ?, subject = ?,"
                           " issuer = ?, serial_hex = ?, not_before = ?, not_after = ?,"
                           " fingerprint_sha256 = ?, key_algorithm = ?, key_bits = ?,"
                           " signature_algorithm = ?, status = ?, server_type = ?, host = ?,"
                           " port = ?, bot_id = ?, key_id = ?, source = ?, chain_pem = ?,"
                           " updated_at = ? WHERE id = ?"),
            values, QStringLiteral("save %1").arg(describe(record)),
            QStringLiteral("Could not save %1: it is no longer in the inventory.").arg(describe(record)));
    });
}

Status CertificateRepository::setStatus(qint64 id, CertificateStatus status) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(
            m_db.connection(), QStringLiteral("UPDATE certificates SET status = ?, updated_at = ? WHERE id = ?"),
            {certificateStatusId(status), sql::nowText(), id},
            QStringLiteral("change the status of certificate #%1").arg(id),
            QStringLiteral("Could not change the status of certificate #%1: it is not in the inventory.").arg(id));
    });
}

Status CertificateRepository::setProbeResult(qint64 id, const QString& servedFingerprint, const QDateTime& probedAt,
                                             const QString& drift) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(
            m_db.connection(),
            QStringLiteral("UPDATE certificates SET served_fingerprint = ?, probed_at = ?, drift = ? WHERE id = ?"),
            {servedFingerprint.toLower(), sql::time(probedAt), drift, id},
            QStringLiteral("record the probe of certificate #%1").arg(id),
            QStringLiteral("Could not record the probe of certificate #%1: it is not in the inventory.").arg(id));
    });
}

Status CertificateRepository::remove(qint64 id) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(
            m_db.connection(), QStringLiteral("DELETE FROM certificates WHERE id = ?"), {id},
            QStringLiteral("remove certificate #%1 from the inventory").arg(id),
            QStringLiteral("Could not remove certificate #%1: it is not in the inventory.").arg(id));
    });
}

Result<std::optional<CertificateRecord>> CertificateRepository::find(qint64 id) const
{
    auto query =
        sql::run(m_db.connection(), QStringLiteral("SELECT %1, chain_pem FROM certificates WHERE id = ?").arg(kColumns),
                 {id}, QStringLiteral("read certificate #%1").arg(id));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<CertificateRecord>();
    }
    return std::optional<CertificateRecord>(recordFrom(*query, true));
}

Result<std::optional<CertificateRecord>> CertificateRepository::findByFingerprint(const QString& sha256) const
{
    auto query =
        sql::run(m_db.connection(),
                 QStringLiteral("SELECT %1, chain_pem FROM certificates WHERE fingerprint_sha256 = ?").arg(kColumns),
                 {sha256.toLower()}, QStringLiteral("look up the certificate with fingerprint %1").arg(sha256));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<CertificateRecord>();
    }
    return std::optional<CertificateRecord>(recordFrom(*query, true));
}

Result<QList<CertificateRecord>> CertificateRepository::all(bool withChains) const
{
    const QString columns = withChains ? kColumns + QStringLiteral(", chain_pem") : kColumns;
    auto query = sql::run(m_db.connection(), QStringLiteral("SELECT %1 FROM certificates ORDER BY id").arg(columns), {},
                          QStringLiteral("read the certificate inventory"));
    if (!query) {
        return query.error();
    }
    QList<CertificateRecord> records;
    while (query->next()) {
        records.append(recordFrom(*query, withChains));
    }
    return records;
}

Result<int> CertificateRepository::count() const
{
    auto value = sql::scalar(m_db.connection(), QStringLiteral("SELECT COUNT(*) FROM certificates"), {},
                             QStringLiteral("count the certificates in the inventory"));
    if (!value) {
        return value.error();
    }
    return value->toInt();
}

} // namespace certdeck::store
