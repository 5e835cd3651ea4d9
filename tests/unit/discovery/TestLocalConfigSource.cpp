// LocalConfigSource on a real temp directory: regular files only (a FIFO matched by a glob must not block),
// symlink loops, the 16 MiB limit, and sorted glob matches in intermediate path components.
#include "engine/discovery/config/ConfigParser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck::discovery;

namespace {

void writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

class TestLocalConfigSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsRegularFilesAndSymlinksToThem()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath("sites-available/a.conf"), "server { listen 443 ssl; }\n");
        QVERIFY(QFile::link(dir.filePath("sites-available/a.conf"), dir.filePath("a-link.conf")));
        LocalConfigSource source;
        QCOMPARE(source.read(dir.filePath("sites-available/a.conf")).value_or("?"), "server { listen 443 ssl; }\n");
        QCOMPARE(source.read(dir.filePath("a-link.conf")).value_or("?"), "server { listen 443 ssl; }\n");
        QVERIFY(!source.read(dir.filePath("missing.conf")));
        QVERIFY(!source.read(dir.filePath("sites-available"))); // a directory is never read
    }

    void fifoMatchedByAGlobDoesNotBlock()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath("conf.d/1.conf"), "one");
        QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath("conf.d/2.conf")).constData(), 0600), 0);
        writeFile(dir.filePath("conf.d/3.conf"), "three");
        LocalConfigSource source;
        const QStringList matches = source.glob(dir.filePath("conf.d/*.conf"));
        QCOMPARE(matches, (QStringList{dir.filePath("conf.d/1.conf"), dir.filePath("conf.d/2.conf"),
                                       dir.filePath("conf.d/3.conf")}));
        QVERIFY(!source.read(matches.at(1))); // returns at once: nobody ever writes to this FIFO
        QCOMPARE(source.read(matches.at(2)).value_or("?"), "three");

        // The nginx parser walks straight past it too, and names it.
        writeFile(dir.filePath("nginx.conf"), "http { include conf.d/*.conf; }\n");
        const ConfigFindings findings = parseNginxConfig(source, dir.filePath("nginx.conf"), dir.path());
        QCOMPARE(findings.warnings.size(), 3); // 1.conf and 3.conf are not nginx syntax, 2.conf cannot be read
        bool fifoNamed = false;
        for (const QString& warning : findings.warnings) {
            fifoNamed = fifoNamed || warning.contains(dir.filePath("conf.d/2.conf"));
        }
        QVERIFY(fifoNamed);
    }

    void symlinkLoopIsUnreadable()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::link(dir.filePath("loop-b"), dir.filePath("loop-a")));
        QVERIFY(QFile::link(dir.filePath("loop-a"), dir.filePath("loop-b")));
        LocalConfigSource source;
        QVERIFY(!source.read(dir.filePath("loop-a")));
        QCOMPARE(source.glob(dir.filePath("loop-*")), (QStringList{dir.filePath("loop-a"), dir.filePath("loop-b")}));
        writeFile(dir.filePath("apache2.conf"), "Include loop-a\n<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n");
        const ConfigFindings findings = parseApacheConfig(source, dir.filePath("apache2.conf"), dir.path());
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(dir.filePath("apache2.conf") + QStringLiteral(":1: ")));
    }

    void refusesFilesOverSixteenMebibytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const qint64 limit = 16 * 1024 * 1024;
        writeFile(dir.filePath("exact.conf"), QByteArray(limit, '#'));
        writeFile(dir.filePath("over.conf"), QByteArray(limit + 1, '#'));
        LocalConfigSource source;
        QCOMPARE(source.read(dir.filePath("exact.conf")).value_or(QByteArray()).size(), limit);
        QVERIFY(!source.read(dir.filePath("over.conf")));
    }

    // A glob over a directory whose symlinks lead back to itself: `d/*/*/.../x` (12 levels, three ways back at
    // each) names 3^12 = 531,441 paths. The glob stops after listing 100,000 directory entries (and is logged).
    void globOverSymlinkLoopIsBounded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath("d/x"), "x");
        for (const char* name : {"a", "b", "c"}) {
            QVERIFY(QFile::link(dir.filePath("d"), dir.filePath(QStringLiteral("d/") + QLatin1String(name))));
        }
        QString pattern = dir.filePath("d");
        for (int i = 0; i < 12; ++i) {
            pattern += QStringLiteral("/*");
        }
        pattern += QStringLiteral("/x");
        LocalConfigSource source;
        QElapsedTimer timer;
        timer.start();
        const QStringList matches = source.glob(pattern);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(matches.size() < 100000, qPrintable(QString::number(matches.size())));
        // Below the limit the same loop still matches: 3^3 paths for three levels.
        QCOMPARE(source.glob(dir.filePath("d/*/*/*/x")).size(), 27);
    }

    void globMatchesIntermediateComponentsSorted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath("sites/b/site.conf"), "b");
        writeFile(dir.filePath("sites/a/site.conf"), "a");
        writeFile(dir.filePath("sites/c/other.conf"), "c");
        writeFile(dir.filePath("sites/d1/site.conf"), "d1");
        writeFile(dir.filePath("name with space [x]/x.conf"), "x");
        LocalConfigSource source;
        QCOMPARE(source.glob(dir.filePath("sites/*/site.conf")),
                 (QStringList{dir.filePath("sites/a/site.conf"), dir.filePath("sites/b/site.conf"),
                              dir.filePath("sites/d1/site.conf")}));
        QCOMPARE(source.glob(dir.filePath("sites/?/site.conf")),
                 (QStringList{dir.filePath("sites/a/site.conf"), dir.filePath("sites/b/site.conf")}));
        QCOMPARE(source.glob(dir.filePath("sites/[bc]/*.conf")),
                 (QStringList{dir.filePath("sites/b/site.conf"), dir.filePath("sites/c/other.conf")}));
        QCOMPARE(source.glob(dir.filePath("name with space */*.conf")),
                 QStringList{dir.filePath("name with space [x]/x.conf")});
        QCOMPARE(source.glob(dir.filePath("sites/none/*.conf")), QStringList{});
        // A trailing slash matches directories only.
        QCOMPARE(source.glob(dir.filePath("sites/a/site.conf/")), QStringList{});
        QCOMPARE(source.glob(dir.filePath("sites/a/")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLocalConfigSource)
#include "TestLocalConfigSource.moc"
