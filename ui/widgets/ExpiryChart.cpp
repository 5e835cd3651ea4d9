#include "ui/widgets/ExpiryChart.h"

#include "engine/core/Async.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace certdeck::ui {
namespace {

// Above this many certificates the weeks are counted off the GUI thread.
constexpr qsizetype backgroundAboveRecords = 20000;

QColor statusColor(CertificateStatus status)
{
    switch (status) {
    case CertificateStatus::Discovered:
        return QColor(0x90, 0xa4, 0xae);
    case CertificateStatus::Managed:
        return QColor(0x42, 0x85, 0xf4);
    case CertificateStatus::Pending:
        return QColor(0xfb, 0xbc, 0x04);
    case CertificateStatus::Issued:
        return QColor(0x00, 0x96, 0x88);
    case CertificateStatus::Deployed:
        return QColor(0x34, 0xa8, 0x53);
    case CertificateStatus::Failed:
        return QColor(0xea, 0x43, 0x35);
    case CertificateStatus::Revoked:
        return QColor(0x6d, 0x4c, 0x41);
    case CertificateStatus::Suspended:
        return QColor(0x9c, 0x27, 0xb0);
    }
    return Qt::gray;
}

} // namespace

ExpiryChart::ExpiryChart(QWidget* parent)
    : QWidget(parent)
    , m_view(new QChartView(this))
    , m_weeks(new QSpinBox(this))
{
    setObjectName(QStringLiteral("expiryChart"));
    m_weeks->setObjectName(QStringLiteral("expiryWeeks"));
    m_weeks->setRange(1, 104);
    m_weeks->setValue(26);
    m_weeks->setSuffix(tr(" weeks"));
    auto* weeksLabel = new QLabel(tr("&Next:"), this);
    weeksLabel->setBuddy(m_weeks);

    auto* chart = new QChart;
    chart->setTitle(tr("Certificates expiring per week"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setChart(chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);

    auto* controls = new QHBoxLayout;
    controls->addWidget(weeksLabel);
    controls->addWidget(m_weeks);
    controls->addStretch(1);
    auto* hint = new QLabel(tr("Click a bar to show that week's certificates."), this);
    hint->setEnabled(false);
    controls->addWidget(hint);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_weeks, &QSpinBox::valueChanged, this, &ExpiryChart::recount);
    recount();
}

QChart* ExpiryChart::chart() const
{
    return m_view->chart();
}

int ExpiryChart::weeks() const
{
    return m_weeks->value();
}

void ExpiryChart::setWeeks(int weeks)
{
    m_weeks->setValue(weeks);
}

void ExpiryChart::setRecords(const QList<CertificateRecord>& records, const QDateTime& now)
{
    m_records = records;
    m_now = now;
    recount();
}

void ExpiryChart::recount()
{
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    const int weeks = m_weeks->value();
    if (m_records.size() <= backgroundAboveRecords) {
        setBuckets(models::expiryBuckets(m_records, now, weeks));
        return;
    }
    // Large inventories are counted off the GUI thread; the latest request wins.
    const quint64 request = ++m_request;
    const QList<CertificateRecord> records = m_records;
    runInBackground<models::ExpiryBuckets>(
        this, [records, now, weeks] { return models::expiryBuckets(records, now, weeks); },
        [this, request](models::ExpiryBuckets buckets) {
            if (request == m_request) {
                setBuckets(buckets);
            }
        });
}

void ExpiryChart::setBuckets(const models::ExpiryBuckets& buckets)
{
    const bool same = m_drawn && buckets.weeks == m_buckets.weeks && buckets.counts == m_buckets.counts &&
                      buckets.weekStart(0) == m_buckets.weekStart(0);
    m_buckets = buckets;
    if (same) {
        return; // nothing new to draw (a change that moved no certificate between weeks and statuses)
    }
    m_drawn = false;
    if (isVisible()) {
        redraw();
    }
}

void ExpiryChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_drawn) {
        redraw(); // the chart is drawn when it is seen
    }
}

void ExpiryChart::redraw()
{
    m_drawn = true;
    QChart* chart = m_view->chart();
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }

    m_series = new QStackedBarSeries;
    m_series->setObjectName(QStringLiteral("expirySeries"));
    int highest = 0;
    for (int week = 0; week < m_buckets.weeks; ++week) {
        highest = std::max(highest, m_buckets.total(week));
    }
    for (auto it = m_buckets.counts.constBegin(); it != m_buckets.counts.constEnd(); ++it) {
        auto* set = new QBarSet(certificateStatusDisplayName(it.key()));
        set->setObjectName(certificateStatusId(it.key()));
        set->setColor(statusColor(it.key()));
        set->setBorderColor(statusColor(it.key()).darker(120));
        for (int count : it.value()) {
            set->append(count);
        }
        m_series->append(set);
    }
    connect(m_series, &QStackedBarSeries::clicked, this,
            [this](int index, QBarSet*) { Q_EMIT weekClicked(index, 7 * index, 7 * index + 6); });
    chart->addSeries(m_series);

    QStringList categories;
    for (int week = 0; week < m_buckets.weeks; ++week) {
        categories.append(QLocale().toString(m_buckets.weekStart(week), QStringLiteral("d MMM")));
    }
    auto* axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsAngle(-60);
    // Qt Charts shortens labels that do not fit their slot to "2…": with 26+ weeks every date was cut.
    axisX->setTruncateLabels(false);
    chart->addAxis(axisX, Qt::AlignBottom);
    m_series->attachAxis(axisX);
    auto* axisY = new QValueAxis;
    axisY->setRange(0, std::max(1, highest));
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setTickCount(std::min(6, std::max(2, highest + 1)));
    chart->addAxis(axisY, Qt::AlignLeft);
    m_series->attachAxis(axisY);
    chart->legend()->setVisible(!m_buckets.counts.isEmpty());
}

} // namespace certdeck::ui
