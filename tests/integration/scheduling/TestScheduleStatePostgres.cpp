// The scheduler's compare-and-set claims on a real PostgreSQL cluster (two schedulers sharing a team inventory).
#include "tests/integration/store/PostgresCluster.h"
#include "tests/unit/scheduling/ScheduleStateRace.h"

using namespace certdeck;

class TestScheduleStatePostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoSchedulersNeverBothWin()
    {
        if (test::PostgresCluster::binDir().isEmpty()) {
            QSKIP("PostgreSQL server binaries are not installed (Debian package postgresql)");
        }
        test::PostgresCluster cluster;
        const Status started = cluster.start();
        QVERIFY2(started, qPrintable(started.message()));
        const Status created = cluster.createDatabase(QStringLiteral("certdeck_schedule"));
        QVERIFY2(created, qPrintable(created.message()));
        test::runClaimRace(cluster.url(QStringLiteral("certdeck_schedule")));
    }
};

QTEST_GUILESS_MAIN(TestScheduleStatePostgres)
#include "TestScheduleStatePostgres.moc"
