// The scheduler's compare-and-set claims on SQLite: two repositories on one inventory file, racing.
#include "tests/unit/scheduling/ScheduleStateRace.h"

#include <QTemporaryDir>

using namespace certdeck;

class TestScheduleStateRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoSchedulersOnOneFileNeverBothWin()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        test::runClaimRace(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("inventory.db")));
    }
};

QTEST_GUILESS_MAIN(TestScheduleStateRepository)
#include "TestScheduleStateRepository.moc"
