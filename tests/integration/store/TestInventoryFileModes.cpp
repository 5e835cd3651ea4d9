// The embedded inventory is the operator's alone from the first start: its folder 0700, the database and the files
// SQLite keeps beside it 0600, whatever the umask; an inventory left readable by an older version is tightened when
// it is opened.
#include "engine/store/Database.h"
#include "engine/store/SettingsRepository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;

class TestInventoryFileModes : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static int mode(const QString& path)
    {
        struct stat st = {};
        return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ::umask(022); // a usual desktop umask: files would be 0644 and folders 0755 without care
    }

    void freshInventoryIsPrivate()
    {
        const QString folder = m_dir.filePath(QStringLiteral("fresh/certdeck"));
        const QString path = folder + QStringLiteral("/inventory.db");
        {
            auto db = store::Database::open(QStringLiteral("sqlite:") + path);
            QVERIFY2(db, qPrintable(db.message()));
            QVERIFY(store::SettingsRepository(**db).setValue(QStringLiteral("k"), QStringLiteral("v")));
            QCOMPARE(mode(m_dir.filePath(QStringLiteral("fresh"))), 0700);
            QCOMPARE(mode(folder), 0700);
            QCOMPARE(mode(path), 0600);
            QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
            QCOMPARE(mode(path + QStringLiteral("-wal")), 0600);
            QCOMPARE(mode(path + QStringLiteral("-shm")), 0600);
        }
        QCOMPARE(::umask(022), static_cast<mode_t>(022)); // the process umask is given back
    }

    void existingInventoryIsTightenedAtOpen()
    {
        const QString path = m_dir.filePath(QStringLiteral("old/inventory.db"));
        {
            auto db = store::Database::open(QStringLiteral("sqlite:") + path);
            QVERIFY2(db, qPrintable(db.message()));
        }
        // What an older version (or a copy with cp) left behind.
        for (const QString& file : QStringList{path, path + QStringLiteral("-journal")}) {
            QFile touch(file);
            QVERIFY(touch.open(QIODevice::Append));
            touch.close();
            QVERIFY(::chmod(QFile::encodeName(file).constData(), 0644) == 0);
        }
        auto db = store::Database::open(QStringLiteral("sqlite:") + path);
        QVERIFY2(db, qPrintable(db.message()));
        QCOMPARE(mode(path), 0600);
        QCOMPARE(mode(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(mode(path + QStringLiteral("-shm")), 0600);
        if (QFile::exists(path + QStringLiteral("-journal"))) {
            QCOMPARE(mode(path + QStringLiteral("-journal")), 0600);
        }
    }

    // A link in place of the database is refused rather than followed to someone else's file.
    void linkedDatabaseIsRefused()
    {
        const QString target = m_dir.filePath(QStringLiteral("elsewhere.db"));
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(::chmod(QFile::encodeName(target).constData(), 0644) == 0);
        const QString path = m_dir.filePath(QStringLiteral("linked/inventory.db"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("linked"))));
        QVERIFY(QFile::link(target, path));
        auto db = store::Database::open(QStringLiteral("sqlite:") + path);
        QVERIFY(!db);
        QVERIFY2(db.message().contains(QStringLiteral("symbolic link")), qPrintable(db.message()));
        QCOMPARE(mode(target), 0644);
    }
};

QTEST_GUILESS_MAIN(TestInventoryFileModes)
#include "TestInventoryFileModes.moc"
