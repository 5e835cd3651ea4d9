#include "engine/store/AuditRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "tests/unit/store/StoreScenarios.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::store;

class TestCertificateRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        test::scenarios::certificateRoundTrip(*db);
    }

    // The rows are read without a JSON parser or QDateTime::fromString on the common path: names with the
    // characters JSON escapes, and times to the millisecond, must come back exactly.
    void unusualNamesAndTimesReadBackExactly()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const CertificateRepository certificates(*db);
        CertificateRecord record;
        record.commonName = QStringLiteral("odd.example.com");
        record.sans = {
            QStringLiteral("a\",\"b.example.com"), QStringLiteral("quote\"inside"), QStringLiteral("back\\slash"),
            QStringLiteral("bücher.example"),      QStringLiteral("[\"x\"]"),       QString()};
        record.notBefore = QDateTime(QDate(2026, 2, 28), QTime(23, 59, 59, 999), Qt::UTC);
        record.notAfter = QDateTime(QDate(2027, 3, 1), QTime(0, 0, 0, 7), Qt::UTC);
        record.status = CertificateStatus::Managed;
        QVERIFY(certificates.insert(record).ok());
        CertificateRecord plain;
        plain.commonName = QStringLiteral("plain.example.com");
        plain.sans = {QStringLiteral("plain.example.com"), QStringLiteral("www.plain.example.com")};
        plain.notAfter = QDateTime(QDate(2026, 12, 31), QTime(12, 30, 15, 250), Qt::UTC);
        QVERIFY(certificates.insert(plain).ok());

        auto all = certificates.all();
        QVERIFY2(all.ok(), qPrintable(all.message()));
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).sans, record.sans);
        QCOMPARE(all->at(0).notBefore, record.notBefore);
        QCOMPARE(all->at(0).notAfter, record.notAfter);
        QCOMPARE(all->at(0).notAfter.timeSpec(), Qt::UTC);
        QCOMPARE(all->at(1).sans, plain.sans);
        QCOMPARE(all->at(1).notAfter, plain.notAfter);
        QVERIFY(!all->at(1).notBefore.isValid());
    }

    // The dashboard's first page: the certificates that expire first, soonest first; none without an expiry.
    void soonestExpiringListsTheFirstToExpire()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const CertificateRepository certificates(*db);
        const QDateTime now = QDateTime(QDate(2026, 6, 1), QTime(8, 0), Qt::UTC);
        for (const int days : {40, -3, 12, 400, 5}) {
            CertificateRecord record;
            record.commonName = QStringLiteral("in%1days.example.com").arg(days);
            record.notAfter = now.addDays(days);
            QVERIFY(certificates.insert(record).ok());
        }
        CertificateRecord undated;
        undated.commonName = QStringLiteral("undated.example.com");
        QVERIFY(certificates.insert(undated).ok());

        auto first = certificates.soonestExpiring(3);
        QVERIFY2(first.ok(), qPrintable(first.message()));
        QStringList names;
        for (const CertificateRecord& record : first.value()) {
            names << record.commonName;
        }
        QCOMPARE(names, QStringList({QStringLiteral("in-3days.example.com"), QStringLiteral("in5days.example.com"),
                                     QStringLiteral("in12days.example.com")}));
        auto more = certificates.soonestExpiring(100);
        QVERIFY(more.ok());
        QCOMPARE(more->size(), 5); // the one without an expiry comes with the rest of the inventory
    }

    void survivesReopening()
    {
        QTemporaryDir dir;
        qint64 id = 0;
        {
            auto db = test::scenarios::openTempSqlite(dir);
            QVERIFY(db);
            id = test::scenarios::addCertificate(*db, QStringLiteral("persist.example.com"), QStringLiteral("ff00"));
            QVERIFY(id != 0);
        }
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        auto found = CertificateRepository(*db).findByFingerprint(QStringLiteral("FF00"));
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->id, id);
        QCOMPARE((*found)->commonName, QStringLiteral("persist.example.com"));
    }

    void removingCertificateRemovesItsJobsButKeepsAudit()
    {
        QTemporaryDir dir;
        auto db = test::scenarios::openTempSqlite(dir);
        QVERIFY(db);
        const qint64 id = test::scenarios::addCertificate(*db, QStringLiteral("gone.example.com"));
        Job job;
        job.certificateId = id;
        QVERIFY(JobRepository(*db).create(job));
        AuditEvent event;
        event.actor = QStringLiteral("operator:test");
        event.certificateId = id;
        event.action = QStringLiteral("cert.import");
        event.outcome = QStringLiteral("ok");
        QVERIFY(AuditRepository(*db).append(event));

        auto removed = CertificateRepository(*db).remove(id);
        QVERIFY2(removed, qPrintable(removed.message()));
        QVERIFY(JobRepository(*db).forCertificate(id).value().isEmpty());
        QCOMPARE(AuditRepository(*db).forCertificate(id).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCertificateRepository)
#include "TestCertificateRepository.moc"
