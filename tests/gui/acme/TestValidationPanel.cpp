// Manual domain validation in the details pane: a job waiting in AwaitingValidation shows exactly what to publish
// (copyable), the deadline and "Validation Done", which reaches the engine and reports its answer; any other job
// hides the panel.
#include "engine/jobs/ManualValidation.h"
#include "ui/CertificateDetailsPane.h"
#include "ui/ValidationPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace certdeck;
using ui::ValidationPanel;

namespace {

template <typename T>
T* child(QWidget* parent, const QString& name)
{
    auto* widget = parent->findChild<T*>(name);
    if (!widget) {
        qWarning("no child %s", qPrintable(name));
    }
    return widget;
}

jobs::ManualValidation sampleValidation(const QDateTime& deadline)
{
    jobs::ManualValidation v;
    v.reason =
        QStringLiteral("The pre-flight fetch of http://shop.example.com/.well-known/acme-challenge/abc got 404.");
    v.deadline = deadline;
    jobs::ManualChallenge http;
    http.identifier = QStringLiteral("shop.example.com");
    http.type = QStringLiteral("http-01");
    http.url = QStringLiteral("http://shop.example.com/.well-known/acme-challenge/abc");
    http.fileName = QStringLiteral("abc");
    http.filePath = QStringLiteral("/var/www/shop/.well-known/acme-challenge/abc");
    http.content = QStringLiteral("abc.KeyAuthThumbprint");
    jobs::ManualChallenge dns;
    dns.identifier = QStringLiteral("*.shop.example.com");
    dns.type = QStringLiteral("dns-01");
    dns.recordName = QStringLiteral("_acme-challenge.shop.example.com.");
    dns.recordValue = QStringLiteral("gfj9Xq-Rzd2qM0oeL4mK8f3s1o6M4Yt5bT0c3B1f2e8");
    v.challenges = {http, dns};
    return v;
}

Job awaitingJob(qint64 id, const QDateTime& deadline)
{
    Job job;
    job.id = id;
    job.certificateId = 7;
    job.action = JobAction::Issue;
    job.state = JobState::AwaitingValidation;
    job.step = QStringLiteral("dcv.manual");
    job.result.insert(QStringLiteral("validation"), sampleValidation(deadline).toJson());
    return job;
}

QString text(QWidget* parent, const QString& name)
{
    if (auto* edit = parent->findChild<QLineEdit*>(name)) {
        return edit->text();
    }
    auto* label = child<QLabel>(parent, name);
    return label ? label->text() : QString();
}

} // namespace

class TestValidationPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsWhatToPublishWithCopyableValues();
    void validationDoneReachesTheEngineAndShowsTheAnswer();
    void refusalIsShownAndTheButtonComesBack();
    void otherJobsHideThePanel();
    void passedDeadlineDisablesValidationDone();
    void detailsPaneShowsItForTheLatestJobOnly();
};

void TestValidationPanel::showsWhatToPublishWithCopyableValues()
{
    ValidationPanel panel;
    const QDateTime deadline = QDateTime::currentDateTimeUtc().addDays(7);
    panel.setJob(awaitingJob(41, deadline));
    QVERIFY(!panel.isHidden());
    QVERIFY(text(&panel, QStringLiteral("validationReason")).contains(QStringLiteral("got 404")));
    QCOMPARE(text(&panel, QStringLiteral("challenge0File")),
             QStringLiteral("/var/www/shop/.well-known/acme-challenge/abc"));
    QCOMPARE(text(&panel, QStringLiteral("challenge0Url")),
             QStringLiteral("http://shop.example.com/.well-known/acme-challenge/abc"));
    QCOMPARE(text(&panel, QStringLiteral("challenge0Content")), QStringLiteral("abc.KeyAuthThumbprint"));
    QCOMPARE(text(&panel, QStringLiteral("challenge1RecordName")), QStringLiteral("_acme-challenge.shop.example.com."));
    QCOMPARE(text(&panel, QStringLiteral("challenge1RecordValue")),
             QStringLiteral("gfj9Xq-Rzd2qM0oeL4mK8f3s1o6M4Yt5bT0c3B1f2e8"));
    QVERIFY(child<QLineEdit>(&panel, QStringLiteral("challenge0Content"))->isReadOnly());
    QVERIFY(text(&panel, QStringLiteral("challenge1Heading")).contains(QStringLiteral("*.shop.example.com")));
    const QString when = deadline.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QVERIFY2(text(&panel, QStringLiteral("validationDeadline")).contains(when),
             qPrintable(text(&panel, QStringLiteral("validationDeadline"))));

    QSignalSpy status(&panel, &ValidationPanel::statusMessage);
    QTest::mouseClick(child<QPushButton>(&panel, QStringLiteral("challenge0ContentCopy")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("abc.KeyAuthThumbprint"));
    QTest::mouseClick(child<QPushButton>(&panel, QStringLiteral("challenge1RecordValueCopy")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("gfj9Xq-Rzd2qM0oeL4mK8f3s1o6M4Yt5bT0c3B1f2e8"));
    QCOMPARE(status.size(), 2);
}

void TestValidationPanel::validationDoneReachesTheEngineAndShowsTheAnswer()
{
    ValidationPanel panel;
    QList<qint64> asked;
    panel.setConfirmHandler([&asked](qint64 jobId, QObject* context, std::function<void(Status)> done) {
        asked.append(jobId);
        QTimer::singleShot(0, context, [done] { done(Status()); });
    });
    panel.setJob(awaitingJob(42, QDateTime::currentDateTimeUtc().addDays(1)));
    auto* button = child<QPushButton>(&panel, QStringLiteral("validationDone"));
    QVERIFY(button->isEnabled());
    QSignalSpy confirmed(&panel, &ValidationPanel::confirmed);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(asked, QList<qint64>{42});
    QVERIFY(!button->isEnabled());
    QVERIFY(panel.statusText().contains(QStringLiteral("Asking the CA")));
    QTest::mouseClick(button, Qt::LeftButton); // no second request while the first runs
    QCOMPARE(asked.size(), 1);
    QTRY_COMPARE(confirmed.size(), 1);
    QCOMPARE(confirmed.first().first().toLongLong(), 42);
    QVERIFY2(panel.statusText().contains(QStringLiteral("The CA is validating")), qPrintable(panel.statusText()));

    // The engine moves the job on: the panel follows jobChanged and hides.
    Job running = awaitingJob(42, QDateTime());
    running.state = JobState::Running;
    panel.updateJob(running);
    QVERIFY(panel.isHidden());
}

void TestValidationPanel::refusalIsShownAndTheButtonComesBack()
{
    ValidationPanel panel;
    panel.setConfirmHandler([](qint64, QObject* context, std::function<void(Status)> done) {
        QTimer::singleShot(0, context, [done] {
            done(fail(QStringLiteral("The job is not waiting for validation any more (it failed: order expired)."),
                      QStringLiteral("conflict")));
        });
    });
    panel.setJob(awaitingJob(43, QDateTime::currentDateTimeUtc().addDays(1)));
    auto* button = child<QPushButton>(&panel, QStringLiteral("validationDone"));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(button->isEnabled());
    QVERIFY2(panel.statusText().contains(QStringLiteral("The order could not continue: The job is not waiting")),
             qPrintable(panel.statusText()));

    // Without an engine connection the button says so instead of doing nothing.
    ValidationPanel unwired;
    unwired.setJob(awaitingJob(44, QDateTime::currentDateTimeUtc().addDays(1)));
    QTest::mouseClick(child<QPushButton>(&unwired, QStringLiteral("validationDone")), Qt::LeftButton);
    QVERIFY(unwired.statusText().contains(QStringLiteral("no engine connection")));
}

void TestValidationPanel::otherJobsHideThePanel()
{
    ValidationPanel panel;
    Job job = awaitingJob(50, QDateTime::currentDateTimeUtc().addDays(1));
    job.state = JobState::Running;
    panel.setJob(job);
    QVERIFY(panel.isHidden());
    job.state = JobState::Failed;
    panel.setJob(job);
    QVERIFY(panel.isHidden());
    // Awaiting, but nothing to show: hidden rather than an empty box.
    Job empty;
    empty.id = 51;
    empty.state = JobState::AwaitingValidation;
    panel.setJob(empty);
    QVERIFY(panel.isHidden());
    // It appears when the job starts waiting (jobChanged), and follows a newer job of the same certificate.
    panel.updateJob(awaitingJob(51, QDateTime::currentDateTimeUtc().addDays(1)));
    QVERIFY(!panel.isHidden());
    Job newer = awaitingJob(52, QDateTime());
    newer.state = JobState::Queued;
    panel.updateJob(newer);
    QVERIFY(panel.isHidden());
    QCOMPARE(panel.jobId(), qint64(52));
}

void TestValidationPanel::passedDeadlineDisablesValidationDone()
{
    ValidationPanel panel;
    panel.setConfirmHandler([](qint64, QObject*, std::function<void(Status)>) { QFAIL("must not be asked"); });
    panel.setJob(awaitingJob(60, QDateTime::currentDateTimeUtc().addSecs(-60)));
    QVERIFY(!panel.isHidden());
    QVERIFY(!child<QPushButton>(&panel, QStringLiteral("validationDone"))->isEnabled());
    QVERIFY(text(&panel, QStringLiteral("validationDeadline")).contains(QStringLiteral("has passed")));
}

void TestValidationPanel::detailsPaneShowsItForTheLatestJobOnly()
{
    ui::CertificateDetailsPane pane;
    pane.show();
    CertificateRecord record;
    record.id = 7;
    record.commonName = QStringLiteral("shop.example.com");
    pane.setCertificate(record);
    Job older;
    older.id = 30;
    older.certificateId = 7;
    older.state = JobState::Failed;
    pane.setJobs({awaitingJob(31, QDateTime::currentDateTimeUtc().addDays(1)), older}); // newest first
    QVERIFY(pane.validationPanel()->isVisible());
    QCOMPARE(text(pane.validationPanel(), QStringLiteral("challenge0Content")),
             QStringLiteral("abc.KeyAuthThumbprint"));
    Job succeeded = awaitingJob(31, QDateTime());
    succeeded.state = JobState::Succeeded;
    pane.setJobs({succeeded, older});
    QVERIFY(!pane.validationPanel()->isVisible());
    pane.setJobs({awaitingJob(31, QDateTime::currentDateTimeUtc().addDays(1))});
    QVERIFY(pane.validationPanel()->isVisible());
    record.id = 8;
    pane.setCertificate(record); // another certificate: nothing of the first one stays
    QVERIFY(!pane.validationPanel()->isVisible());
}

QTEST_MAIN(TestValidationPanel)
#include "TestValidationPanel.moc"
