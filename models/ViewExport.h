#pragma once

#include "engine/core/Result.h"
#include "engine/domain/CertificateRecord.h"

#include <QDateTime>
#include <QList>

namespace certdeck::models {

class CertificateFilterProxy;

// What "Export View as CSV" writes, captured on the GUI thread in O(rows) without formatting a cell: the
// records (implicitly shared), the source rows in view order (current sort and filter) and the visible columns
// in their visual order. Formatting and writing happen off the GUI thread.
struct ViewSnapshot
{
    QList<CertificateRecord> records;
    QList<int> rows;    // indexes into records, in view order
    QList<int> columns; // CertificateTableModel::Column, in visual order
    QDateTime now;
};

// `columns` in visual order, hidden ones left out (the caller reads them from the view's header).
ViewSnapshot snapshotView(const CertificateFilterProxy& proxy, const QList<int>& columns);

// RFC 4180 CSV (CRLF, UTF-8, header line of column titles), every cell through csv::field() so a cell such as
// "=cmd|..." cannot run as a spreadsheet formula.
QByteArray viewToCsv(const ViewSnapshot& snapshot);
// Writes viewToCsv() atomically (QSaveFile) to `path`, in chunks; thread-safe. The error names the file.
Status writeViewCsv(const ViewSnapshot& snapshot, const QString& path);

} // namespace certdeck::models
