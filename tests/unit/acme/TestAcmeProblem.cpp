#include "connectors/acme/AcmeProblem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace certdeck;
using namespace certdeck::acme;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestAcmeProblem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subproblemsNameTheirIdentifiers()
    {
        // RFC 8555 section 6.7.1 example.
        const QJsonObject problem =
            json("{ \"type\": \"urn:ietf:params:acme:error:malformed\", \"detail\": \"Some of the identifiers "
                 "requested were rejected\", \"subproblems\": [ {\"type\": \"urn:ietf:params:acme:error:malformed\", "
                 "\"detail\": \"Invalid underscore in DNS name \\\"_example.org\\\"\", \"identifier\": {\"type\": "
                 "\"dns\", \"value\": \"_example.org\"}}, {\"type\": "
                 "\"urn:ietf:params:acme:error:rejectedIdentifier\", \"detail\": \"This CA will not issue for "
                 "\\\"example.net\\\"\", \"identifier\": {\"type\": \"dns\", \"value\": \"example.net\"}} ]}");
        const Error error = AcmeProblem::toError(problem, QStringLiteral("create the order for example.org"), 400);
        QCOMPARE(error.kind, QStringLiteral("malformed"));
        QVERIFY2(error.message.startsWith(QStringLiteral("Could not create the order for example.org")),
                 qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("Some of the identifiers requested were rejected")));
        QVERIFY2(error.message.contains(QStringLiteral("- _example.org: Invalid underscore in DNS name")),
                 qPrintable(error.message));
        QVERIFY2(error.message.contains(QStringLiteral("- example.net: This CA will not issue for \"example.net\" "
                                                       "(rejectedIdentifier)")),
                 qPrintable(error.message));
    }

    void rateLimitedSaysWhenToRetry()
    {
        const QDateTime now = QDateTime(QDate(2026, 11, 27), QTime(8, 0, 0), Qt::UTC);
        const QJsonObject problem = json("{\"type\": \"urn:ietf:params:acme:error:rateLimited\", \"detail\": \"too "
                                         "many certificates already issued for exact set of domains\"}");
        const auto retryAfter = AcmeProblem::parseRetryAfter("3600", now);
        const Error error =
            AcmeProblem::toError(problem, QStringLiteral("create the order for a.example"), 429, retryAfter, now);
        QCOMPARE(error.kind, QStringLiteral("rateLimited"));
        QVERIFY2(error.message.contains(QStringLiteral("retry after 2026-11-27 09:00:00 UTC (in 60 minutes)")),
                 qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("too many certificates")));

        const Error unknownWhen = AcmeProblem::toError(problem, QStringLiteral("order"), 429, std::nullopt, now);
        QVERIFY2(unknownWhen.message.contains(QStringLiteral("retry later")), qPrintable(unknownWhen.message));
    }

    void typesBecomeKindsWithAdvice()
    {
        const Error eab = AcmeProblem::toError(
            json("{\"type\": \"urn:ietf:params:acme:error:externalAccountRequired\", \"detail\": \"EAB required\"}"),
            QStringLiteral("register the ACME account"), 400);
        QCOMPARE(eab.kind, QStringLiteral("externalAccountRequired"));
        QVERIFY2(eab.message.contains(QStringLiteral("External Account Binding (EAB)")), qPrintable(eab.message));

        for (const char* type : {"badNonce", "accountDoesNotExist", "unauthorized", "rejectedIdentifier"}) {
            const QString urn = QStringLiteral("urn:ietf:params:acme:error:") + QLatin1String(type);
            const QJsonObject problem{{QStringLiteral("type"), urn}, {QStringLiteral("detail"), QStringLiteral("d")}};
            QCOMPARE(AcmeProblem::toError(problem, QStringLiteral("x")).kind, QString::fromLatin1(type));
        }
        const Error user =
            AcmeProblem::toError(json("{\"type\": \"urn:ietf:params:acme:error:userActionRequired\", \"detail\": "
                                      "\"Terms changed\", \"instance\": \"https://ca.example/tos\"}"),
                                 QStringLiteral("create the order"));
        QVERIFY2(user.message.contains(QStringLiteral("https://ca.example/tos")), qPrintable(user.message));
    }

    void retryAfterAcceptsSecondsAndHttpDates()
    {
        const QDateTime now = QDateTime(QDate(2015, 10, 21), QTime(7, 0, 0), Qt::UTC);
        QCOMPARE(*AcmeProblem::parseRetryAfter("120", now), now.addSecs(120));
        QCOMPARE(*AcmeProblem::parseRetryAfter(" 0 ", now), now);
        const auto date = AcmeProblem::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now);
        QVERIFY(date.has_value());
        QCOMPARE(*date, QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC));
        QVERIFY(!AcmeProblem::parseRetryAfter("", now).has_value());
        QVERIFY(!AcmeProblem::parseRetryAfter("soon", now).has_value());
        QVERIFY(!AcmeProblem::parseRetryAfter("-5", now).has_value());
    }

    void plainHttpErrorsSayWhatToCheck()
    {
        const Error error = AcmeProblem::httpError(404, "<html>not found</html>", QStringLiteral("read the directory"));
        QVERIFY2(error.message.contains(QStringLiteral("HTTP 404")), qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("directory URL")));
    }
};

QTEST_GUILESS_MAIN(TestAcmeProblem)
#include "TestAcmeProblem.moc"
