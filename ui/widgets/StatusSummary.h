#pragma once

#include "models/InventoryStatistics.h"

#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace certdeck::ui {

// The strip above the dashboard table: how many certificates per status, expiring within 30 days, expired and
// with drift. Each count is a button; clicking it asks the dashboard to filter on it.
class StatusSummary : public QWidget
{
    Q_OBJECT
public:
    explicit StatusSummary(QWidget* parent = nullptr);

    void setSummary(const models::StatusSummary& summary);
    const models::StatusSummary& summary() const { return m_summary; }
    int soonDays() const { return 30; }

    // The button of a count (objectName "summaryTotal", "summary_<statusId>", "summaryExpiringSoon",
    // "summaryExpired", "summaryDrift"); null when not shown.
    QToolButton* button(const QString& objectName) const;

Q_SIGNALS:
    void allClicked();
    void statusClicked(certdeck::CertificateStatus status);
    void expiringSoonClicked();
    void expiredClicked();
    void driftClicked();

private:
    QToolButton* addButton(const QString& name, const QString& text, const QString& tip);

    models::StatusSummary m_summary;
    QHBoxLayout* m_layout = nullptr;
    QList<QToolButton*> m_buttons;
};

} // namespace certdeck::ui
