// The drift rules: another certificate served, or this one expired; nothing served is not drift.
#include "engine/monitoring/EndpointCheck.h"

#include <QTest>
#include <QTimeZone>

using namespace certdeck;

class TestDriftOf : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_now = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

    CertificateRecord record() const
    {
        CertificateRecord r;
        r.id = 7;
        r.commonName = QStringLiteral("www.example.test");
        r.fingerprintSha256 = QStringLiteral("aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff00112233");
        r.notBefore = m_now.addDays(-10);
        r.notAfter = m_now.addDays(80);
        return r;
    }

private Q_SLOTS:
    void sameCertificateValidIsNoDrift()
    {
        const auto r = record();
        QCOMPARE(monitoring::driftOf(r, r.fingerprintSha256, r.notAfter, m_now), QString());
        // Case of the hex digits does not matter.
        QCOMPARE(monitoring::driftOf(r, r.fingerprintSha256.toUpper(), r.notAfter, m_now), QString());
    }

    void anotherCertificateIsDriftAndNamesIt()
    {
        const auto r = record();
        const QString other = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        const QString drift = monitoring::driftOf(r, other, m_now.addDays(300), m_now,
                                                  QStringLiteral("rogue.example.test"), QStringLiteral("Evil CA"));
        QCOMPARE(drift,
                 QStringLiteral("serves 01:23:45:67:89:ab:cd:ef issued to rogue.example.test by Evil CA, not this "
                                "certificate"));
        // Without the served names the text still says it is another certificate.
        const QString bare = monitoring::driftOf(r, other, {}, m_now);
        QVERIFY2(bare.contains(QStringLiteral("01:23:45:67")) && bare.contains(QStringLiteral("not this certificate")),
                 qPrintable(bare));
    }

    void thisCertificateExpiredIsDrift()
    {
        auto r = record();
        r.notAfter = m_now.addSecs(-60);
        const QString drift = monitoring::driftOf(r, r.fingerprintSha256, r.notAfter, m_now);
        QVERIFY2(drift.contains(QStringLiteral("expired")), qPrintable(drift));
        QVERIFY2(drift.contains(QStringLiteral("2026-06-01")), qPrintable(drift));
        // One second before expiry it is in sync.
        QCOMPARE(monitoring::driftOf(r, r.fingerprintSha256, r.notAfter, r.notAfter.addSecs(-1)), QString());
    }

    void nothingServedIsNotDrift()
    {
        const auto r = record();
        QCOMPARE(monitoring::driftOf(r, QString(), {}, m_now), QString());
    }

    void unreachableEndpointIsErrorNotDrift()
    {
        auto r = record();
        // Port 1 on loopback refuses the connection.
        const auto check = monitoring::checkEndpoint(r, QStringLiteral("127.0.0.1"), 1, 3000, m_now);
        QVERIFY(!check.reached);
        QVERIFY(check.drift.isEmpty());
        QVERIFY(!check.error.isEmpty());
        QCOMPARE(check.serverName, r.commonName);
        QCOMPARE(check.certificateId, r.id);
    }
};

QTEST_GUILESS_MAIN(TestDriftOf)
#include "TestDriftOf.moc"
