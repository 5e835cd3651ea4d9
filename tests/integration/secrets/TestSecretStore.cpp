// The real Secret Service through QtKeychain. Run under tests/support/with-keyring.sh (ctest does).
#include "engine/secrets/SecretStore.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <QFile>

#include <cstdio>
#include <memory>
#include <optional>

using namespace certdeck;
using namespace certdeck::secrets;

namespace {

const char* const kChildMode = "CERTDECK_TEST_SECRETSTORE_CHILD";

QString uniqueKey(const QString& purpose)
{
    return QStringLiteral("test/%1/%2").arg(purpose, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// Child process: write then read one secret (read from stdin) and report the outcomes as JSON on stdout.
int runChild(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        return 3;
    }
    const QByteArray secret = in.readAll();
    SecretStore store(QStringLiteral("CertDeck-test"));
    const QString key = QStringLiteral("test/no-bus");
    const Status written = store.writeBlocking(key, secret);
    const Result<QByteArray> read = store.readBlocking(key);
    const QJsonObject report{
        {QStringLiteral("writeOk"), written.ok()},           {QStringLiteral("writeKind"), written.error().kind},
        {QStringLiteral("writeMessage"), written.message()}, {QStringLiteral("readOk"), read.ok()},
        {QStringLiteral("readKind"), read.error().kind},     {QStringLiteral("readMessage"), read.message()},
    };
    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, static_cast<size_t>(json.size()), stdout);
    return 0;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    SecretStore m_store{QStringLiteral("CertDeck-test")};

    static bool haveSessionBus() { return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"); }

private Q_SLOTS:
    void blockingRoundTrip()
    {
        if (!haveSessionBus()) {
            QSKIP("No D-Bus session: run this test under tests/support/with-keyring.sh (ctest does).");
        }
        const QString key = uniqueKey(QStringLiteral("round-trip"));
        // Binary-safe, including a NUL byte.
        const QByteArray secret = SecretStore::generatePassphrase(32) + QByteArray(1, '\0') + QByteArray("\xff\x01");
        const Status written = m_store.writeBlocking(key, secret);
        QVERIFY2(written, qPrintable(written.message()));
        auto read = m_store.readBlocking(key);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(*read, secret);

        const QByteArray replaced = SecretStore::generatePassphrase(16);
        QVERIFY(m_store.writeBlocking(key, replaced));
        QCOMPARE(m_store.readBlocking(key).value(), replaced);

        const Status removed = m_store.removeBlocking(key);
        QVERIFY2(removed, qPrintable(removed.message()));
        auto gone = m_store.readBlocking(key);
        QVERIFY(!gone);
        QCOMPARE(gone.error().kind, QStringLiteral("notFound"));
        QVERIFY2(gone.message().contains(key), qPrintable(gone.message()));
    }

    void asyncDeliversOnContextThread()
    {
        if (!haveSessionBus()) {
            QSKIP("No D-Bus session: run this test under tests/support/with-keyring.sh (ctest does).");
        }
        const QString key = uniqueKey(QStringLiteral("async"));
        QObject context;
        bool written = false;
        QThread* writtenOn = nullptr;
        m_store.write(key, "async-secret", &context, [&](Status status) {
            QVERIFY2(status, qPrintable(status.message()));
            written = true;
            writtenOn = QThread::currentThread();
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, 30000);
        QCOMPARE(writtenOn, QThread::currentThread());

        // A worker thread that ends afterwards must not stall later calls.
        QByteArray fromWorker;
        std::unique_ptr<QThread> worker(QThread::create([&]() {
            auto read = m_store.readBlocking(key);
            fromWorker = read ? *read : QByteArray("<") + read.message().toUtf8() + ">";
        }));
        worker->start();
        QVERIFY(worker->wait(60000));
        worker.reset();
        QCOMPARE(fromWorker, QByteArray("async-secret"));

        std::optional<Result<QByteArray>> read;
        m_store.read(key, &context, [&](Result<QByteArray> result) { read = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
        QVERIFY2(read->ok(), qPrintable(read->message()));
        QCOMPARE(read->value(), QByteArray("async-secret"));

        bool removed = false;
        m_store.remove(key, &context, [&](Status status) { removed = status.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);
    }

    void callbackDroppedWhenContextDestroyed()
    {
        if (!haveSessionBus()) {
            QSKIP("No D-Bus session: run this test under tests/support/with-keyring.sh (ctest does).");
        }
        const QString key = uniqueKey(QStringLiteral("dropped"));
        QVERIFY(m_store.writeBlocking(key, "x"));
        bool droppedCalled = false;
        bool liveCalled = false;
        auto* doomed = new QObject();
        QObject survivor;
        m_store.read(key, doomed, [&](Result<QByteArray>) { droppedCalled = true; });
        m_store.read(key, &survivor, [&](Result<QByteArray>) { liveCalled = true; });
        delete doomed;
        // Jobs run in order: once the survivor's answer is here, the doomed one's was delivered or dropped.
        QTRY_VERIFY_WITH_TIMEOUT(liveCalled, 30000);
        QCoreApplication::sendPostedEvents();
        QVERIFY(!droppedCalled);
        QVERIFY(m_store.removeBlocking(key));
    }

    // Without any D-Bus session: both calls fail with the help text, and no plaintext copy appears anywhere.
    void noKeychainMeansNoFallback()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildMode), QStringLiteral("1"));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + home.filePath("no-bus"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"));

        const QByteArray secret = QByteArray("plaintext-canary-") + SecretStore::generatePassphrase(24);
        QProcess child;
        child.setProcessEnvironment(env);
        child.setWorkingDirectory(home.path());
        child.setProgram(QCoreApplication::applicationFilePath());
        child.start();
        QVERIFY(child.waitForStarted(10000));
        child.write(secret);
        child.closeWriteChannel();
        QVERIFY2(child.waitForFinished(120000), "the child hung without a keychain");
        const QByteArray output = child.readAllStandardOutput();
        QCOMPARE(child.exitCode(), 0);
        const QJsonObject report = QJsonDocument::fromJson(output.trimmed().split('\n').last()).object();
        QVERIFY2(!report.isEmpty(), output.constData());

        const QString help = SecretStore::unavailableHelp();
        QVERIFY(!report.value(QStringLiteral("writeOk")).toBool());
        QCOMPARE(report.value(QStringLiteral("writeKind")).toString(), QStringLiteral("unavailable"));
        QVERIFY2(report.value(QStringLiteral("writeMessage")).toString().contains(help),
                 qPrintable(report.value(QStringLiteral("writeMessage")).toString()));
        QVERIFY(!report.value(QStringLiteral("readOk")).toBool());
        QCOMPARE(report.value(QStringLiteral("readKind")).toString(), QStringLiteral("unavailable"));
        QVERIFY(report.value(QStringLiteral("readMessage")).toString().contains(help));
        QVERIFY2(!output.contains(secret), "the secret must not be echoed");
        QVERIFY2(!child.readAllStandardError().contains(secret), "the secret must not be logged");

        // Nothing under the child's HOME (where QtKeychain's insecure fallback would write) holds the secret.
        QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret), qPrintable(file.fileName()));
            QVERIFY2(!file.fileName().endsWith(QStringLiteral(".ini")) &&
                         !file.fileName().endsWith(QStringLiteral(".conf")),
                     qPrintable(QStringLiteral("unexpected settings file ") + file.fileName()));
        }
    }

    void generatedPassphrasesAreRandomText()
    {
        const QByteArray a = SecretStore::generatePassphrase(32);
        const QByteArray b = SecretStore::generatePassphrase(32);
        QCOMPARE(a.size(), 43); // 32 bytes, base64url without padding
        QVERIFY(a != b);
        for (const char c : a) {
            QVERIFY(QChar::isLetterOrNumber(c) || c == '-' || c == '_');
        }
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet(kChildMode)) {
        return runChild(argc, argv);
    }
    QCoreApplication app(argc, argv);
    TestSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestSecretStore.moc"
