#include "models/ViewExport.h"

#include "engine/core/Csv.h"
#include "models/CertificateFilterProxy.h"
#include "models/CertificateTableModel.h"

#include <QSaveFile>

namespace certdeck::models {
namespace {

QByteArray headerLine(const ViewSnapshot& snapshot)
{
    QStringList titles;
    for (int column : snapshot.columns) {
        titles.append(CertificateTableModel::columnTitle(column));
    }
    return csv::record(titles);
}

QByteArray rowLine(const ViewSnapshot& snapshot, int row)
{
    const CertificateRecord& record = snapshot.records[row];
    QStringList cells;
    cells.reserve(snapshot.columns.size());
    for (int column : snapshot.columns) {
        cells.append(CertificateTableModel::cellText(record, column, snapshot.now));
    }
    return csv::record(cells);
}

} // namespace

ViewSnapshot snapshotView(const CertificateFilterProxy& proxy, const QList<int>& columns)
{
    ViewSnapshot snapshot;
    const auto* model = qobject_cast<const CertificateTableModel*>(proxy.sourceModel());
    if (!model) {
        return snapshot;
    }
    snapshot.records = model->records();
    snapshot.columns = columns;
    snapshot.now = model->now();
    const int count = proxy.rowCount();
    snapshot.rows.reserve(count);
    for (int row = 0; row < count; ++row) {
        snapshot.rows.append(proxy.mapToSource(proxy.index(row, 0)).row());
    }
    return snapshot;
}

QByteArray viewToCsv(const ViewSnapshot& snapshot)
{
    QByteArray out = headerLine(snapshot);
    for (int row : snapshot.rows) {
        out += rowLine(snapshot, row);
    }
    return out;
}

Status writeViewCsv(const ViewSnapshot& snapshot, const QString& path)
{
    QSaveFile file(path);
    const auto failed = [&path](const QString& why) {
        return fail(QStringLiteral("Could not write the CSV export to %1: %2. Check the folder and free space, then "
                                   "export again.")
                        .arg(path, why));
    };
    if (!file.open(QIODevice::WriteOnly)) {
        return failed(file.errorString());
    }
    QByteArray chunk = headerLine(snapshot);
    for (int row : snapshot.rows) {
        chunk += rowLine(snapshot, row);
        if (chunk.size() >= 1 << 20) {
            if (file.write(chunk) != chunk.size()) {
                return failed(file.errorString());
            }
            chunk.clear();
        }
    }
    if (file.write(chunk) != chunk.size()) {
        return failed(file.errorString());
    }
    if (!file.commit()) {
        return failed(file.errorString());
    }
    return {};
}

} // namespace certdeck::models
