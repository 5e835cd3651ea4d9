// When a failed job is tried again: exponential backoff with a cap and bounded jitter, the CA's Retry-After
// winning, and only transient failures retried.
#include "engine/jobs/RetryPolicy.h"

#include <QTest>

using namespace certdeck;
using namespace std::chrono_literals;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffDoublesUpToTheCap();
    void jitterStaysWithinTwentyPercent();
    void retryAfterWinsWhenLater();
    void classification_data();
    void classification();
    void stopsAfterTheLastAttempt();
};

namespace {

const QDateTime kNow(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC);

jobs::RetryPolicy withRandom(double r)
{
    jobs::RetryPolicy policy;
    policy.random = [r] { return r; };
    return policy;
}

} // namespace

void TestRetryPolicy::backoffDoublesUpToTheCap()
{
    const jobs::RetryPolicy policy;
    QCOMPARE(policy.maxAttempts, 5);
    QCOMPARE(policy.backoff(1), std::chrono::milliseconds(10s));
    QCOMPARE(policy.backoff(2), std::chrono::milliseconds(20s));
    QCOMPARE(policy.backoff(3), std::chrono::milliseconds(40s));
    QCOMPARE(policy.backoff(4), std::chrono::milliseconds(80s));
    QCOMPARE(policy.backoff(9), std::chrono::milliseconds(2560s));
    QCOMPARE(policy.backoff(10), std::chrono::milliseconds(1h)); // 5120 s capped
    QCOMPARE(policy.backoff(60), std::chrono::milliseconds(1h)); // no overflow
    // Without jitter (random in the middle) the next attempt is exactly the backoff away.
    QCOMPARE(withRandom(0.5).nextAttemptAt(2, Error{}, kNow), kNow.addSecs(20));
}

void TestRetryPolicy::jitterStaysWithinTwentyPercent()
{
    // The extremes of the random source give -20 % and (almost) +20 %.
    QCOMPARE(withRandom(0.0).nextAttemptAt(1, Error{}, kNow), kNow.addMSecs(8000));
    QCOMPARE(withRandom(1.0).nextAttemptAt(1, Error{}, kNow), kNow.addMSecs(12000));
    QCOMPARE(withRandom(0.0).nextAttemptAt(20, Error{}, kNow), kNow.addSecs(2880)); // cap - 20 %
    QCOMPARE(withRandom(1.0).nextAttemptAt(20, Error{}, kNow), kNow.addSecs(4320)); // cap + 20 %
    // Out-of-range sources are clamped, never beyond the bounds.
    QCOMPARE(withRandom(-3.0).nextAttemptAt(1, Error{}, kNow), kNow.addMSecs(8000));
    QCOMPARE(withRandom(7.0).nextAttemptAt(1, Error{}, kNow), kNow.addMSecs(12000));
    // The default source stays within the bounds too.
    const jobs::RetryPolicy real;
    for (int i = 0; i < 200; ++i) {
        const qint64 ms = kNow.msecsTo(real.nextAttemptAt(3, Error{}, kNow));
        QVERIFY2(ms >= 32000 && ms <= 48000, qPrintable(QString::number(ms)));
    }
}

void TestRetryPolicy::retryAfterWinsWhenLater()
{
    Error limited = fail(QStringLiteral("rate limited"), QStringLiteral("rateLimited"));
    limited.retryAfter = kNow.addSecs(900);
    QCOMPARE(withRandom(0.5).nextAttemptAt(1, limited, kNow), kNow.addSecs(900));
    // A Retry-After sooner than the backoff does not shorten it.
    limited.retryAfter = kNow.addSecs(2);
    QCOMPARE(withRandom(0.5).nextAttemptAt(1, limited, kNow), kNow.addSecs(10));
}

void TestRetryPolicy::classification_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("transient");
    QTest::newRow("network (refused, reset, DNS)") << QStringLiteral("network") << true;
    QTest::newRow("timeout") << QStringLiteral("timeout") << true;
    QTest::newRow("CA 5xx") << QStringLiteral("unavailable") << true;
    QTest::newRow("ACME serverInternal") << QStringLiteral("serverInternal") << true;
    QTest::newRow("rate limited") << QStringLiteral("rateLimited") << true;
    QTest::newRow("bot unreachable or died") << QStringLiteral("botUnreachable") << true;
    QTest::newRow("validation failed (ACME connection)") << QStringLiteral("connection") << false;
    QTest::newRow("validation failed (incorrectResponse)") << QStringLiteral("incorrectResponse") << false;
    QTest::newRow("authorization invalid") << QStringLiteral("authorizationInvalid") << false;
    QTest::newRow("policy refused (rejectedIdentifier)") << QStringLiteral("rejectedIdentifier") << false;
    QTest::newRow("CAA") << QStringLiteral("caa") << false;
    QTest::newRow("bad CSR") << QStringLiteral("badCSR") << false;
    QTest::newRow("weak key") << QStringLiteral("weakKey") << false;
    QTest::newRow("unauthorized") << QStringLiteral("unauthorized") << false;
    QTest::newRow("not found") << QStringLiteral("notFound") << false;
    QTest::newRow("cancelled") << QStringLiteral("cancelled") << false;
    QTest::newRow("nobody confirmed manual validation") << QStringLiteral("validationAbandoned") << false;
    QTest::newRow("no kind") << QString() << false;
}

void TestRetryPolicy::classification()
{
    QFETCH(QString, kind);
    QFETCH(bool, transient);
    const Error error = fail(QStringLiteral("x"), kind);
    QCOMPARE(jobs::RetryPolicy::isTransient(error), transient);
    QCOMPARE(jobs::RetryPolicy().shouldRetry(1, error), transient);
}

void TestRetryPolicy::stopsAfterTheLastAttempt()
{
    const jobs::RetryPolicy policy;
    const Error network = fail(QStringLiteral("refused"), QStringLiteral("network"));
    QVERIFY(policy.shouldRetry(4, network));
    QVERIFY(!policy.shouldRetry(5, network));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "TestRetryPolicy.moc"
