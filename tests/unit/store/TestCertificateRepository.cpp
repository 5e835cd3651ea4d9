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
