// certdeckctl as a script sees it: exit codes, messages that name the file and the problem, nothing
// half-written to the inventory, and the whole issue -> deploy path against a real nginx.
#include "engine/crypto/TlsProbe.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"
#include "tests/support/PebbleFixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCertdeckctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageErrorsExitTwo();
    void badFilesAreRefusedAndNothingIsStored_data();
    void badFilesAreRefusedAndNothingIsStored();
    void importsPemAndRefusesDuplicates();
    void importsPkcs12WithPasswordFromStdin();
    void issuesAndDeploysToNginx();
    void ordersFromAcmeWithManualValidation();

private:
    Run ctl(const QStringList& arguments, const QByteArray& stdinData = {}, int timeoutMs = 120000);
    QJsonArray list();
    QString openssl(const QStringList& arguments);

    QTemporaryDir m_dir;
    QString m_database;
    test::InitialSite m_site;
};

Run TestCertdeckctl::ctl(const QStringList& arguments, const QByteArray& stdinData, int timeoutMs)
{
    QProcess process;
    process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                  QStringList{QStringLiteral("--database"), m_database} + arguments);
    if (!process.waitForStarted(10000)) {
        return {};
    }
    process.write(stdinData);
    process.closeWriteChannel();
    process.waitForFinished(timeoutMs);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QJsonArray TestCertdeckctl::list()
{
    const Run run = ctl({QStringLiteral("list"), QStringLiteral("--json")});
    return QJsonDocument::fromJson(run.out.toUtf8()).array();
}

QString TestCertdeckctl::openssl(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    process.waitForFinished(30000);
    return QString::fromUtf8(process.readAllStandardOutput()) + QString::fromUtf8(process.readAllStandardError());
}

void TestCertdeckctl::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("CERTDECKCTL_BINARY"));
    QVERIFY(m_dir.isValid());
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
    const Run init = ctl({QStringLiteral("init")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    QVERIFY(init.out.contains(QStringLiteral("Inventory ready")));
    QString error;
    QVERIFY2(test::makeInitialSite(m_dir.filePath(QStringLiteral("site")), QStringLiteral("www.example.test"), &m_site,
                                   &error),
             qPrintable(error));
}

void TestCertdeckctl::usageErrorsExitTwo()
{
    QCOMPARE(ctl({QStringLiteral("frobnicate")}).exitCode, 2);
    const Run missing =
        ctl({QStringLiteral("ca"), QStringLiteral("create"), QStringLiteral("--cn"), QStringLiteral("x")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral("--name")), qPrintable(missing.err));
}

void TestCertdeckctl::badFilesAreRefusedAndNothingIsStored_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("name");
    const QByteArray pem = test::readAll(m_site.certificateFile);
    QTest::newRow("garbage") << QByteArray("this is not a certificate\x01\x02\x03") << QStringLiteral("garbage.pem");
    QTest::newRow("truncated PEM") << pem.left(pem.size() / 2) << QStringLiteral("truncated.pem");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty.crt");
    QTest::newRow("key only") << test::readAll(m_site.keyFile) << QStringLiteral("keyonly.pem");
}

void TestCertdeckctl::badFilesAreRefusedAndNothingIsStored()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, name);
    const QString path = m_dir.filePath(name);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const int before = list().size();
    const Run run = ctl({QStringLiteral("cert"), QStringLiteral("import"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(name), qPrintable(run.err)); // the message names the file
    QCOMPARE(list().size(), before);                       // and nothing was stored
}

void TestCertdeckctl::importsPemAndRefusesDuplicates()
{
    const Run run = ctl({QStringLiteral("cert"), QStringLiteral("import"), m_site.certificateFile});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString expected =
        openssl({QStringLiteral("x509"), QStringLiteral("-in"), m_site.certificateFile, QStringLiteral("-noout"),
                 QStringLiteral("-fingerprint"), QStringLiteral("-sha256")})
            .section(QLatin1Char('='), 1)
            .trimmed()
            .remove(QLatin1Char(':'))
            .toLower();
    bool found = false;
    for (const auto& value : list()) {
        const QJsonObject row = value.toObject();
        if (row.value(QStringLiteral("fingerprintSha256")).toString() == expected) {
            found = true;
            QCOMPARE(row.value(QStringLiteral("commonName")).toString(), QStringLiteral("www.example.test"));
            QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("discovered"));
            QVERIFY(row.value(QStringLiteral("daysLeft")).toInt() <= 2);
        }
    }
    QVERIFY2(found, qPrintable(expected));
    const Run again = ctl({QStringLiteral("cert"), QStringLiteral("import"), m_site.certificateFile});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already in the inventory")), qPrintable(again.err));
}

void TestCertdeckctl::importsPkcs12WithPasswordFromStdin()
{
    const QString p12 = m_dir.filePath(QStringLiteral("bundle.p12"));
    QProcess::execute(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                       m_dir.filePath(QStringLiteral("p12.key")), QStringLiteral("-out"),
                       m_dir.filePath(QStringLiteral("p12.pem")), QStringLiteral("-subj"),
                       QStringLiteral("/CN=p12.example.test"), QStringLiteral("-days"), QStringLiteral("30")});
    QProcess exporter;
    exporter.start(QStringLiteral("openssl"),
                   {QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-inkey"),
                    m_dir.filePath(QStringLiteral("p12.key")), QStringLiteral("-in"),
                    m_dir.filePath(QStringLiteral("p12.pem")), QStringLiteral("-out"), p12, QStringLiteral("-passout"),
                    QStringLiteral("stdin")});
    exporter.write("correct horse\n");
    exporter.closeWriteChannel();
    QVERIFY(exporter.waitForFinished(30000) && exporter.exitCode() == 0);

    const int before = list().size();
    const Run wrong = ctl({QStringLiteral("cert"), QStringLiteral("import"), p12, QStringLiteral("--password-stdin")},
                          "battery staple\n");
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains(QStringLiteral("password"), Qt::CaseInsensitive), qPrintable(wrong.err));
    QVERIFY2(!wrong.err.contains(QStringLiteral("battery")), "the message must not echo the password");
    QCOMPARE(list().size(), before);
    const Run right = ctl({QStringLiteral("cert"), QStringLiteral("import"), p12, QStringLiteral("--password-stdin")},
                          "correct horse\n");
    QVERIFY2(right.exitCode == 0, qPrintable(right.err));
    QCOMPARE(list().size(), before + 1);
}

void TestCertdeckctl::issuesAndDeploysToNginx()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    QString reason;
    if (!test::WebServerFixture::isAvailable(test::WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    test::WebServerFixture nginx(test::WebServerFixture::Server::Nginx, m_dir.filePath(QStringLiteral("site")));
    auto started = nginx.start({m_site.certificateFile, m_site.keyFile, {}, m_site.serverName});
    QVERIFY2(started.ok(), qPrintable(started.message()));

    const QString caName = QStringLiteral("ctl-%1").arg(QCoreApplication::applicationPid());
    const Run ca = ctl({QStringLiteral("ca"), QStringLiteral("create"), QStringLiteral("--name"), caName,
                        QStringLiteral("--cn"), QStringLiteral("CertDeck CLI Test CA")});
    QVERIFY2(ca.exitCode == 0, qPrintable(ca.err));
    // A password on the command line would be visible in every user's process list: refused, nothing stored.
    const Run password =
        ctl({QStringLiteral("cert"), QStringLiteral("add"), QStringLiteral("--cn"),
             QStringLiteral("tomcat.example.test"), QStringLiteral("--ca"), caName, QStringLiteral("--server-type"),
             QStringLiteral("tomcat"), QStringLiteral("--field"), QStringLiteral("managerUser=certdeck"),
             QStringLiteral("--field"), QStringLiteral("managerPassword=visible-in-ps")});
    QVERIFY(password.exitCode != 0);
    QVERIFY2(password.err.contains(QStringLiteral("managerPassword")) &&
                 password.err.contains(QStringLiteral("keychain")),
             qPrintable(password.err));
    QVERIFY2(!ctl({QStringLiteral("list")}).out.contains(QStringLiteral("tomcat.example.test")), "nothing stored");
    const Run added = ctl({QStringLiteral("cert"),          QStringLiteral("add"),
                           QStringLiteral("--cn"),          m_site.serverName,
                           QStringLiteral("--ca"),          caName,
                           QStringLiteral("--server-type"), QStringLiteral("nginx"),
                           QStringLiteral("--field"),       QStringLiteral("certificateFile=") + m_site.certificateFile,
                           QStringLiteral("--field"),       QStringLiteral("keyFile=") + m_site.keyFile,
                           QStringLiteral("--field"),       QStringLiteral("configFile=") + nginx.configFile(),
                           QStringLiteral("--field"),       QStringLiteral("prefix=") + nginx.directory(),
                           QStringLiteral("--field"),       QStringLiteral("nginxBinary=") + nginx.binary(),
                           QStringLiteral("--endpoint"),    QStringLiteral("127.0.0.1:%1").arg(nginx.port())});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const QString id = added.out.trimmed();
    const QByteArray originalCertificate = test::readAll(m_site.certificateFile);
    const QByteArray originalKey = test::readAll(m_site.keyFile);
    const Run issued = ctl({QStringLiteral("issue"), id});
    QVERIFY2(issued.exitCode == 0, qPrintable(issued.err));
    const Run deployed = ctl({QStringLiteral("deploy"), id});
    QVERIFY2(deployed.exitCode == 0, qPrintable(deployed.err));

    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), nginx.port(), m_site.serverName}, 5000);
    QVERIFY2(probe.ok(), qPrintable(probe.message()));
    bool found = false;
    for (const auto& value : list()) {
        const QJsonObject row = value.toObject();
        if (QString::number(row.value(QStringLiteral("id")).toInteger()) == id) {
            found = true;
            QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("deployed"));
            QCOMPARE(row.value(QStringLiteral("fingerprintSha256")).toString(), probe->leafFingerprintSha256);
        }
    }
    QVERIFY(found);
    QCOMPARE(ctl({QStringLiteral("deploy"), QStringLiteral("999999")}).exitCode, 3);

    // Re-check pinning: in sync right after the deployment...
    auto rowOf = [&]() {
        for (const auto& value : list()) {
            if (QString::number(value.toObject().value(QStringLiteral("id")).toInteger()) == id) {
                return value.toObject();
            }
        }
        return QJsonObject();
    };
    const Run inSync = ctl({QStringLiteral("recheck"), id});
    QVERIFY2(inSync.exitCode == 0, qPrintable(inSync.err));
    QCOMPARE(rowOf().value(QStringLiteral("servedFingerprint")).toString(), probe->leafFingerprintSha256);
    QCOMPARE(rowOf().value(QStringLiteral("drift")).toString(), QString());

    // ...and drifted once someone puts the old certificate back by hand and reloads the server.
    auto writeBack = [](const QString& path, const QByteArray& bytes) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
    };
    QVERIFY(writeBack(m_site.certificateFile, originalCertificate));
    QVERIFY(writeBack(m_site.keyFile, originalKey));
    const Status reloaded = nginx.reload();
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.error().message));
    QString handEdited;
    for (QDeadlineTimer deadline(20000); !deadline.hasExpired(); QTest::qWait(100)) {
        auto served = crypto::probeTls({QStringLiteral("127.0.0.1"), nginx.port(), m_site.serverName}, 5000);
        if (served.ok() && served->leafFingerprintSha256 != probe->leafFingerprintSha256) {
            handEdited = served->leafFingerprintSha256;
            break;
        }
    }
    QVERIFY2(!handEdited.isEmpty(), "nginx did not serve the hand-restored certificate after the reload");
    const Run drifted = ctl({QStringLiteral("recheck"), id});
    QVERIFY2(drifted.exitCode == 0, qPrintable(drifted.err));
    const QJsonObject row = rowOf();
    QCOMPARE(row.value(QStringLiteral("servedFingerprint")).toString(), handEdited);
    QVERIFY2(!row.value(QStringLiteral("drift")).toString().isEmpty(), qPrintable(drifted.out));
    QVERIFY2(drifted.out.contains(QStringLiteral("drift"), Qt::CaseInsensitive), qPrintable(drifted.out));
}

// An ACME connector from the command line, a certificate without automatic DCV, and `issue` printing what to
// publish; the "operator" publishes it (pebble's challenge test server serves http-01) and presses Enter.
void TestCertdeckctl::ordersFromAcmeWithManualValidation()
{
    QString reason;
    if (!test::PebbleFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run under tests/support/with-keyring.sh");
    }
    test::PebbleFixture pebble;
    auto started = pebble.start();
    QVERIFY2(started.ok(), qPrintable(started.message()));

    const Run missingTerms =
        ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("pebble"), QStringLiteral("--preset"), QStringLiteral("zerossl")});
    QCOMPARE(missingTerms.exitCode, 2);
    QVERIFY2(missingTerms.err.contains(QStringLiteral("External Account Binding")), qPrintable(missingTerms.err));

    const Run added =
        ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("add"), QStringLiteral("--name"),
             QStringLiteral("pebble"), QStringLiteral("--directory"), pebble.directoryUrl(),
             QStringLiteral("--agree-tos"), QStringLiteral("--trust-bundle"), pebble.trustBundlePath(),
             QStringLiteral("--http-port"), QString::number(pebble.httpValidationPort())});
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const Run listed = ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("list")});
    QVERIFY2(listed.out.contains(pebble.directoryUrl()), qPrintable(listed.out));

    const Run certificate = ctl(
        {QStringLiteral("cert"), QStringLiteral("add"), QStringLiteral("--cn"), QStringLiteral("manual.ctl.localhost"),
         QStringLiteral("--ca"), QStringLiteral("pebble"), QStringLiteral("--server-type"), QStringLiteral("nginx"),
         QStringLiteral("--field"), QStringLiteral("certificateFile=") + m_site.certificateFile,
         QStringLiteral("--field"), QStringLiteral("keyFile=") + m_site.keyFile, QStringLiteral("--key-algorithm"),
         QStringLiteral("EC"), QStringLiteral("--key-size"), QStringLiteral("256")});
    QVERIFY2(certificate.exitCode == 0, qPrintable(certificate.err));
    const QString id = certificate.out.trimmed();

    QProcess issue;
    issue.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                {QStringLiteral("--database"), m_database, QStringLiteral("issue"), id});
    QVERIFY(issue.waitForStarted(10000));
    QString printed;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     printed += QString::fromUtf8(issue.readAllStandardOutput());
                     return printed.contains(QStringLiteral("Press Enter")) || issue.state() != QProcess::Running;
                 },
                 60000),
             qPrintable(printed + QString::fromUtf8(issue.readAllStandardError())));
    const QRegularExpression file(
        QStringLiteral("file named ([A-Za-z0-9_-]+) served at (\\S+) containing exactly: (\\S+)"));
    const auto match = file.match(printed);
    QVERIFY2(
        match.hasMatch(),
        qPrintable(QStringLiteral("id=%1 state=%2 exit=%3 out=").arg(id).arg(int(issue.state())).arg(issue.exitCode()) +
                   printed + QString::fromUtf8(issue.readAllStandardError())));
    QVERIFY2(match.captured(2).startsWith(QStringLiteral("http://manual.ctl.localhost:%1/.well-known/acme-challenge/")
                                              .arg(pebble.httpValidationPort())),
             qPrintable(match.captured(2)));
    auto published = pebble.addHttp01(match.captured(1), match.captured(3));
    QVERIFY2(published.ok(), qPrintable(published.message()));
    issue.write("\n");
    QVERIFY(issue.waitForFinished(120000));
    QVERIFY2(issue.exitCode() == 0, issue.readAllStandardError().constData());

    bool found = false;
    for (const QJsonValue& entry : list()) {
        const QJsonObject object = entry.toObject();
        if (QString::number(object.value(QStringLiteral("id")).toInteger()) == id) {
            found = true;
            QCOMPARE(object.value(QStringLiteral("status")).toString(), QStringLiteral("issued"));
        }
    }
    QVERIFY(found);
    QCOMPARE(ctl({QStringLiteral("ca"), QStringLiteral("acme"), QStringLiteral("remove"), QStringLiteral("--name"),
                  QStringLiteral("pebble")})
                 .exitCode,
             0);
}

QTEST_GUILESS_MAIN(TestCertdeckctl)
#include "TestCertdeckctl.moc"
