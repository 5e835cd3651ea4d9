// checkEndpoint and DriftMonitor against a real nginx: in sync when it serves the record's certificate, drift
// naming the served certificate when it serves another one, error (not drift) when nothing listens.
#include "engine/monitoring/DriftMonitor.h"
#include "engine/monitoring/EndpointCheck.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "tests/support/TestPki.h"
#include "tests/support/WebServerFixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;
using namespace certdeck::test;

class TestEndpointCheck : public QObject
{
    Q_OBJECT

private:
    static CertificateRecord recordOf(const crypto::Certificate& cert, int port)
    {
        CertificateRecord r;
        r.commonName = cert.commonName();
        r.sans = cert.subjectAltNames();
        r.subject = cert.subject();
        r.issuer = cert.issuer();
        r.serialHex = cert.serialHex();
        r.notBefore = cert.notBefore();
        r.notAfter = cert.notAfter();
        r.fingerprintSha256 = cert.fingerprintSha256();
        r.keyAlgorithm = cert.keyAlgorithm();
        r.keyBits = cert.keyBits();
        r.signatureAlgorithm = cert.signatureAlgorithm();
        r.host = QStringLiteral("127.0.0.1");
        r.port = port;
        r.chainPem = cert.toPem();
        return r;
    }

private Q_SLOTS:
    void servedVersusRecorded()
    {
        QString reason;
        if (!WebServerFixture::isAvailable(WebServerFixture::Server::Nginx, &reason)) {
            QSKIP(qPrintable(reason));
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        TestPki pki;
        const IssuedCert served = pki.issueLeaf(QStringList{QStringLiteral("www.example.test")});
        const IssuedCert other = pki.issueLeaf(QStringList{QStringLiteral("www.example.test")});
        const PemFiles files =
            writePemFiles(dir.filePath(QStringLiteral("pem")), QStringLiteral("site"), served, pki.caChain());
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("nginx"))));
        WebServerFixture nginx(WebServerFixture::Server::Nginx, dir.filePath(QStringLiteral("nginx")));
        TlsSite site;
        site.certificateFile = files.fullChain;
        site.keyFile = files.key;
        site.serverName = QStringLiteral("www.example.test");
        const Status started = nginx.start(site);
        QVERIFY2(started, qPrintable(started.message()));

        const QDateTime now = QDateTime::currentDateTimeUtc();
        // The endpoint serves this record: no drift.
        const CertificateRecord inSync = recordOf(served.cert, nginx.port());
        auto check = monitoring::checkEndpoint(inSync, QStringLiteral("127.0.0.1"), nginx.port(), 10000, now);
        QVERIFY2(check.reached, qPrintable(check.error));
        QCOMPARE(check.servedFingerprint, served.cert.fingerprintSha256());
        QCOMPARE(check.serverName, QStringLiteral("www.example.test"));
        QCOMPARE(check.drift, QString());

        // The inventory says another certificate: drift names what is served.
        const CertificateRecord recorded = recordOf(other.cert, nginx.port());
        check = monitoring::checkEndpoint(recorded, QStringLiteral("127.0.0.1"), nginx.port(), 10000, now);
        QVERIFY(check.reached);
        QVERIFY2(check.drift.startsWith(QStringLiteral("serves ") +
                                        monitoring::shortFingerprint(served.cert.fingerprintSha256())),
                 qPrintable(check.drift));
        QVERIFY2(check.drift.contains(QStringLiteral("issued to www.example.test")), qPrintable(check.drift));
        QVERIFY2(check.drift.contains(pki.intermediate().cert.commonName()), qPrintable(check.drift));

        // The same certificate, checked as if after its expiry: drift says expired.
        check = monitoring::checkEndpoint(inSync, QStringLiteral("127.0.0.1"), nginx.port(), 10000,
                                          served.cert.notAfter().addDays(1));
        QVERIFY2(check.drift.contains(QStringLiteral("expired")), qPrintable(check.drift));

        // A batch through DriftMonitor: results are stored, only the drifted one is reported as new drift, the
        // one whose endpoint does not listen is an error.
        auto db = store::Database::open(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db")));
        QVERIFY2(db, qPrintable(db.message()));
        store::CertificateRepository repo(**db);
        CertificateRecord a = inSync;
        CertificateRecord b = recorded;
        CertificateRecord c = recordOf(pki.issueLeaf(QStringList{QStringLiteral("down.example.test")}).cert, 1);
        for (CertificateRecord* r : {&a, &b, &c}) {
            auto id = repo.insert(*r);
            QVERIFY2(id, qPrintable(id.message()));
        }
        monitoring::DriftMonitor monitor(*db);
        QSignalSpy drift(&monitor, &monitoring::DriftMonitor::driftFound);
        QSignalSpy done(&monitor, &monitoring::DriftMonitor::finished);
        monitor.checkAll({a, b, c});
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toInt(), 3);
        QCOMPARE(done.first().at(1).toInt(), 1);
        QCOMPARE(done.first().at(2).toInt(), 1);
        QCOMPARE(drift.size(), 1);
        QCOMPARE(drift.first().at(0).toLongLong(), b.id);
        const auto storedB = repo.find(b.id);
        QVERIFY(storedB && storedB->has_value());
        QCOMPARE((*storedB)->servedFingerprint, served.cert.fingerprintSha256());
        QCOMPARE((*storedB)->drift, drift.first().at(1).toString());
        const auto storedA = repo.find(a.id);
        QCOMPARE((*storedA)->drift, QString());
        QVERIFY((*storedA)->probedAt.isValid());
        QVERIFY(!(*repo.find(c.id))->probedAt.isValid());

        // Checked again with the drift already recorded: not "newly" drifted.
        b.drift = (*storedB)->drift;
        drift.clear();
        done.clear();
        monitor.checkAll({b});
        QVERIFY(done.wait(60000));
        QCOMPARE(drift.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEndpointCheck)
#include "TestEndpointCheck.moc"
