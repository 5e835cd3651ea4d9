// Which dashboard action is enabled for which certificate: the whole table (every action x every status x
// configured or not x a job running or not x expired or not x no material / imported / issued through a CertDeck
// CA connector x the CA can suspend or not), checked against the rules of the spec's [1]-[8] written out here.
#include "engine/domain/ActionAvailability.h"

#include <QTest>

using namespace certdeck;

namespace {

enum class Material { None, Imported, IssuedByConnector };

const QList<CertificateStatus> kStatuses{CertificateStatus::Discovered, CertificateStatus::Managed,
                                         CertificateStatus::Pending,    CertificateStatus::Issued,
                                         CertificateStatus::Deployed,   CertificateStatus::Failed,
                                         CertificateStatus::Revoked,    CertificateStatus::Suspended};

const QDateTime kNow = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

CertificateRecord makeRecord(CertificateStatus status, Material material, bool expired)
{
    CertificateRecord record;
    record.id = 7;
    record.commonName = QStringLiteral("www.example.test");
    record.status = status;
    if (material == Material::None) {
        record.source = QStringLiteral("wizard");
        return record;
    }
    record.fingerprintSha256 = QStringLiteral("ab").repeated(32);
    record.notBefore = kNow.addDays(-100);
    record.notAfter = expired ? kNow.addDays(-1) : kNow.addDays(200);
    if (material == Material::Imported) {
        record.source = QStringLiteral("import:/tmp/site.pem"); // no staged key, no endpoint known
        return record;
    }
    record.source = QStringLiteral("localca:office");
    record.keyId = QStringLiteral("0123456789abcdef");
    record.host = QStringLiteral("127.0.0.1");
    record.port = 8443;
    return record;
}

// The rules, written from the spec and the issue, independently of ActionAvailability.cpp.
bool expectedEnabled(JobAction action, CertificateStatus status, Material material, bool configured, bool jobRunning,
                     bool expired, bool caCanSuspend)
{
    const bool hasMaterial = material != Material::None;
    const bool fromConnector = material == Material::IssuedByConnector;
    const bool revokedOrSuspended = status == CertificateStatus::Revoked || status == CertificateStatus::Suspended;
    if (jobRunning && action != JobAction::RecheckPinning) {
        return false; // one job per certificate at a time; a read-only probe is harmless
    }
    switch (action) {
    case JobAction::Initiate: // [1] brings a discovered (or failed) certificate into the pipeline
        return configured && (status == CertificateStatus::Discovered || status == CertificateStatus::Managed ||
                              status == CertificateStatus::Failed);
    case JobAction::Order: // [2]
    case JobAction::Issue:
        return configured;
    case JobAction::Deploy: // [3] needs issued material whose key the bot holds, still valid and trusted
        return configured && fromConnector && !revokedOrSuspended && !expired;
    case JobAction::Delete: // [4] always possible
        return true;
    case JobAction::RecheckPinning: // [5] needs a certificate to compare and an endpoint to probe
        return hasMaterial && (configured || fromConnector);
    case JobAction::Rotate: // [6], [7] replace an existing certificate
    case JobAction::Rekey:
        return configured && hasMaterial;
    case JobAction::Revoke: // [8] only at the CA connector that issued it
        return fromConnector && status != CertificateStatus::Revoked;
    case JobAction::Suspend:
        return fromConnector && caCanSuspend && !revokedOrSuspended;
    case JobAction::Resume:
        return fromConnector && status == CertificateStatus::Suspended;
    }
    return false;
}

QString describe(JobAction action, CertificateStatus status, Material material, bool configured, bool jobRunning,
                 bool expired, bool caCanSuspend)
{
    static const char* materials[] = {"no material", "imported", "issued by connector"};
    return QStringLiteral("%1 on %2, %3, %4%5%6%7")
        .arg(jobActionId(action), certificateStatusId(status), QLatin1String(materials[int(material)]),
             configured ? QStringLiteral("configured") : QStringLiteral("not configured"),
             jobRunning ? QStringLiteral(", job running") : QString(),
             expired ? QStringLiteral(", expired") : QString(),
             caCanSuspend ? QStringLiteral(", CA can suspend") : QString());
}

} // namespace

class TestActionAvailability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCombinationFollowsTheRules();
    void refusalsSayWhatToDo_data();
    void refusalsSayWhatToDo();
    void dashboardListsTheSpecActionsInOrder();
    void destructiveActionsAskFirst();
};

void TestActionAvailability::everyCombinationFollowsTheRules()
{
    int checked = 0;
    int enabled = 0;
    QStringList wrong;
    for (JobAction action : dashboardActions()) {
        for (CertificateStatus status : kStatuses) {
            for (Material material : {Material::None, Material::Imported, Material::IssuedByConnector}) {
                for (int flags = 0; flags < 16; ++flags) {
                    const bool configured = flags & 1;
                    const bool jobRunning = flags & 2;
                    const bool expired = flags & 4;
                    const bool caCanSuspend = flags & 8;
                    if (expired && material == Material::None) {
                        continue; // nothing to expire
                    }
                    const CertificateRecord record = makeRecord(status, material, expired);
                    ActionContext context;
                    context.configured = configured;
                    context.jobRunning = jobRunning;
                    context.caCanSuspend = caCanSuspend;
                    context.now = kNow;
                    const ActionState state = actionState(action, record, context);
                    const bool expected =
                        expectedEnabled(action, status, material, configured, jobRunning, expired, caCanSuspend);
                    const QString what =
                        describe(action, status, material, configured, jobRunning, expired, caCanSuspend);
                    if (state.enabled != expected) {
                        wrong << QStringLiteral("%1: %2 (%3)")
                                     .arg(what, state.enabled ? "enabled" : "disabled", state.reason);
                    }
                    // A disabled action always says why (tooltip, Batch Configure report); an enabled one does not.
                    if (state.enabled == state.reason.isEmpty()) {
                        ++checked;
                    } else {
                        wrong << QStringLiteral("%1: reason \"%2\" does not fit enabled=%3")
                                     .arg(what, state.reason)
                                     .arg(state.enabled);
                    }
                    enabled += state.enabled ? 1 : 0;
                }
            }
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("%1 wrong of the table:\n").arg(wrong.size()) +
                                         wrong.mid(0, 40).join(QLatin1Char('\n'))));
    // The table is not degenerate: both outcomes occur for every action.
    QCOMPARE(checked, 10 * 8 * (16 + 16 + 8)); // material None skips the expired half
    QVERIFY(enabled > 0 && enabled < checked);
    for (JobAction action : dashboardActions()) {
        bool seenOn = false;
        bool seenOff = false;
        for (CertificateStatus status : kStatuses) {
            for (Material material : {Material::None, Material::Imported, Material::IssuedByConnector}) {
                ActionContext context;
                context.configured = true;
                context.caCanSuspend = true;
                context.now = kNow;
                const bool on = actionState(action, makeRecord(status, material, false), context).enabled;
                (on ? seenOn : seenOff) = true;
            }
        }
        QVERIFY2(seenOn, qPrintable(jobActionId(action) + QStringLiteral(" is never enabled")));
        if (action != JobAction::Delete && action != JobAction::Order) {
            QVERIFY2(seenOff, qPrintable(jobActionId(action) + QStringLiteral(" is never disabled")));
        }
    }
}

void TestActionAvailability::refusalsSayWhatToDo_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("material");
    QTest::addColumn<bool>("configured");
    QTest::addColumn<bool>("jobRunning");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<QString>("reasonContains");

    auto row = [](const char* name, JobAction action, CertificateStatus status, Material material, bool configured,
                  bool jobRunning, bool expired, const char* reason) {
        QTest::newRow(name) << int(action) << int(status) << int(material) << configured << jobRunning << expired
                            << QString::fromLatin1(reason);
    };
    row("order unconfigured", JobAction::Order, CertificateStatus::Discovered, Material::Imported, false, false, false,
        "Configure provisioning first");
    row("initiate while a job runs", JobAction::Initiate, CertificateStatus::Managed, Material::None, true, true, false,
        "still running");
    row("initiate pending", JobAction::Initiate, CertificateStatus::Pending, Material::None, true, false, false,
        "use Order");
    row("initiate deployed", JobAction::Initiate, CertificateStatus::Deployed, Material::IssuedByConnector, true, false,
        false, "use Rotate or Rekey");
    row("initiate revoked", JobAction::Initiate, CertificateStatus::Revoked, Material::IssuedByConnector, true, false,
        false, "use Order");
    row("deploy before order", JobAction::Deploy, CertificateStatus::Managed, Material::None, true, false, false,
        "order the certificate first");
    row("deploy expired", JobAction::Deploy, CertificateStatus::Issued, Material::IssuedByConnector, true, false, true,
        "expired");
    row("rotate without certificate", JobAction::Rotate, CertificateStatus::Managed, Material::None, true, false, false,
        "use Order");
    row("revoke imported", JobAction::Revoke, CertificateStatus::Discovered, Material::Imported, true, false, false,
        "at the CA that issued it");
    row("suspend twice", JobAction::Suspend, CertificateStatus::Suspended, Material::IssuedByConnector, true, false,
        false, "Already");
    row("resume not suspended", JobAction::Resume, CertificateStatus::Deployed, Material::IssuedByConnector, true,
        false, false, "not suspended");
    row("pinning without endpoint", JobAction::RecheckPinning, CertificateStatus::Discovered, Material::Imported, false,
        false, false, "endpoint");
}

void TestActionAvailability::refusalsSayWhatToDo()
{
    QFETCH(int, action);
    QFETCH(int, status);
    QFETCH(int, material);
    QFETCH(bool, configured);
    QFETCH(bool, jobRunning);
    QFETCH(bool, expired);
    QFETCH(QString, reasonContains);
    ActionContext context;
    context.configured = configured;
    context.jobRunning = jobRunning;
    context.caCanSuspend = true;
    context.now = kNow;
    const ActionState state =
        actionState(JobAction(action), makeRecord(CertificateStatus(status), Material(material), expired), context);
    QVERIFY(!state.enabled);
    QVERIFY2(state.reason.contains(reasonContains), qPrintable(state.reason));
}

void TestActionAvailability::dashboardListsTheSpecActionsInOrder()
{
    const QList<JobAction> expected{JobAction::Initiate,       JobAction::Order,  JobAction::Deploy, JobAction::Delete,
                                    JobAction::RecheckPinning, JobAction::Rotate, JobAction::Rekey,  JobAction::Revoke,
                                    JobAction::Suspend,        JobAction::Resume};
    QCOMPARE(dashboardActions(), expected);
}

void TestActionAvailability::destructiveActionsAskFirst()
{
    QStringList destructive;
    for (JobAction action : dashboardActions()) {
        if (isDestructive(action)) {
            destructive << jobActionId(action);
        }
    }
    QCOMPARE(destructive, (QStringList{QStringLiteral("delete"), QStringLiteral("rotate"), QStringLiteral("rekey"),
                                       QStringLiteral("revoke"), QStringLiteral("suspend")}));
}

QTEST_GUILESS_MAIN(TestActionAvailability)
#include "TestActionAvailability.moc"
