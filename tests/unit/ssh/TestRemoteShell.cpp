// bots::shellCommand through a REAL POSIX shell: hostile arguments must come back byte for byte, as data.
#include "engine/bots/RemoteShell.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck::bots;

namespace {

// Runs `/bin/sh -c "<printf '%s\0' + shellCommand(argv)>"` in `directory`; returns what printf printed.
QByteArray throughShell(const QStringList& argv, const QString& directory, bool* ok)
{
    const QByteArray command = shellCommand(QStringList{QStringLiteral("printf"), QStringLiteral("%s\\0")} + argv);
    QProcess shell;
    shell.setWorkingDirectory(directory);
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QString::fromUtf8(command)});
    *ok = shell.waitForFinished(10000) && shell.exitStatus() == QProcess::NormalExit && shell.exitCode() == 0;
    return shell.readAllStandardOutput();
}

QByteArray expectedOutput(const QStringList& argv)
{
    QByteArray expected;
    for (const QString& argument : argv) {
        expected += argument.toUtf8() + '\0';
    }
    return expected;
}

} // namespace

class TestRemoteShell : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileArgumentsComeBackIdentical_data()
    {
        QTest::addColumn<QStringList>("argv");
        const QString canary = QStringLiteral("canary");
        QTest::newRow("spaces") << QStringList{QStringLiteral("a b  c"), QStringLiteral(" lead"), QStringLiteral("\t")};
        QTest::newRow("single quotes") << QStringList{QStringLiteral("it's"), QStringLiteral("'"), QStringLiteral("''"),
                                                      QStringLiteral("'\\''")};
        QTest::newRow("double quotes") << QStringList{QStringLiteral("\"quoted\""), QStringLiteral("\"")};
        QTest::newRow("semicolon") << QStringList{QStringLiteral("x; touch ") + canary};
        QTest::newRow("command substitution") << QStringList{QStringLiteral("$(touch ") + canary + QLatin1Char(')')};
        QTest::newRow("backticks") << QStringList{QStringLiteral("`touch ") + canary + QLatin1Char('`')};
        QTest::newRow("variables") << QStringList{QStringLiteral("$HOME"), QStringLiteral("${PATH}"),
                                                  QStringLiteral("$0")};
        QTest::newRow("newlines") << QStringList{QStringLiteral("line1\ntouch ") + canary, QStringLiteral("\r\n")};
        QTest::newRow("pipes and redirects") << QStringList{QStringLiteral("| touch ") + canary,
                                                            QStringLiteral("> ") + canary, QStringLiteral("&& true &")};
        QTest::newRow("globs") << QStringList{QStringLiteral("*"), QStringLiteral("?"), QStringLiteral("[a-z]"),
                                              QStringLiteral("~"), QStringLiteral("~root")};
        QTest::newRow("backslashes") << QStringList{QStringLiteral("\\"), QStringLiteral("\\'"),
                                                    QStringLiteral("a\\nb")};
        QTest::newRow("non-UTF-8") << QStringList{QString::fromUtf8(QByteArray("\xff\xfe bad \xc3\x28", 9)),
                                                  QStringLiteral("caf\u00e9 \u2603")};
        QTest::newRow("leading dash") << QStringList{QStringLiteral("-n"), QStringLiteral("--"), QStringLiteral("-e")};
        QTest::newRow("empty") << QStringList{QString(), QStringLiteral("after empty")};
    }

    void hostileArgumentsComeBackIdentical()
    {
        QFETCH(QStringList, argv);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        bool ok = false;
        const QByteArray output = throughShell(argv, directory.path(), &ok);
        QVERIFY2(ok, "the shell failed to run the quoted command");
        QCOMPARE(output, expectedOutput(argv));
        QVERIFY2(QDir(directory.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty(),
                 "the shell created a file: an argument ran as code");
    }

    void quotesEveryArgument()
    {
        QCOMPARE(shellCommand({QStringLiteral("ls"), QStringLiteral("-l")}), QByteArray("'ls' '-l'"));
        QCOMPARE(shellCommand({QStringLiteral("echo"), QStringLiteral("it's")}), QByteArray("'echo' 'it'\\''s'"));
    }

    void sudoPrefixNeverPrompts()
    {
        QCOMPARE(shellCommand({QStringLiteral("id")}, true), QByteArray("sudo -n -- 'id'"));
    }

    void refusesNulAndEmptyCommand()
    {
        QVERIFY(shellCommand({QStringLiteral("echo"), QString(QChar(0)) + QStringLiteral("x")}).isEmpty());
        QVERIFY(shellCommand({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRemoteShell)
#include "TestRemoteShell.moc"
