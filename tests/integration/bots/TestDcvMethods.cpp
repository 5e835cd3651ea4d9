// dcv.put / dcv.remove on the REAL certdeck-bot ($CERTDECK_BOT_BINARY), driven through BotClient +
// LocalProcessTransport: the token file lands where the web server serves it, byte-identical, 0644, and every
// refusal names its reason and the path without writing anything.
#include "engine/bots/BotClient.h"
#include "engine/bots/LocalProcessTransport.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;
using namespace certdeck::bots;

namespace {

const QString kKeyAuthorization =
    QStringLiteral("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI");
const QString kToken = QStringLiteral("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");

int fileMode(const QString& path)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return int(info.st_mode & 07777);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Every entry below dir (recursively, symlinks not followed), relative to dir: "nothing written" checks.
QStringList entriesBelow(const QString& dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        entries << QDir(dir).relativeFilePath(it.next());
    }
    entries.sort();
    return entries;
}

// The path with its directory resolved (the bot names paths below the resolved DCV directory), the last
// component kept as it is (it may be a symlink).
QString canonical(const QString& path)
{
    const QFileInfo info(path);
    return QFileInfo(info.path()).canonicalFilePath() + QLatin1Char('/') + info.fileName();
}

} // namespace

class TestDcvMethods : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void helloListsDcvMethods();
    void putWritesTokenFileAtomically();
    void putReplacesExistingToken();
    void removeDeletesOnlyThatToken();
    void removeWithoutChallengeDirectoryIsNotAnError();
    void hostileTokenIsRefused_data();
    void hostileTokenIsRefused();
    void relativeDcvPathIsRefused();
    void missingDcvPathIsRefused();
    void dcvPathThatIsAFileIsRefused();
    void missingContentIsRefused();
    void symlinkedWellKnownOutsideIsRefused();
    void symlinkedAcmeChallengeOutsideIsRefused();
    void danglingWellKnownSymlinkIsRefused();
    void symlinkInsideDcvPathIsAccepted();
    void fileWhereDirectoryShouldBeIsRefused();
    void directoryWhereTokenFileShouldBeIsRefused();
    void unwritableFileSystemIsRefused();

private:
    Result<QJsonObject> callBot(const QString& method, const QJsonObject& params);
    Result<QJsonObject> put(const QString& dcvPath, const QString& token, const QString& content = kKeyAuthorization);
    Result<QJsonObject> remove(const QString& dcvPath, const QString& token);
    QString challengeFile(const QString& token) const;
    std::unique_ptr<QTemporaryDir> m_stateDir;
    std::unique_ptr<QTemporaryDir> m_webRoot;
    std::unique_ptr<QTemporaryDir> m_outside;
    std::unique_ptr<BotClient> m_client;
    std::unique_ptr<QObject> m_context;
};

void TestDcvMethods::initTestCase()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
    QVERIFY2(QFileInfo(test::botBinary()).isExecutable(), qPrintable(test::botBinary()));
}

void TestDcvMethods::init()
{
    m_context = std::make_unique<QObject>();
    m_stateDir = std::make_unique<QTemporaryDir>();
    m_webRoot = std::make_unique<QTemporaryDir>();
    m_outside = std::make_unique<QTemporaryDir>();
    QVERIFY(m_stateDir->isValid() && m_webRoot->isValid() && m_outside->isValid());

    auto transport = std::make_unique<LocalProcessTransport>(
        test::botBinary(), QStringList{QStringLiteral("--state-dir"), m_stateDir->path()});
    m_client = std::make_unique<BotClient>(std::move(transport));
    bool done = false;
    Status status = fail(QStringLiteral("the handshake did not finish in time"));
    m_client->connectToBot(m_context.get(), [&](Status s) {
        done = true;
        status = s;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QVERIFY2(status.ok(), qPrintable(status.message()));
}

void TestDcvMethods::cleanup()
{
    m_context.reset();
    m_client.reset();
    m_stateDir.reset();
    m_webRoot.reset();
    m_outside.reset();
}

Result<QJsonObject> TestDcvMethods::callBot(const QString& method, const QJsonObject& params)
{
    bool called = false;
    Result<QJsonObject> result = fail(QStringLiteral("no answer from the bot"));
    m_client->call(
        method, params, m_context.get(),
        [&](Result<QJsonObject> r) {
            called = true;
            result = std::move(r);
        },
        {}, 30000);
    QDeadlineTimer deadline(40000);
    while (!called && !deadline.hasExpired()) {
        QTest::qWait(10);
    }
    return result;
}

Result<QJsonObject> TestDcvMethods::put(const QString& dcvPath, const QString& token, const QString& content)
{
    return callBot(
        QStringLiteral("dcv.put"),
        {{QStringLiteral("dcvPath"), dcvPath}, {QStringLiteral("token"), token}, {QStringLiteral("content"), content}});
}

Result<QJsonObject> TestDcvMethods::remove(const QString& dcvPath, const QString& token)
{
    return callBot(QStringLiteral("dcv.remove"),
                   {{QStringLiteral("dcvPath"), dcvPath}, {QStringLiteral("token"), token}});
}

QString TestDcvMethods::challengeFile(const QString& token) const
{
    return m_webRoot->filePath(QStringLiteral(".well-known/acme-challenge/") + token);
}

void TestDcvMethods::helloListsDcvMethods()
{
    const QJsonArray methods = m_client->botInfo().value(QStringLiteral("methods")).toArray();
    QVERIFY(methods.contains(QStringLiteral("dcv.put")));
    QVERIFY(methods.contains(QStringLiteral("dcv.remove")));
}

void TestDcvMethods::putWritesTokenFileAtomically()
{
    const Result<QJsonObject> result = put(m_webRoot->path(), kToken);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    const QString expected = challengeFile(kToken);
    QCOMPARE(result->value(QStringLiteral("path")).toString(), QFileInfo(expected).canonicalFilePath());
    QCOMPARE(readFile(expected), kKeyAuthorization.toUtf8());
    QCOMPARE(fileMode(expected), 0644);
    QCOMPARE(fileMode(m_webRoot->filePath(QStringLiteral(".well-known"))), 0755);
    QCOMPARE(fileMode(m_webRoot->filePath(QStringLiteral(".well-known/acme-challenge"))), 0755);
    // No temporary file left behind next to the token.
    QCOMPARE(entriesBelow(m_webRoot->path()),
             QStringList({QStringLiteral(".well-known"), QStringLiteral(".well-known/acme-challenge"),
                          QStringLiteral(".well-known/acme-challenge/") + kToken}));
}

void TestDcvMethods::putReplacesExistingToken()
{
    QVERIFY(put(m_webRoot->path(), kToken, QStringLiteral("first")).ok());
    const Result<QJsonObject> second = put(m_webRoot->path(), kToken, QStringLiteral("second\n"));
    QVERIFY2(second.ok(), qPrintable(second.message()));
    QCOMPARE(readFile(challengeFile(kToken)), QByteArray("second\n"));
    QCOMPARE(fileMode(challengeFile(kToken)), 0644);
}

void TestDcvMethods::removeDeletesOnlyThatToken()
{
    const QString other = QStringLiteral("other-token_2");
    QVERIFY(put(m_webRoot->path(), kToken).ok());
    QVERIFY(put(m_webRoot->path(), other, QStringLiteral("other")).ok());
    // A file of the web site next to the challenge directory stays.
    QFile index(m_webRoot->filePath(QStringLiteral("index.html")));
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.write("site");
    index.close();

    Result<QJsonObject> removed = remove(m_webRoot->path(), kToken);
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QCOMPARE(removed->value(QStringLiteral("removed")).toBool(true), true);
    QVERIFY(!QFileInfo::exists(challengeFile(kToken)));
    QCOMPARE(readFile(challengeFile(other)), QByteArray("other"));
    QCOMPARE(readFile(index.fileName()), QByteArray("site"));

    // Removing it again is not an error: removed is false.
    removed = remove(m_webRoot->path(), kToken);
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QCOMPARE(removed->value(QStringLiteral("removed")).toBool(true), false);
}

void TestDcvMethods::removeWithoutChallengeDirectoryIsNotAnError()
{
    const Result<QJsonObject> removed = remove(m_webRoot->path(), kToken);
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QCOMPARE(removed->value(QStringLiteral("removed")).toBool(true), false);
    QVERIFY(entriesBelow(m_webRoot->path()).isEmpty()); // remove creates nothing
}

void TestDcvMethods::hostileTokenIsRefused_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("parent directory") << QStringLiteral("../x");
    QTest::newRow("dot dot") << QStringLiteral("..");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("semicolon") << QStringLiteral("a;b");
    QTest::newRow("command substitution") << QStringLiteral("$(id)");
    QTest::newRow("newline") << QStringLiteral("abc\ndef");
    QTest::newRow("dot") << QStringLiteral("a.b");
    QTest::newRow("space") << QStringLiteral("a b");
    QTest::newRow("padding") << QStringLiteral("abc=");
    QTest::newRow("non-ascii") << QStringLiteral("t\u00f6ken");
    QTest::newRow("empty") << QString();
    QTest::newRow("too long") << QString(257, QLatin1Char('a'));
}

void TestDcvMethods::hostileTokenIsRefused()
{
    QFETCH(QString, token);
    for (const bool removing : {false, true}) {
        const Result<QJsonObject> result = removing ? remove(m_webRoot->path(), token) : put(m_webRoot->path(), token);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
        QVERIFY2(result.message().contains(QStringLiteral("must be base64url")), qPrintable(result.message()));
        QVERIFY2(result.message().contains(m_webRoot->path()), qPrintable(result.message()));
        QVERIFY2(!result.message().contains(QLatin1Char('\n')), qPrintable(result.message()));
    }
    QVERIFY(entriesBelow(m_webRoot->path()).isEmpty());
    QVERIFY(!QFileInfo::exists(m_webRoot->filePath(QStringLiteral("../x"))));
}

void TestDcvMethods::relativeDcvPathIsRefused()
{
    const Result<QJsonObject> result = put(QStringLiteral("var/www/html"), kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("DCV path: \"var/www/html\" must be an absolute path")),
             qPrintable(result.message()));
}

void TestDcvMethods::missingDcvPathIsRefused()
{
    const QString missing = m_webRoot->filePath(QStringLiteral("no-such-dir"));
    for (const bool removing : {false, true}) {
        const Result<QJsonObject> result = removing ? remove(missing, kToken) : put(missing, kToken);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
        QVERIFY2(result.message().contains(missing + QStringLiteral(": it does not exist")),
                 qPrintable(result.message()));
    }
    QVERIFY(entriesBelow(m_webRoot->path()).isEmpty());
}

void TestDcvMethods::dcvPathThatIsAFileIsRefused()
{
    const QString file = m_webRoot->filePath(QStringLiteral("index.html"));
    QFile index(file);
    QVERIFY(index.open(QIODevice::WriteOnly));
    index.close();
    const Result<QJsonObject> result = put(file, kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
    QVERIFY2(result.message().contains(file + QStringLiteral(": it is not a directory")), qPrintable(result.message()));
    QCOMPARE(entriesBelow(m_webRoot->path()), QStringList{QStringLiteral("index.html")});
}

void TestDcvMethods::missingContentIsRefused()
{
    const Result<QJsonObject> result = callBot(
        QStringLiteral("dcv.put"), {{QStringLiteral("dcvPath"), m_webRoot->path()}, {QStringLiteral("token"), kToken}});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("invalidParams"));
    QVERIFY2(result.message().contains(QStringLiteral("\"content\" is missing")), qPrintable(result.message()));
    QVERIFY(entriesBelow(m_webRoot->path()).isEmpty());
}

void TestDcvMethods::symlinkedWellKnownOutsideIsRefused()
{
    const QString link = m_webRoot->filePath(QStringLiteral(".well-known"));
    QVERIFY(QFile::link(m_outside->path(), link));
    for (const bool removing : {false, true}) {
        const Result<QJsonObject> result =
            removing ? remove(m_webRoot->path(), kToken) : put(m_webRoot->path(), kToken);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
        QVERIFY2(result.message().contains(canonical(link) + QStringLiteral(" resolves to ") +
                                           QFileInfo(m_outside->path()).canonicalFilePath() +
                                           QStringLiteral(", outside the DCV path ") + m_webRoot->path()),
                 qPrintable(result.message()));
    }
    QVERIFY2(entriesBelow(m_outside->path()).isEmpty(), qPrintable(entriesBelow(m_outside->path()).join(u',')));
}

void TestDcvMethods::symlinkedAcmeChallengeOutsideIsRefused()
{
    QVERIFY(QDir(m_webRoot->path()).mkdir(QStringLiteral(".well-known")));
    const QString link = m_webRoot->filePath(QStringLiteral(".well-known/acme-challenge"));
    QVERIFY(QFile::link(m_outside->path(), link));
    // A token file that already sits in the outside directory must not be removed either.
    QFile existing(m_outside->filePath(kToken));
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("outside");
    existing.close();
    for (const bool removing : {false, true}) {
        const Result<QJsonObject> result =
            removing ? remove(m_webRoot->path(), kToken) : put(m_webRoot->path(), kToken);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
        QVERIFY2(result.message().contains(canonical(link) + QStringLiteral(" resolves to ")),
                 qPrintable(result.message()));
        QVERIFY2(result.message().contains(QStringLiteral("outside the DCV path ") + m_webRoot->path()),
                 qPrintable(result.message()));
    }
    QCOMPARE(entriesBelow(m_outside->path()), QStringList{kToken});
    QCOMPARE(readFile(m_outside->filePath(kToken)), QByteArray("outside"));
}

void TestDcvMethods::danglingWellKnownSymlinkIsRefused()
{
    const QString target = m_outside->filePath(QStringLiteral("not-yet"));
    const QString link = m_webRoot->filePath(QStringLiteral(".well-known"));
    QVERIFY(QFile::link(target, link));
    const Result<QJsonObject> result = put(m_webRoot->path(), kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
    QVERIFY2(result.message().contains(canonical(link) + QStringLiteral(" is a symlink that cannot be resolved")),
             qPrintable(result.message()));
    QVERIFY(entriesBelow(m_outside->path()).isEmpty());
}

void TestDcvMethods::symlinkInsideDcvPathIsAccepted()
{
    // Web roots often link .well-known to a shared folder of the same site: inside the DCV path, that is fine.
    QVERIFY(QDir(m_webRoot->path()).mkpath(QStringLiteral("shared/well-known")));
    QVERIFY(QFile::link(m_webRoot->filePath(QStringLiteral("shared/well-known")),
                        m_webRoot->filePath(QStringLiteral(".well-known"))));
    const Result<QJsonObject> result = put(m_webRoot->path(), kToken);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    const QString real = m_webRoot->filePath(QStringLiteral("shared/well-known/acme-challenge/") + kToken);
    QCOMPARE(readFile(real), kKeyAuthorization.toUtf8());
    QCOMPARE(readFile(challengeFile(kToken)), kKeyAuthorization.toUtf8());
    const Result<QJsonObject> removed = remove(m_webRoot->path(), kToken);
    QVERIFY2(removed.ok(), qPrintable(removed.message()));
    QCOMPARE(removed->value(QStringLiteral("removed")).toBool(false), true);
    QVERIFY(!QFileInfo::exists(real));
}

void TestDcvMethods::fileWhereDirectoryShouldBeIsRefused()
{
    // Root can write anywhere on a normal file system, but not below a regular file.
    QFile blocker(m_webRoot->filePath(QStringLiteral(".well-known")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.write("not a directory");
    blocker.close();
    const Result<QJsonObject> result = put(m_webRoot->path(), kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
    QVERIFY2(result.message().contains(canonical(blocker.fileName()) + QStringLiteral(" is not a directory")),
             qPrintable(result.message()));
    QCOMPARE(entriesBelow(m_webRoot->path()), QStringList{QStringLiteral(".well-known")});
    QCOMPARE(readFile(blocker.fileName()), QByteArray("not a directory"));
}

void TestDcvMethods::directoryWhereTokenFileShouldBeIsRefused()
{
    const QString tokenPath = challengeFile(kToken);
    QVERIFY(QDir().mkpath(tokenPath));
    const Result<QJsonObject> result = put(m_webRoot->path(), kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
    QVERIFY2(result.message().contains(QStringLiteral("cannot write the DCV token: renaming the temporary file to ") +
                                       QFileInfo(tokenPath).canonicalFilePath() + QStringLiteral(" failed")),
             qPrintable(result.message()));
    // The temporary file was cleaned up.
    QCOMPARE(entriesBelow(m_webRoot->path()),
             QStringList({QStringLiteral(".well-known"), QStringLiteral(".well-known/acme-challenge"),
                          QStringLiteral(".well-known/acme-challenge/") + kToken}));
}

void TestDcvMethods::unwritableFileSystemIsRefused()
{
    // sysfs refuses mkdir even for root.
    const QString dcvPath = QStringLiteral("/sys/kernel");
    if (!QFileInfo(dcvPath).isDir()) {
        QSKIP("no /sys/kernel on this machine");
    }
    const Result<QJsonObject> result = put(dcvPath, kToken);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("operationFailed"));
    QVERIFY2(result.message().contains(QStringLiteral("cannot write the DCV token: creating the directory "
                                                      "/sys/kernel/.well-known failed")),
             qPrintable(result.message()));
    QVERIFY2(result.message().contains(QStringLiteral("may write to the DCV path")), qPrintable(result.message()));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/sys/kernel/.well-known")));
}

QTEST_GUILESS_MAIN(TestDcvMethods)
#include "TestDcvMethods.moc"
