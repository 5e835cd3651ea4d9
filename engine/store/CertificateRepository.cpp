#include "engine/store/CertificateRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>
#include <iterator>

namespace certdeck::store {
namespace {

const QString kColumns = QStringLiteral(
    "id, common_name, sans, subject, issuer, serial_hex, not_before, not_after, fingerprint_sha256, key_algorithm,"
    " key_bits, signature_algorithm, status, server_type, host, port, bot_id, key_id, source, updated_at,"
    " served_fingerprint, probed_at, drift, location");

QString sansText(const QStringList& sans)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sans)).toJson(QJsonDocument::Compact));
}

QStringList sansFrom(const QVariant& value)
{
    QStringList sans;
    const QString text = value.toString();
    // Fast path for sansText()'s own output without escapes: ["a","b"] (a JSON parse per row costs more than the
    // rest of the row at 100,000 rows).
    if (text == QLatin1String("[]")) {
        return sans;
    }
    if (text.size() >= 4 && text.startsWith(QLatin1String("[\"")) && text.endsWith(QLatin1String("\"]")) &&
        !text.contains(QLatin1Char('\\'))) {
        const QStringView inner = QStringView(text).mid(2, text.size() - 4);
        qsizetype start = 0;
        while (true) {
            const qsizetype end = inner.indexOf(QLatin1String("\",\""), start);
            sans.append(inner.mid(start, end < 0 ? -1 : end - start).toString());
            if (end < 0) {
                break;
            }
            start = end + 3;
        }
        if (std::none_of(sans.cbegin(), sans.cend(),
                         [](const QString& san) { return san.contains(QLatin1Char('"')); })) {
            return sans;
        }
        sans.clear(); // not what sansText() writes: the JSON parser decides
    }
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& value : array) {
        sans.append(value.toString());
    }
    return sans;
}

int digits(QStringView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9') {
            return -1;
        }
        value = value * 10 + (c - u'0');
    }
    return value;
}

// sql::time()'s own format "yyyy-MM-ddTHH:mm:ss.zzzZ" read without QDateTime::fromString (three per row at 100,000
// rows); anything else (another format, a driver's QDateTime) goes through sql::timeFrom.
QDateTime timeFromColumn(const QVariant& value)
{
    if (value.typeId() == QMetaType::QString) {
        const QString text = value.toString();
        if (text.size() == 24 && text[4] == QLatin1Char('-') && text[7] == QLatin1Char('-') &&
            text[10] == QLatin1Char('T') && text[13] == QLatin1Char(':') && text[16] == QLatin1Char(':') &&
            text[19] == QLatin1Char('.') && text[23] == QLatin1Char('Z')) {
            const int parts[] = {digits(text, 0, 4),  digits(text, 5, 2),  digits(text, 8, 2), digits(text, 11, 2),
                                 digits(text, 14, 2), digits(text, 17, 2), digits(text, 20, 3)};
            const QDate date(parts[0], parts[1], parts[2]);
            const QTime time(parts[3], parts[4], parts[5], parts[6]);
            if (std::all_of(std::begin(parts), std::end(parts), [](int part) { return part >= 0; }) && date.isValid() &&
                time.isValid()) {
                return QDateTime(date, time, Qt::UTC);
            }
        }
    }
    return sql::timeFrom(value);
}

// Reads a row of "SELECT kColumns[, chain_pem]" by position: name lookups per column and row cost more than the
// rest of the row at 100,000 rows.
CertificateRecord recordFrom(const QSqlQuery& q, bool withChain)
{
    CertificateRecord r;
    int c = 0;
    r.id = q.value(c++).toLongLong();
    r.commonName = q.value(c++).toString();
    r.sans = sansFrom(q.value(c++));
    r.subject = q.value(c++).toString();
    r.issuer = q.value(c++).toString();
    r.serialHex = q.value(c++).toString();
    r.notBefore = timeFromColumn(q.value(c++));
    r.notAfter = timeFromColumn(q.value(c++));
    r.fingerprintSha256 = q.value(c++).toString();
    r.keyAlgorithm = q.value(c++).toString();
    r.keyBits = q.value(c++).toInt();
    r.signatureAlgorithm = q.value(c++).toString();
    if (!certificateStatusFromId(q.value(c++).toString(), &r.status)) {
        r.status = CertificateStatus::Discovered;
    }
    r.serverType = q.value(c++).toString();
    r.host = q.value(c++).toString();
    r.port = q.value(c++).toInt();
    r.botId = q.value(c++).toLongLong();
    r.keyId = q.value(c++).toString();
    r.source = q.value(c++).toString();
    r.updatedAt = timeFromColumn(q.value(c++));
    r.servedFingerprint = q.value(c++).toString();
    r.probedAt = timeFromColumn(q.value(c++));
    r.drift = q.value(c++).toString();
    r.location = q.value(c++).toString();
    if (withChain) {
        r.chainPem = q.value(c).toByteArray();
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
            r.location,
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
                           " server_type, host, port, bot_id, key_id, source, location, chain_pem, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
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
                           " port = ?, bot_id = ?, key_id = ?, source = ?, location = ?, chain_pem = ?,"
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

Result<QList<CertificateRecord>> CertificateRepository::soonestExpiring(int limit) const
{
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("SELECT %1 FROM certificates WHERE not_after IS NOT NULL"
                                         " ORDER BY not_after, id LIMIT ?")
                              .arg(kColumns),
                          {std::max(0, limit)}, QStringLiteral("read the certificates that expire first"));
    if (!query) {
        return query.error();
    }
    QList<CertificateRecord> records;
    records.reserve(std::max(0, limit));
    while (query->next()) {
        records.append(recordFrom(*query, false));
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
