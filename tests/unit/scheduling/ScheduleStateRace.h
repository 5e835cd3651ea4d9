#pragma once

// Two schedulers racing on one inventory (shared by the SQLite unit test and the PostgreSQL integration test):
// every compare-and-set claim must be won by exactly one of them.
#include "engine/domain/CertificateRecord.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/ScheduleStateRepository.h"

#include <QList>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

namespace certdeck::test {

// Inserts `count` certificates and returns their ids.
inline QList<qint64> insertCertificates(const store::Database& db, int count)
{
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        CertificateRecord record;
        record.commonName = QStringLiteral("race%1.example.test").arg(i);
        record.fingerprintSha256 = QStringLiteral("%1").arg(i + 1, 64, 16, QLatin1Char('a'));
        record.status = CertificateStatus::Managed;
        record.updatedAt = QDateTime::currentDateTimeUtc();
        auto id = store::CertificateRepository(db).insert(record);
        if (!id.ok()) {
            QTest::qFail(qPrintable(id.message()), __FILE__, __LINE__);
            return {};
        }
        ids.append(id.value());
    }
    return ids;
}

// Runs `claim` for every id on two threads, each with its own Database opened on `url`, started together.
// Returns, per id, how many claims succeeded; errors are counted in *errors (with the last message).
template <typename Claim>
QList<int> raceClaims(const QString& url, const QList<qint64>& ids, Claim claim, int* errors, QString* lastError)
{
    QList<std::atomic<int>*> wins;
    for (int i = 0; i < ids.size(); ++i) {
        wins.append(new std::atomic<int>(0));
    }
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};
    QString failure;
    auto body = [&] {
        auto db = store::Database::open(url);
        if (!db.ok()) {
            ++failures;
            failure = db.message();
            ++ready;
            return;
        }
        const store::ScheduleStateRepository repository(**db);
        ++ready;
        while (ready.load() < 2) {
            QThread::yieldCurrentThread();
        }
        for (int i = 0; i < ids.size(); ++i) {
            const Result<bool> won = claim(repository, ids.at(i));
            if (!won.ok()) {
                ++failures;
                failure = won.message();
            } else if (won.value()) {
                ++*wins[i];
            }
        }
    };
    std::unique_ptr<QThread> first(QThread::create(body));
    std::unique_ptr<QThread> second(QThread::create(body));
    first->start();
    second->start();
    first->wait();
    second->wait();
    QList<int> counts;
    for (auto* count : wins) {
        counts.append(count->load());
        delete count;
    }
    *errors = failures.load();
    *lastError = failure;
    return counts;
}

// The whole scenario: first checks (row missing), moved checks (expected value), pending deployments.
inline void runClaimRace(const QString& url)
{
    auto opened = store::Database::open(url);
    QVERIFY2(opened.ok(), qPrintable(opened.message()));
    const auto db = *opened;
    const QList<qint64> ids = insertCertificates(*db, 40);
    QCOMPARE(ids.size(), 40);
    const QDateTime first = QDateTime(QDate(2027, 1, 2), QTime(2, 0), Qt::UTC);
    const QDateTime second = first.addDays(1);
    int errors = 0;
    QString error;

    // No row yet: both expect "unset"; exactly one moves each check to `first`.
    QList<int> wins = raceClaims(
        url, ids,
        [&](const store::ScheduleStateRepository& r, qint64 id) { return r.claimRenewalCheck(id, {}, first); }, &errors,
        &error);
    QVERIFY2(errors == 0, qPrintable(error));
    for (int count : wins) {
        QCOMPARE(count, 1);
    }
    // Both read `first`; exactly one moves it on.
    wins = raceClaims(
        url, ids,
        [&](const store::ScheduleStateRepository& r, qint64 id) { return r.claimRenewalCheck(id, first, second); },
        &errors, &error);
    QVERIFY2(errors == 0, qPrintable(error));
    for (int count : wins) {
        QCOMPARE(count, 1);
    }
    // A stale reader (still expecting `first`) never wins.
    auto stale = store::ScheduleStateRepository(*db).claimRenewalCheck(ids.first(), first, second.addDays(1));
    QVERIFY2(stale.ok(), qPrintable(stale.message()));
    QVERIFY(!stale.value());
    auto state = store::ScheduleStateRepository(*db).find(ids.first());
    QVERIFY(state.ok() && state->has_value());
    QCOMPARE(state->value().nextRenewalCheckAt, second);

    // Pending deployments: set once, taken by exactly one.
    for (qint64 id : ids) {
        QVERIFY(store::ScheduleStateRepository(*db).setPendingDeploy(id, first));
    }
    wins = raceClaims(
        url, ids, [&](const store::ScheduleStateRepository& r, qint64 id) { return r.claimPendingDeploy(id, first); },
        &errors, &error);
    QVERIFY2(errors == 0, qPrintable(error));
    for (int count : wins) {
        QCOMPARE(count, 1);
    }
    state = store::ScheduleStateRepository(*db).find(ids.last());
    QVERIFY(state.ok() && state->has_value());
    QVERIFY(!state->value().pendingDeployAt.isValid());

    // Drift checks, like renewal checks.
    wins = raceClaims(
        url, ids, [&](const store::ScheduleStateRepository& r, qint64 id) { return r.claimDriftCheck(id, {}, first); },
        &errors, &error);
    QVERIFY2(errors == 0, qPrintable(error));
    for (int count : wins) {
        QCOMPARE(count, 1);
    }
    auto earliest = store::ScheduleStateRepository(*db).earliestInstant();
    QVERIFY2(earliest.ok(), qPrintable(earliest.message()));
    QCOMPARE(earliest.value(), first);
}

} // namespace certdeck::test
