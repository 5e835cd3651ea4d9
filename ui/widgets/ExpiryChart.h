#pragma once

#include "models/InventoryStatistics.h"

#include <QWidget>

class QSpinBox;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QStackedBarSeries;
QT_END_NAMESPACE

namespace certdeck::ui {

// The expiry overview: certificates expiring per week for the next N weeks, one stacked bar per week split by
// status (Qt Charts). Clicking a bar asks the dashboard to show that week's certificates.
class ExpiryChart : public QWidget
{
    Q_OBJECT
public:
    explicit ExpiryChart(QWidget* parent = nullptr);

    void setRecords(const QList<CertificateRecord>& records, const QDateTime& now);
    const models::ExpiryBuckets& buckets() const { return m_buckets; }
    int weeks() const;
    void setWeeks(int weeks);

    QChart* chart() const;
    QStackedBarSeries* series() const { return m_series; }

Q_SIGNALS:
    // Days left within [7*week, 7*week + 6].
    void weekClicked(int week, int firstDay, int lastDay);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recount();                                        // buckets from m_records
    void setBuckets(const models::ExpiryBuckets& buckets); // redraws when they changed (now, or when shown)
    void redraw();

    QChartView* m_view = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QSpinBox* m_weeks = nullptr;
    QList<CertificateRecord> m_records;
    QDateTime m_now;
    models::ExpiryBuckets m_buckets;
    bool m_drawn = false;  // the chart shows m_buckets
    quint64 m_request = 0; // the latest background count
};

} // namespace certdeck::ui
