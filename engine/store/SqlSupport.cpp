#include "engine/store/SqlSupport.h"

#include <QJsonDocument>
#include <QSqlError>

namespace certdeck::store::sql {
namespace {

QString driverText(const QSqlError& error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty()) {
        text = error.driverText().trimmed();
    }
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

// Qt SQL binds a null QString / QByteArray as SQL NULL. Only the explicit markers (a null QVariant of a type,
// as made by time(), textOrNull(), idOrNull()) mean NULL here; an empty string stays an empty string.
QVariant bindable(const QVariant& value)
{
    if (value.isNull()) {
        return value;
    }
    if (value.typeId() == QMetaType::QString && value.toString().isNull()) {
        return QVariant(QStringLiteral(""));
    }
    if (value.typeId() == QMetaType::QByteArray && value.toByteArray().isNull()) {
        return QVariant(QByteArray(""));
    }
    return value;
}

} // namespace

Result<QSqlQuery> run(const QSqlDatabase& db, const QString& statement, const QVariantList& params, const QString& what)
{
    if (!db.isOpen()) {
        return fail(QStringLiteral("Could not %1: the inventory database is not open (%2). Check that the "
                                   "database file or server is reachable and restart CertDeck.")
                        .arg(what, driverText(db.lastError())),
                    QStringLiteral("database"));
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        return fail(QStringLiteral("Could not %1: %2").arg(what, driverText(query.lastError())),
                    QStringLiteral("database"));
    }
    for (const QVariant& value : params) {
        query.addBindValue(bindable(value));
    }
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        return fail(QStringLiteral("Could not %1: %2").arg(what, driverText(error)),
                    isUniqueViolation(error) ? QStringLiteral("duplicate") : QStringLiteral("database"));
    }
    return query;
}

Status runOnOneRow(const QSqlDatabase& db, const QString& statement, const QVariantList& params, const QString& action,
                   const QString& missing)
{
    auto query = run(db, statement, params, action);
    if (!query) {
        return query.error();
    }
    if (query->numRowsAffected() == 0) {
        return fail(missing, QStringLiteral("notFound"));
    }
    return {};
}

Result<QVariant> scalar(const QSqlDatabase& db, const QString& statement, const QVariantList& params,
                        const QString& what)
{
    auto query = run(db, statement, params, what);
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return QVariant();
    }
    return query->value(0);
}

QVariant time(const QDateTime& value)
{
    if (!value.isValid()) {
        return QVariant(QMetaType::fromType<QString>());
    }
    return value.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime timeFrom(const QVariant& value)
{
    if (value.isNull()) {
        return {};
    }
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        parsed = QDateTime::fromString(value.toString(), Qt::ISODate);
    }
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString nowText()
{
    return time(QDateTime::currentDateTimeUtc()).toString();
}

QVariant textOrNull(const QString& value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant idOrNull(qint64 id)
{
    return id == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(static_cast<qlonglong>(id));
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QVariant& text)
{
    if (text.isNull()) {
        return {};
    }
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

bool isUniqueViolation(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    // PostgreSQL SQLSTATE unique_violation; SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY (or the text).
    return code == QLatin1String("23505") || code == QLatin1String("2067") || code == QLatin1String("1555") ||
           error.databaseText().contains(QLatin1String("UNIQUE constraint failed"));
}

} // namespace certdeck::store::sql
