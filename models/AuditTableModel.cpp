#include "models/AuditTableModel.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>

namespace certdeck::models {

AuditTableModel::AuditTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AuditTableModel::setEvents(QList<AuditEvent> events)
{
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AuditEvent& event = m_events[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case At:
            return role == Qt::DisplayRole ? event.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                           : event.at.toUTC().toString(Qt::ISODateWithMs);
        case Actor:
            return event.actor;
        case Certificate:
            return event.certificateId != 0 ? QVariant(event.certificateId) : QVariant();
        case Action:
            return event.action;
        case Outcome:
            return event.outcome;
        case Details:
            return QString::fromUtf8(
                QJsonDocument(event.details)
                    .toJson(role == Qt::DisplayRole ? QJsonDocument::Compact : QJsonDocument::Indented));
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Outcome && event.outcome != QLatin1String("ok")) {
        return QBrush(QColor(0xb0, 0x00, 0x20));
    }
    if (role == Qt::UserRole) {
        return event.id;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case At:
        return tr("Time");
    case Actor:
        return tr("Actor");
    case Certificate:
        return tr("Certificate");
    case Action:
        return tr("Action");
    case Outcome:
        return tr("Outcome");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace certdeck::models
