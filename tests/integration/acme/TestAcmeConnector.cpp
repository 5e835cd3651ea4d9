#include "AcmeTestHelpers.h"
#include "ChallTestSrvValidator.h"

#include "connectors/acme/AcmeClient.h"
#include "engine/core/Log.h"
#include "engine/crypto/Certificate.h"
#include "tests/support/PebbleFixture.h"
#include "tests/support/WaitFor.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QtTest>

using namespace certdeck;
using acmetest::issueAndWait;
using acmetest::makeConnector;
using acmetest::makeCsr;
using acmetest::verifyChain;

namespace {

using test::waitFor;

} // namespace

class TestAcmeConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!test::PebbleFixture::isAvailable(&reason)) {
            QFAIL(qPrintable(reason)); // pebble is a required test dependency (see TEST-SERVICES.md)
        }
    }

    void issuesForTwoNamesThenRevokes()
    {
        test::PebbleFixture pebble;
        const Status started = pebble.start();
        QVERIFY2(started.ok(), qPrintable(started.message()));
        auto connector = makeConnector(pebble);
        auto validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("www.certdeck.test"), QStringLiteral("api.certdeck.test")});
        request.validator = validator;
        auto issued = issueAndWait(*connector, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));

        auto leaf = crypto::Certificate::fromPem(issued->certificatePem);
        QVERIFY(leaf.ok());
        QStringList sans = leaf->subjectAltNames();
        sans.sort();
        QCOMPARE(sans, (QStringList{QStringLiteral("api.certdeck.test"), QStringLiteral("www.certdeck.test")}));
        QCOMPARE(issued->serialHex, leaf->serialHex());
        auto root = pebble.rootPem(0);
        QVERIFY2(root.ok(), qPrintable(root.message()));
        const QString verified = verifyChain(issued->certificatePem, issued->chainPem, *root);
        QVERIFY2(verified.isEmpty(), qPrintable(verified));
        // pebble really validated both names over HTTP through challtestsrv, and the answers are gone.
        QCOMPARE(validator->tasksPresented.load(), 2);
        QCOMPARE(validator->tasksCleanedUp.load(), 2);

        auto status = pebble.certStatus(issued->serialHex);
        QVERIFY2(status.ok(), qPrintable(status.message()));
        QCOMPARE(status->value(QStringLiteral("Status")).toString(), QStringLiteral("Valid"));

        auto revoked = waitFor<Status>([&](QObject* ctx, std::function<void(Status)> done) {
            connector->revoke(issued->certificatePem, ca::RevocationReason::KeyCompromise, ctx, done);
        });
        QVERIFY(revoked.has_value());
        QVERIFY2(revoked->ok(), qPrintable(revoked->message()));
        status = pebble.certStatus(issued->serialHex);
        QVERIFY2(status.ok(), qPrintable(status.message()));
        QCOMPARE(status->value(QStringLiteral("Status")).toString(), QStringLiteral("Revoked"));
        QCOMPARE(status->value(QStringLiteral("Reason")).toInt(), 1);

        // Revoking twice: the CA's problem becomes the message.
        auto again = waitFor<Status>([&](QObject* ctx, std::function<void(Status)> done) {
            connector->revoke(issued->certificatePem, ca::RevocationReason::KeyCompromise, ctx, done);
        });
        QVERIFY(again.has_value());
        QVERIFY(!again->ok());
        QVERIFY2(again->message().contains(QStringLiteral("revoke the certificate")), qPrintable(again->message()));
    }

    void issuesForAnIpAddress()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("127.0.0.1")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        auto issued = issueAndWait(*connector, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));
        QVERIFY(crypto::Certificate::fromPem(issued->certificatePem)
                    ->subjectAltNames()
                    .contains(QStringLiteral("127.0.0.1")));
    }

    void wildcardNamesAreValidatedByDns01()
    {
        test::PebbleFixture pebble; // challtestsrv is pebble's DNS: TXT records set through its API
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        auto validator = std::make_shared<ChallTestSrvValidator>(
            pebble.challengeTestServerUrl(), QStringList{QStringLiteral("http-01"), QStringLiteral("dns-01")});
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("*.wild.certdeck.test"), QStringLiteral("wild.certdeck.test")});
        request.validator = validator;
        auto issued = issueAndWait(*connector, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));
        QVERIFY(crypto::Certificate::fromPem(issued->certificatePem)
                    ->subjectAltNames()
                    .contains(QStringLiteral("*.wild.certdeck.test")));
        QCOMPARE(validator->tasksPresented.load(), 2);

        // A validator without dns-01 cannot answer for a wildcard: a clear message before anything is published.
        auto httpOnly = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        request.validator = httpOnly;
        request.csrPem = makeCsr({QStringLiteral("*.other.certdeck.test")});
        auto refused = issueAndWait(*connector, request);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, QStringLiteral("noSupportedChallenge"));
        QVERIFY2(refused.message().contains(QStringLiteral("wildcard names need dns-01")),
                 qPrintable(refused.message()));
        QCOMPARE(httpOnly->presented.load(), 0);
    }

    void withoutValidatorTheOrderFailsClearly()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("novalidator.certdeck.test")});
        auto issued = issueAndWait(*connector, request);
        QVERIFY(!issued.ok());
        QVERIFY2(issued.message().contains(QStringLiteral("Domain validation is not configured")),
                 qPrintable(issued.message()));

        auto suspended = waitFor<Status>(
            [&](QObject* ctx, std::function<void(Status)> done) { connector->suspend(request.csrPem, ctx, done); });
        QVERIFY(suspended.has_value());
        QCOMPARE(suspended->error().kind, QStringLiteral("notSupported"));
    }

    void wrongAnswerFailsWithTheCasProblemAndCleansUp()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        auto validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        validator->publishWrongAnswers = true;
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("wrong.certdeck.test")});
        request.validator = validator;
        auto issued = issueAndWait(*connector, request);
        QVERIFY(!issued.ok());
        qInfo("Message: %s", qPrintable(issued.message()));
        QCOMPARE(issued.error().kind, QStringLiteral("unauthorized"));
        QVERIFY2(issued.message().contains(QStringLiteral("validate wrong.certdeck.test by http-01")),
                 qPrintable(issued.message()));
        QVERIFY2(issued.message().contains(QStringLiteral("unauthorized")), qPrintable(issued.message()));
        QCOMPARE(validator->presented.load(), 1);
        QCOMPARE(validator->cleanedUp.load(), 1);
        QCOMPARE(validator->tasksCleanedUp.load(), 1);
    }

    void externalAccountBindingRequiredByTheServer()
    {
        const QByteArray hmac = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
        test::PebbleOptions options;
        options.eabRequired = true;
        options.eabKeys.insert(QStringLiteral("kid-1"), hmac);
        test::PebbleFixture pebble(options);
        QVERIFY(pebble.start().ok());
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("eab.certdeck.test")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());

        auto withoutEab = makeConnector(pebble);
        auto refused = issueAndWait(*withoutEab, request);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, QStringLiteral("externalAccountRequired"));
        QVERIFY2(refused.message().contains(QStringLiteral("External Account Binding (EAB)")),
                 qPrintable(refused.message()));

        auto wrongKey = makeConnector(pebble, QStringLiteral("kid-1"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        auto wrong = issueAndWait(*wrongKey, request);
        QVERIFY(!wrong.ok());
        qInfo("Wrong EAB key: %s", qPrintable(wrong.message()));

        auto withEab = makeConnector(pebble, QStringLiteral("kid-1"), hmac);
        auto issued = issueAndWait(*withEab, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));
    }

    void registersAgainWhenTheServerForgotTheAccount()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("forgot.certdeck.test")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        auto first = issueAndWait(*connector, request);
        QVERIFY2(first.ok(), qPrintable(first.message()));
        const QString firstAccount = connector->client()->accountUrl();
        QVERIFY(!firstAccount.isEmpty());

        const Status restarted = pebble.restart(); // pebble forgets accounts, orders and roots
        QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
        auto second = issueAndWait(*connector, request);
        QVERIFY2(second.ok(), qPrintable(second.message()));
        auto root = pebble.rootPem(0);
        QVERIFY(root.ok());
        const QString verified = verifyChain(second->certificatePem, second->chainPem, *root);
        QVERIFY2(verified.isEmpty(), qPrintable(verified));
        QVERIFY(!connector->client()->accountUrl().isEmpty());
    }

    void twentyConcurrentOrdersWithBadNoncesAndValidationSleeps()
    {
        test::PebbleOptions options;
        options.nonceRejectPercent = -1; // pebble's default: 5% of good nonces are rejected
        options.vaNoSleep = false;       // random 0-5 s validation sleeps
        test::PebbleFixture pebble(options);
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        auto validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        constexpr int kOrders = 20;
        QObject context;
        QList<std::optional<Result<ca::IssuedCertificate>>> results(kOrders);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < kOrders; ++i) {
            ca::IssueRequest request;
            request.csrPem = makeCsr({QStringLiteral("host%1.certdeck.test").arg(i)});
            request.validator = validator;
            connector->issue(request, &context, [&results, i](Result<ca::IssuedCertificate> r) { results[i] = r; });
        }
        QDeadlineTimer deadline(120000);
        auto finished = [&]() {
            return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.has_value(); });
        };
        while (!finished() && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        QVERIFY2(finished(), "not every order finished within 120 s");
        const qint64 elapsed = timer.elapsed();
        auto root = pebble.rootPem(0);
        QVERIFY(root.ok());
        for (int i = 0; i < kOrders; ++i) {
            QVERIFY2(results[i]->ok(), qPrintable(QStringLiteral("order %1: %2").arg(i).arg(results[i]->message())));
            QVERIFY(verifyChain(results[i]->value().certificatePem, results[i]->value().chainPem, *root).isEmpty());
        }
        QCOMPARE(validator->cleanedUp.load(), kOrders);
        qInfo("%d concurrent orders (5%% bad nonces, random 0-5 s validation sleeps): %lld ms", kOrders, elapsed);
    }

    // Prints figures (not a timed assertion): sequential and concurrent orders without validation sleeps.
    void figuresWithoutValidationSleeps()
    {
        if (qEnvironmentVariableIsSet("CERTDECK_ACME_DEBUG")) {
            log::get("connectors.acme")->set_level(spdlog::level::debug);
        }
        test::PebbleFixture pebble; // PEBBLE_VA_NOSLEEP=1, no nonce rejection
        QVERIFY(pebble.start().ok());
        auto connector = makeConnector(pebble);
        auto validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        QElapsedTimer timer;
        timer.start();
        constexpr int kSequential = 5;
        for (int i = 0; i < kSequential; ++i) {
            ca::IssueRequest request;
            request.csrPem = makeCsr({QStringLiteral("seq%1.certdeck.test").arg(i)});
            request.validator = validator;
            auto issued = issueAndWait(*connector, request);
            QVERIFY2(issued.ok(), qPrintable(issued.message()));
        }
        const qint64 sequential = timer.elapsed();
        const int kOrders = qEnvironmentVariableIntValue("CERTDECK_ACME_CONCURRENT") > 0
                                ? qEnvironmentVariableIntValue("CERTDECK_ACME_CONCURRENT")
                                : 20;
        QObject context;
        int ok = 0;
        int finished = 0;
        timer.restart();
        for (int i = 0; i < kOrders; ++i) {
            ca::IssueRequest request;
            request.csrPem = makeCsr({QStringLiteral("par%1.certdeck.test").arg(i)});
            request.validator = validator;
            connector->issue(request, &context, [&](Result<ca::IssuedCertificate> r) {
                ++finished;
                ok += r.ok() ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, kOrders, 120000);
        QCOMPARE(ok, kOrders);
        qInfo("without validation sleeps: %d sequential orders %lld ms (%.0f ms each); %d concurrent orders %lld ms",
              kSequential, sequential, double(sequential) / kSequential, kOrders, timer.elapsed());
    }

    void prefersTheAlternateChainByIssuer()
    {
        test::PebbleOptions options;
        options.alternateRoots = 2;
        test::PebbleFixture pebble(options);
        QVERIFY(pebble.start().ok());
        auto root1 = pebble.rootPem(1);
        QVERIFY2(root1.ok(), qPrintable(root1.message()));
        const QString preferred = crypto::Certificate::fromPem(*root1)->commonName();
        QVERIFY(!preferred.isEmpty());
        auto root0 = pebble.rootPem(0);
        QVERIFY(root0.ok());
        QVERIFY(crypto::Certificate::fromPem(*root0)->commonName() != preferred);

        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("chains.certdeck.test")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());

        auto byDefault = issueAndWait(*makeConnector(pebble), request);
        QVERIFY2(byDefault.ok(), qPrintable(byDefault.message()));
        QVERIFY(verifyChain(byDefault->certificatePem, byDefault->chainPem, *root0).isEmpty());

        auto preferring = issueAndWait(*makeConnector(pebble, {}, {}, preferred), request);
        QVERIFY2(preferring.ok(), qPrintable(preferring.message()));
        const QString verified = verifyChain(preferring->certificatePem, preferring->chainPem, *root1);
        QVERIFY2(verified.isEmpty(), qPrintable(verified));
        QVERIFY(!verifyChain(preferring->certificatePem, preferring->chainPem, *root0).isEmpty());
    }

    void renewalInformationWhereOffered()
    {
        test::PebbleFixture pebble;
        QVERIFY(pebble.start().ok());
        auto directory = pebble.httpGet(pebble.directoryUrl());
        QVERIFY(directory.ok());
        const bool offered = QJsonDocument::fromJson(*directory).object().contains(QStringLiteral("renewalInfo"));
        auto connector = makeConnector(pebble);
        ca::IssueRequest request;
        request.csrPem = makeCsr({QStringLiteral("ari.certdeck.test")});
        request.validator = std::make_shared<ChallTestSrvValidator>(pebble.challengeTestServerUrl());
        auto issued = issueAndWait(*connector, request);
        QVERIFY2(issued.ok(), qPrintable(issued.message()));
        auto window =
            waitFor<Result<ca::RenewalWindow>>([&](QObject* ctx, std::function<void(Result<ca::RenewalWindow>)> done) {
                connector->renewalWindow(issued->certificatePem, ctx, done);
            });
        QVERIFY(window.has_value());
        if (offered) {
            QVERIFY2(window->ok(), qPrintable(window->message()));
            QVERIFY(window->value().start <= window->value().end);
        } else {
            qInfo("pebble's directory offers no renewalInfo: expecting notOffered");
            QVERIFY(!window->ok());
            QCOMPARE(window->error().kind, QStringLiteral("notOffered"));
        }
        // A renewal that names the certificate it replaces still issues (replaces is sent only where offered).
        request.replacesCertificatePem = issued->certificatePem;
        auto renewed = issueAndWait(*connector, request);
        QVERIFY2(renewed.ok(), qPrintable(renewed.message()));
    }
};

QTEST_GUILESS_MAIN(TestAcmeConnector)
#include "TestAcmeConnector.moc"
