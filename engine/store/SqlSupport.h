#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

// Internal helpers shared by the repositories of engine/store (not part of the store's interface).
namespace certdeck::store::sql {

// Prepares and runs one statement with positional ("?") parameters. `what` completes the sentence
// "Could not <what>" in the error message ("read certificate #12", "save bot \"web1\"").
Result<QSqlQuery> run(const QSqlDatabase& db, const QString& statement, const QVariantList& params,
                      const QString& what);

// The first column of the first row of a query (an id from RETURNING, a COUNT...); invalid when no row.
// Runs a statement that must change exactly one existing row; none changed -> kind "notFound" with `missing`.
Status runOnOneRow(const QSqlDatabase& db, const QString& statement, const QVariantList& params, const QString& action,
                   const QString& missing);
Result<QVariant> scalar(const QSqlDatabase& db, const QString& statement, const QVariantList& params,
                        const QString& what);

// Timestamps are stored as UTC ISO-8601 text with milliseconds ("2026-11-27T04:30:21.000Z"), which sorts
// in time order; an invalid QDateTime is stored as NULL.
QVariant time(const QDateTime& value);
QDateTime timeFrom(const QVariant& value);
QString nowText();

// Text that is NULL when empty (fingerprints: "no material yet").
QVariant textOrNull(const QString& value);
// Ids where 0 means "none": stored as NULL.
QVariant idOrNull(qint64 id);

QString jsonText(const QJsonObject& object);
QJsonObject jsonObject(const QVariant& text);

// True when the error is a violated UNIQUE / PRIMARY KEY constraint (SQLite or PostgreSQL).
bool isUniqueViolation(const QSqlError& error);

} // namespace certdeck::store::sql
