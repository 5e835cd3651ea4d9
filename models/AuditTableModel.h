#pragma once

#include "engine/domain/AuditEvent.h"

#include <QAbstractTableModel>
#include <QList>

namespace certdeck::models {

// The audit trail as a table (newest first as loaded). Read-only; the rows are replaced as a whole.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { At, Actor, Certificate, Action, Outcome, Details, ColumnCount };

    explicit AuditTableModel(QObject* parent = nullptr);

    void setEvents(QList<AuditEvent> events);
    const QList<AuditEvent>& events() const { return m_events; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AuditEvent> m_events;
};

} // namespace certdeck::models
