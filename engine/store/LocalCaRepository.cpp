#include "engine/store/LocalCaRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kSelect = QStringLiteral(
    "SELECT id, name, parent_id, certificate_pem, encrypted_key_pem, crl_number, created_at FROM local_cas");

LocalCaRow rowFrom(const QSqlQuery& q)
{
    LocalCaRow row;
    row.id = q.value(QStringLiteral("id")).toLongLong();
    row.name = q.value(QStringLiteral("name")).toString();
    row.parentId = q.value(QStringLiteral("parent_id")).toLongLong();
    row.certificatePem = q.value(QStringLiteral("certificate_pem")).toByteArray();
    row.encryptedKeyPem = q.value(QStringLiteral("encrypted_key_pem")).toByteArray();
    row.crlNumber = q.value(QStringLiteral("crl_number")).toLongLong();
    row.createdAt = sql::timeFrom(q.value(QStringLiteral("created_at")));
    return row;
}

Result<QList<LocalCaRow>> rowsWhere(const QSqlDatabase& db, const QString& clause, const QVariantList& params,
                                    const QString& what)
{
    auto query = sql::run(db, kSelect + QLatin1Char(' ') + clause, params, what);
    if (!query) {
        return query.error();
    }
    QList<LocalCaRow> rows;
    while (query->next()) {
        rows.append(rowFrom(*query));
    }
    return rows;
}

Result<std::optional<LocalCaRow>> firstOf(Result<QList<LocalCaRow>> rows)
{
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<LocalCaRow>();
    }
    return std::optional<LocalCaRow>(rows->constFirst());
}

// Serials are compared as lowercase hex without leading zeros (as printed by OpenSSL, "00" for zero).
QString normalSerial(const QString& serialHex)
{
    QString serial = serialHex.trimmed().toLower().remove(QLatin1Char(':'));
    while (serial.size() > 1 && serial.startsWith(QLatin1Char('0'))) {
        serial.remove(0, 1);
    }
    return serial;
}

QString stateId(RevocationState state)
{
    return state == RevocationState::OnHold ? QStringLiteral("on-hold") : QStringLiteral("revoked");
}

RevocationState stateFrom(const QString& id)
{
    return id == QLatin1String("on-hold") ? RevocationState::OnHold : RevocationState::Revoked;
}

} // namespace

LocalCaRepository::LocalCaRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> LocalCaRepository::insert(LocalCaRow& row) const
{
    if (row.name.trimmed().isEmpty()) {
        return fail(QStringLiteral("A certificate authority needs a name."), QStringLiteral("invalid"));
    }
    const QDateTime createdAt = row.createdAt.isValid() ? row.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    qint64 id = 0;
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        auto existing = sql::scalar(db, QStringLiteral("SELECT id FROM local_cas WHERE name = ?"), {row.name},
                                    QStringLiteral("check the certificate authority names"));
        if (!existing) {
            return existing.error();
        }
        if (!existing->isNull()) {
            return fail(QStringLiteral("A certificate authority named \"%1\" already exists. Choose another name.")
                            .arg(row.name),
                        QStringLiteral("duplicate"));
        }
        auto inserted = sql::scalar(db,
                                    QStringLiteral("INSERT INTO local_cas (name, parent_id, certificate_pem,"
                                                   " encrypted_key_pem, crl_number, created_at)"
                                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                                    {row.name, sql::idOrNull(row.parentId), row.certificatePem, row.encryptedKeyPem,
                                     row.crlNumber, sql::time(createdAt)},
                                    QStringLiteral("store the certificate authority \"%1\"").arg(row.name));
        if (!inserted) {
            return inserted.error();
        }
        id = inserted->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    row.id = id;
    row.createdAt = sql::timeFrom(sql::time(createdAt));
    return id;
}

Result<std::optional<LocalCaRow>> LocalCaRepository::findByName(const QString& name) const
{
    return firstOf(rowsWhere(m_db.connection(), QStringLiteral("WHERE name = ?"), {name},
                             QStringLiteral("read the certificate authority \"%1\"").arg(name)));
}

Result<std::optional<LocalCaRow>> LocalCaRepository::find(qint64 id) const
{
    return firstOf(rowsWhere(m_db.connection(), QStringLiteral("WHERE id = ?"), {id},
                             QStringLiteral("read certificate authority #%1").arg(id)));
}

Result<QList<LocalCaRow>> LocalCaRepository::all() const
{
    return rowsWhere(m_db.connection(), QStringLiteral("ORDER BY id"), {},
                     QStringLiteral("read the built-in certificate authorities"));
}

Result<qint64> LocalCaRepository::nextCrlNumber(qint64 caId) const
{
    qint64 number = 0;
    const Status status = m_db.transaction([&]() -> Status {
        auto value =
            sql::scalar(m_db.connection(),
                        QStringLiteral("UPDATE local_cas SET crl_number = crl_number + 1 WHERE id = ?"
                                       " RETURNING crl_number"),
                        {caId}, QStringLiteral("take the next CRL number of certificate authority #%1").arg(caId));
        if (!value) {
            return value.error();
        }
        if (value->isNull()) {
            return fail(QStringLiteral("Certificate authority #%1 does not exist.").arg(caId),
                        QStringLiteral("notFound"));
        }
        number = value->toLongLong();
        return {};
    });
    if (!status) {
        return status.error();
    }
    return number;
}

Status LocalCaRepository::recordIssued(qint64 caId, const QString& serialHex, const QDateTime& notAfter,
                                       const QString& requestId, const QByteArray& certificatePem) const
{
    return m_db.transaction([&]() -> Status {
        auto query = sql::run(
            m_db.connection(),
            QStringLiteral("INSERT INTO local_ca_issued (ca_id, serial_hex, not_after, request_id, certificate_pem)"
                           " VALUES (?, ?, ?, ?, ?)"),
            {caId, normalSerial(serialHex), sql::time(notAfter),
             requestId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(requestId),
             certificatePem.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(certificatePem)},
            QStringLiteral("record serial %1 as issued by certificate authority #%2").arg(serialHex).arg(caId));
        return query ? Status() : Status(query.error());
    });
}

Result<std::optional<IssuedRow>> LocalCaRepository::issuedForRequest(const QString& requestId) const
{
    if (requestId.isEmpty()) {
        return std::optional<IssuedRow>();
    }
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("SELECT ca_id, serial_hex, certificate_pem FROM local_ca_issued"
                                         " WHERE request_id = ?"),
                          {requestId}, QStringLiteral("look up the certificate issued for request %1").arg(requestId));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<IssuedRow>();
    }
    IssuedRow row;
    row.caId = query->value(0).toLongLong();
    row.serialHex = query->value(1).toString();
    row.requestId = requestId;
    row.certificatePem = query->value(2).toByteArray();
    return std::optional<IssuedRow>(row);
}

Result<bool> LocalCaRepository::hasIssued(qint64 caId, const QString& serialHex) const
{
    auto value = sql::scalar(m_db.connection(),
                             QStringLiteral("SELECT COUNT(*) FROM local_ca_issued WHERE ca_id = ? AND serial_hex = ?"),
                             {caId, normalSerial(serialHex)},
                             QStringLiteral("look up serial %1 of certificate authority #%2").arg(serialHex).arg(caId));
    if (!value) {
        return value.error();
    }
    return value->toLongLong() > 0;
}

Status LocalCaRepository::setRevocation(const RevocationRow& row) const
{
    const QString serial = normalSerial(row.serialHex);
    const QDateTime revokedAt = row.revokedAt.isValid() ? row.revokedAt : QDateTime::currentDateTimeUtc();
    return m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        auto issued = hasIssued(row.caId, serial);
        if (!issued) {
            return issued.error();
        }
        if (!*issued) {
            return fail(QStringLiteral("Serial %1 was not issued by certificate authority #%2, so it cannot revoke or "
                                       "hold it.")
                            .arg(row.serialHex)
                            .arg(row.caId),
                        QStringLiteral("notFound"));
        }
        auto current =
            sql::scalar(db,
                        QStringLiteral("SELECT state FROM local_ca_revocations WHERE ca_id = ? AND"
                                       " serial_hex = ?"),
                        {row.caId, serial}, QStringLiteral("read the revocation state of serial %1").arg(serial));
        if (!current) {
            return current.error();
        }
        const QString what = row.state == RevocationState::OnHold ? QStringLiteral("put serial %1 on hold")
                                                                  : QStringLiteral("revoke serial %1");
        if (current->isNull()) {
            auto inserted =
                sql::run(db,
                         QStringLiteral("INSERT INTO local_ca_revocations (ca_id, serial_hex, reason, state,"
                                        " revoked_at) VALUES (?, ?, ?, ?, ?)"),
                         {row.caId, serial, row.reason, stateId(row.state), sql::time(revokedAt)}, what.arg(serial));
            return inserted ? Status() : Status(inserted.error());
        }
        if (stateFrom(current->toString()) == RevocationState::Revoked) {
            return fail(
                QStringLiteral("Could not %1: it is already revoked, and a revocation is final.").arg(what.arg(serial)),
                QStringLiteral("conflict"));
        }
        if (row.state == RevocationState::OnHold) {
            return fail(QStringLiteral("Could not %1: it is already on hold.").arg(what.arg(serial)),
                        QStringLiteral("conflict"));
        }
        // On hold -> revoked for good.
        auto updated =
            sql::run(db,
                     QStringLiteral("UPDATE local_ca_revocations SET reason = ?, state = ?, revoked_at = ?"
                                    " WHERE ca_id = ? AND serial_hex = ?"),
                     {row.reason, stateId(row.state), sql::time(revokedAt), row.caId, serial}, what.arg(serial));
        return updated ? Status() : Status(updated.error());
    });
}

Status LocalCaRepository::removeHold(qint64 caId, const QString& serialHex) const
{
    const QString serial = normalSerial(serialHex);
    return m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        auto current =
            sql::scalar(db,
                        QStringLiteral("SELECT state FROM local_ca_revocations WHERE ca_id = ? AND"
                                       " serial_hex = ?"),
                        {caId, serial}, QStringLiteral("read the revocation state of serial %1").arg(serial));
        if (!current) {
            return current.error();
        }
        if (current->isNull()) {
            return fail(QStringLiteral("Could not resume serial %1: it is not on hold.").arg(serial),
                        QStringLiteral("notFound"));
        }
        if (stateFrom(current->toString()) == RevocationState::Revoked) {
            return fail(
                QStringLiteral("Could not resume serial %1: it is revoked, and a revocation is final.").arg(serial),
                QStringLiteral("conflict"));
        }
        auto removed =
            sql::run(db, QStringLiteral("DELETE FROM local_ca_revocations WHERE ca_id = ? AND serial_hex = ?"),
                     {caId, serial}, QStringLiteral("resume serial %1").arg(serial));
        return removed ? Status() : Status(removed.error());
    });
}

Result<QList<RevocationRow>> LocalCaRepository::revocations(qint64 caId) const
{
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("SELECT ca_id, serial_hex, reason, state, revoked_at FROM local_ca_revocations"
                                         " WHERE ca_id = ? ORDER BY revoked_at, serial_hex"),
                          {caId}, QStringLiteral("read the revocations of certificate authority #%1").arg(caId));
    if (!query) {
        return query.error();
    }
    QList<RevocationRow> rows;
    while (query->next()) {
        RevocationRow row;
        row.caId = query->value(0).toLongLong();
        row.serialHex = query->value(1).toString();
        row.reason = query->value(2).toInt();
        row.state = stateFrom(query->value(3).toString());
        row.revokedAt = sql::timeFrom(query->value(4));
        rows.append(row);
    }
    return rows;
}

} // namespace certdeck::store
