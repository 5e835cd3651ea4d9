#include "engine/store/CaConnectorRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

const QString kSelect = QStringLiteral("SELECT id, ca_type, name, settings, created_at FROM ca_connectors");

Result<QList<CaConnectorRow>> rowsWhere(const QSqlDatabase& db, const QString& clause, const QVariantList& params,
                                        const QString& what)
{
    auto query = sql::run(db, kSelect + QLatin1Char(' ') + clause, params, what);
    if (!query) {
        return query.error();
    }
    QList<CaConnectorRow> rows;
    while (query->next()) {
        CaConnectorRow row;
        row.id = query->value(0).toLongLong();
        row.caType = query->value(1).toString();
        row.name = query->value(2).toString();
        row.settings = sql::jsonObject(query->value(3));
        row.createdAt = sql::timeFrom(query->value(4));
        rows.append(row);
    }
    return rows;
}

} // namespace

CaConnectorRepository::CaConnectorRepository(const Database& db)
    : m_db(db)
{
}

Result<qint64> CaConnectorRepository::insert(CaConnectorRow& row) const
{
    if (row.name.trimmed().isEmpty() || row.caType.isEmpty()) {
        return fail(QStringLiteral("A CA connector needs a name."), QStringLiteral("invalid"));
    }
    const QDateTime createdAt = row.createdAt.isValid() ? row.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    qint64 id = 0;
    const Status status = m_db.transaction([&]() -> Status {
        const QSqlDatabase db = m_db.connection();
        auto existing = sql::scalar(db, QStringLiteral("SELECT id FROM ca_connectors WHERE ca_type = ? AND name = ?"),
                                    {row.caType, row.name}, QStringLiteral("check the CA connector names"));
        if (!existing) {
            return existing.error();
        }
        if (!existing->isNull()) {
            return fail(
                QStringLiteral("A CA connector named \"%1\" already exists. Choose another name.").arg(row.name),
                QStringLiteral("duplicate"));
        }
        auto inserted = sql::scalar(db,
                                    QStringLiteral("INSERT INTO ca_connectors (ca_type, name, settings, created_at)"
                                                   " VALUES (?, ?, ?, ?) RETURNING id"),
                                    {row.caType, row.name, sql::jsonText(row.settings), sql::time(createdAt)},
                                    QStringLiteral("store the CA connector \"%1\"").arg(row.name));
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

Result<std::optional<CaConnectorRow>> CaConnectorRepository::find(const QString& caType, const QString& name) const
{
    auto rows = rowsWhere(m_db.connection(), QStringLiteral("WHERE ca_type = ? AND name = ?"), {caType, name},
                          QStringLiteral("read the CA connector \"%1\"").arg(name));
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty()) {
        return std::optional<CaConnectorRow>();
    }
    return std::optional<CaConnectorRow>(rows->constFirst());
}

Result<QList<CaConnectorRow>> CaConnectorRepository::all(const QString& caType) const
{
    return rowsWhere(m_db.connection(), QStringLiteral("WHERE ca_type = ? ORDER BY name"), {caType},
                     QStringLiteral("read the CA connectors"));
}

Status CaConnectorRepository::updateSettings(const QString& caType, const QString& name,
                                             const QJsonObject& settings) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(m_db.connection(),
                                QStringLiteral("UPDATE ca_connectors SET settings = ? WHERE ca_type = ? AND name = ?"),
                                {sql::jsonText(settings), caType, name},
                                QStringLiteral("save the settings of the CA connector \"%1\"").arg(name),
                                QStringLiteral("The CA connector \"%1\" does not exist.").arg(name));
    });
}

Status CaConnectorRepository::remove(const QString& caType, const QString& name) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(m_db.connection(),
                                QStringLiteral("DELETE FROM ca_connectors WHERE ca_type = ? AND name = ?"),
                                {caType, name}, QStringLiteral("remove the CA connector \"%1\"").arg(name),
                                QStringLiteral("The CA connector \"%1\" does not exist.").arg(name));
    });
}

} // namespace certdeck::store
