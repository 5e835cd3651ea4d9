#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <functional>

namespace certdeck::models {

// The dashboard's rows: one certificate of the inventory per row. Days left is computed from an
// injectable clock so tests (and the "expiring within" filter) see a fixed "now".
//
// Built for 100,000 rows: per row it keeps a lowercase search key, the short issuer name (shared between rows
// with the same issuer) and notAfter in milliseconds, so filtering and sorting never allocate per row;
// rowOf() is a hash lookup.
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
        SearchTextRole,              // CN, SANs, issuer and host (lowercase), for the text filter
        DriftRole,                   // QString, empty when the endpoint serves this record
        IssuerNameRole,              // QString, the issuer's short name (as the Issuer column and its filter show it)
        ServerTypeIdRole,            // QString, serverTypeId() or empty
        BotIdRole,                   // qint64, 0 when no bot is mapped
    };

    using Clock = std::function<QDateTime()>;

    explicit CertificateTableModel(QObject* parent = nullptr);

    void setClock(Clock clock);
    QDateTime now() const;

    void setRecords(const QList<CertificateRecord>& records);
    // Adds `records` after the current rows in one insertion (the rest of an inventory whose first page is shown);
    // ids already present keep their row.
    void appendRecords(QList<CertificateRecord> records);
    // Replaces the row with the same id, or appends a new one.
    void upsert(const CertificateRecord& record);
    // upsert() for many: one dataChanged over the replaced rows and one insertion for the new ones.
    void upsertMany(const QList<CertificateRecord>& records);
    bool remove(qint64 certificateId);

    const QList<CertificateRecord>& records() const { return m_records; }
    int rowOf(qint64 certificateId) const; // -1 when absent
    const CertificateRecord* recordAt(int row) const;

    // The cached keys of a row (valid rows only).
    // Not built while loading (the first screen does not wait for them): adoptSearchKeys() hands in keys built off
    // the GUI thread; otherwise they are built on first use (the first search).
    const QString& searchKey(int row) const;
    // The search keys of `records` (lowercase CN, SANs, issuer and host); thread-safe.
    static QList<QString> buildSearchKeys(const QList<CertificateRecord>& records);
    // Takes keys built from records() as they were at `generation()`; ignored when the rows changed since.
    void adoptSearchKeys(QList<QString> keys, quint64 generation);
    quint64 generation() const { return m_generation; } // changes whenever a row is set, added or removed
    const QString& issuerName(int row) const { return m_keys[row].issuer; }
    qint64 notAfterMsecs(int row) const { return m_keys[row].notAfterMs; } // max() when unknown
    // Whole days left at `now` from the cached notAfter (as CertificateRecord::daysLeft).
    int daysLeftAt(int row, qint64 nowMsecs) const;
    // The sort order of `column` between two source rows, without building a QVariant: each row's rank in that
    // column, computed once per column (one sort over case-folded keys) and kept until the rows change.
    bool lessThan(int leftRow, int rightRow, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The text a cell shows; thread-safe (the CSV export calls it off the GUI thread).
    static QString cellText(const CertificateRecord& record, int column, const QDateTime& now);
    static QString columnTitle(int column);

    // "CN=Example Root,O=Example" -> "Example Root"; the whole DN when it has no CN.
    static QString shortIssuer(const QString& issuerDn);

private:
    struct RowKeys
    {
        QString issuer;
        qint64 notAfterMs = 0;
    };

    RowKeys keysFor(const CertificateRecord& record);
    static QString searchKeyFor(const CertificateRecord& record);
    void rebuildIndex();
    void rowsChanged(); // drops the sort ranks
    const QList<int>& rankOf(int column) const;
    bool compareRecords(int leftRow, int rightRow, int column) const;
    QVariant sortData(const CertificateRecord& record, int column) const;

    QList<CertificateRecord> m_records;
    QList<RowKeys> m_keys;                   // parallel to m_records
    QHash<qint64, int> m_rowById;            // id -> row
    QHash<QString, QString> m_issuerNames;   // issuer DN -> short name, shared between rows
    mutable QList<int> m_ranks[ColumnCount]; // per column: row -> position in that column's order; empty: stale
    mutable QList<QString> m_searchKeys;     // lowercase, parallel to m_records once built (empty before)
    quint64 m_generation = 0;
    Clock m_clock;
};

} // namespace certdeck::models
