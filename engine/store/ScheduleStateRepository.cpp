#include "engine/store/ScheduleStateRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

ScheduleState stateFrom(const QSqlQuery& q)
{
    ScheduleState state;
    state.certificateId = q.value(0).toLongLong();
    state.nextRenewalCheckAt = sql::timeFrom(q.value(1));
    state.pendingDeployAt = sql::timeFrom(q.value(2));
    state.nextDriftCheckAt = sql::timeFrom(q.value(3));
    state.lastRenewalCheckAt = sql::timeFrom(q.value(4));
    state.lastOutcome = q.value(5).toString();
    return state;
}

const QString kSelect = QStringLiteral("SELECT certificate_id, next_renewal_check_at, pending_deploy_at,"
                                       " next_drift_check_at, last_renewal_check_at, last_outcome FROM schedule_state");

} // namespace

ScheduleStateRepository::ScheduleStateRepository(const Database& db)
    : m_db(db)
{
}

Result<QHash<qint64, ScheduleState>> ScheduleStateRepository::all() const
{
    auto query = sql::run(m_db.connection(), kSelect, {}, QObject::tr("read the scheduler's state"));
    if (!query) {
        return query.error();
    }
    QHash<qint64, ScheduleState> states;
    while (query->next()) {
        const ScheduleState state = stateFrom(*query);
        states.insert(state.certificateId, state);
    }
    return states;
}

Result<std::optional<ScheduleState>> ScheduleStateRepository::find(qint64 certificateId) const
{
    auto query = sql::run(m_db.connection(), kSelect + QStringLiteral(" WHERE certificate_id = ?"), {certificateId},
                          QObject::tr("read the scheduler's state of certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<ScheduleState>();
    }
    return std::optional<ScheduleState>(stateFrom(*query));
}

Status ScheduleStateRepository::ensureRow(qint64 certificateId) const
{
    // Portable upsert-or-nothing (SQLite >= 3.24 and PostgreSQL >= 9.5): the row exists afterwards, whoever made it.
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("INSERT INTO schedule_state (certificate_id, updated_at) VALUES (?, ?)"
                                         " ON CONFLICT (certificate_id) DO NOTHING"),
                          {certificateId, sql::nowText()},
                          QObject::tr("record the scheduler's state of certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    return {};
}

Result<bool> ScheduleStateRepository::compareAndSet(qint64 certificateId, const QString& column,
                                                    const QDateTime& expected, const QDateTime& next,
                                                    bool touchLastCheck) const
{
    if (Status made = ensureRow(certificateId); !made.ok()) {
        return made.error();
    }
    QString statement = QStringLiteral("UPDATE schedule_state SET %1 = ?, updated_at = ?").arg(column);
    QVariantList params{sql::time(next), sql::nowText()};
    if (touchLastCheck) {
        statement += QStringLiteral(", last_renewal_check_at = ?");
        params.append(sql::nowText());
    }
    statement += QStringLiteral(" WHERE certificate_id = ?");
    params.append(certificateId);
    if (expected.isValid()) {
        statement += QStringLiteral(" AND %1 = ?").arg(column);
        params.append(sql::time(expected));
    } else {
        statement += QStringLiteral(" AND %1 IS NULL").arg(column);
    }
    auto query = sql::run(m_db.connection(), statement, params,
                          QObject::tr("claim a scheduled check of certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    return query->numRowsAffected() == 1;
}

Result<bool> ScheduleStateRepository::claimRenewalCheck(qint64 certificateId, const QDateTime& expected,
                                                        const QDateTime& next) const
{
    return compareAndSet(certificateId, QStringLiteral("next_renewal_check_at"), expected, next, true);
}

Result<bool> ScheduleStateRepository::claimDriftCheck(qint64 certificateId, const QDateTime& expected,
                                                      const QDateTime& next) const
{
    return compareAndSet(certificateId, QStringLiteral("next_drift_check_at"), expected, next, false);
}

Status ScheduleStateRepository::setPendingDeploy(qint64 certificateId, const QDateTime& at) const
{
    if (Status made = ensureRow(certificateId); !made.ok()) {
        return made;
    }
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("UPDATE schedule_state SET pending_deploy_at = ?, updated_at = ?"
                                         " WHERE certificate_id = ?"),
                          {sql::time(at), sql::nowText(), certificateId},
                          QObject::tr("record the pending deployment of certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    return {};
}

Result<bool> ScheduleStateRepository::claimPendingDeploy(qint64 certificateId, const QDateTime& expected) const
{
    if (!expected.isValid()) {
        return false;
    }
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("UPDATE schedule_state SET pending_deploy_at = NULL, updated_at = ?"
                                         " WHERE certificate_id = ? AND pending_deploy_at = ?"),
                          {sql::nowText(), certificateId, sql::time(expected)},
                          QObject::tr("claim the pending deployment of certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    return query->numRowsAffected() == 1;
}

Status ScheduleStateRepository::setLastOutcome(qint64 certificateId, const QString& outcome) const
{
    if (Status made = ensureRow(certificateId); !made.ok()) {
        return made;
    }
    auto query = sql::run(m_db.connection(),
                          QStringLiteral("UPDATE schedule_state SET last_outcome = ?, updated_at = ?"
                                         " WHERE certificate_id = ?"),
                          {outcome, sql::nowText(), certificateId},
                          QObject::tr("record the scheduler's outcome for certificate #%1").arg(certificateId));
    if (!query) {
        return query.error();
    }
    return {};
}

Result<QDateTime> ScheduleStateRepository::earliestInstant() const
{
    // Timestamps are ISO-8601 UTC text of one width, so MIN() over the text is the earliest instant.
    const QStringList statements{
        QStringLiteral("SELECT MIN(next_renewal_check_at) FROM schedule_state"),
        QStringLiteral("SELECT MIN(pending_deploy_at) FROM schedule_state"),
        QStringLiteral("SELECT MIN(next_drift_check_at) FROM schedule_state"),
        QStringLiteral("SELECT MIN(not_before) FROM jobs WHERE state = 'queued'"),
    };
    QDateTime earliest;
    for (const QString& statement : statements) {
        auto value = sql::scalar(m_db.connection(), statement, {}, QObject::tr("read when the scheduler runs next"));
        if (!value.ok()) {
            return value.error();
        }
        const QDateTime at = sql::timeFrom(value.value());
        if (at.isValid() && (!earliest.isValid() || at < earliest)) {
            earliest = at;
        }
    }
    return earliest;
}

} // namespace certdeck::store
