#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <functional>

namespace certdeck::models {

// The dashboard's rows: one certificate of the inventory per row. Days left is computed from an
// injectable clock so tests (and the "expiring within" filter) see a fixed "now".
class CertificateTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { CommonName, Sans, Issuer, Expires, DaysLeft, Status, ServerType, Host, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts naturally (dates, numbers)
        CertificateIdRole,           // qint64
        StatusRole,                  // int(CertificateStatus)
        DaysLeftRole,                // int, whole days until notAfter
        SearchTextRole,              // CN, SANs, issuer and host, for the text filter
        DriftRole,                   // QString, empty when the endpoint serves this record
    };

    using Clock = std::function<QDateTime()>;

    explicit CertificateTableModel(QObject* parent = nullptr);

    void setClock(Clock clock);
    QDateTime now() const;

    void setRecords(const QList<CertificateRecord>& records);
    // Replaces the row with the same id, or appends a new one.
    void upsert(const CertificateRecord& record);
    bool remove(qint64 certificateId);

    const QList<CertificateRecord>& records() const { return m_records; }
    int rowOf(qint64 certificateId) const; // -1 when absent
    const CertificateRecord* recordAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "CN=Example Root,O=Example" -> "Example Root"; the whole DN when it has no CN.
    static QString shortIssuer(const QString& issuerDn);

private:
    QVariant displayData(const CertificateRecord& record, int column) const;
    QVariant sortData(const CertificateRecord& record, int column) const;

    QList<CertificateRecord> m_records;
    Clock m_clock;
};

} // namespace certdeck::models
