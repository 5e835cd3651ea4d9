#include "ui/widgets/StatusSummary.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace certdeck::ui {

StatusSummary::StatusSummary(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("statusSummary"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_layout->addStretch(1);
    setSummary({});
}

QToolButton* StatusSummary::addButton(const QString& name, const QString& text, const QString& tip)
{
    auto* button = new QToolButton(this);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    button->setCursor(Qt::PointingHandCursor);
    m_layout->insertWidget(m_layout->count() - 1, button);
    m_buttons.append(button);
    return button;
}

void StatusSummary::setSummary(const models::StatusSummary& summary)
{
    m_summary = summary;
    m_buttons.clear();
    while (m_layout->count() > 1) {
        QLayoutItem* item = m_layout->takeAt(0);
        delete item->widget();
        delete item;
    }

    QToolButton* total = addButton(QStringLiteral("summaryTotal"), tr("All: %1").arg(summary.total),
                                   tr("Show every certificate (clears the filters)"));
    connect(total, &QToolButton::clicked, this, &StatusSummary::allClicked);
    for (auto it = summary.byStatus.constBegin(); it != summary.byStatus.constEnd(); ++it) {
        const CertificateStatus status = it.key();
        const QString name = certificateStatusDisplayName(status);
        QToolButton* button =
            addButton(QStringLiteral("summary_") + certificateStatusId(status), tr("%1: %2").arg(name).arg(it.value()),
                      tr("Show only the %1 certificates").arg(name));
        connect(button, &QToolButton::clicked, this, [this, status] { Q_EMIT statusClicked(status); });
    }
    auto* separator = new QLabel(QStringLiteral("|"), this);
    separator->setEnabled(false);
    m_layout->insertWidget(m_layout->count() - 1, separator);

    QToolButton* soon = addButton(QStringLiteral("summaryExpiringSoon"),
                                  tr("Expiring within %1 days: %2").arg(soonDays()).arg(summary.expiringSoon),
                                  tr("Show the certificates that expire within %1 days").arg(soonDays()));
    connect(soon, &QToolButton::clicked, this, &StatusSummary::expiringSoonClicked);
    QToolButton* expired = addButton(QStringLiteral("summaryExpired"), tr("Expired: %1").arg(summary.expired),
                                     tr("Show the expired certificates"));
    connect(expired, &QToolButton::clicked, this, &StatusSummary::expiredClicked);
    QToolButton* drift = addButton(QStringLiteral("summaryDrift"), tr("Drift: %1").arg(summary.drift),
                                   tr("Show the certificates whose endpoint serves something else"));
    connect(drift, &QToolButton::clicked, this, &StatusSummary::driftClicked);
    if (summary.expired > 0) {
        expired->setStyleSheet(QStringLiteral("color: #b00020;"));
    }
    if (summary.drift > 0) {
        drift->setStyleSheet(QStringLiteral("color: #b35c00;"));
    }
}

QToolButton* StatusSummary::button(const QString& objectName) const
{
    for (QToolButton* button : m_buttons) {
        if (button->objectName() == objectName) {
            return button;
        }
    }
    return nullptr;
}

} // namespace certdeck::ui
