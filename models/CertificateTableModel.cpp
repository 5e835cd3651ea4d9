#include "models/CertificateTableModel.h"

#include "engine/domain/ServerType.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QRegularExpression>

#include <limits>

namespace certdeck::models {
namespace {

QString serverTypeName(const QString& id)
{
    ServerType type;
    return serverTypeFromId(id, &type) ? serverTypeDisplayName(type) : id;
}

} // namespace

CertificateTableModel::CertificateTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void CertificateTableModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    if (!m_records.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
}

QDateTime CertificateTableModel::now() const
{
    return m_clock();
}

void CertificateTableModel::setRecords(const QList<CertificateRecord>& records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

void CertificateTableModel::upsert(const CertificateRecord& record)
{
    const int row = rowOf(record.id);
    if (row >= 0) {
        m_records[row] = record;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int end = static_cast<int>(m_records.size());
    beginInsertRows({}, end, end);
    m_records.append(record);
    endInsertRows();
}

bool CertificateTableModel::remove(qint64 certificateId)
{
    const int row = rowOf(certificateId);
    if (row < 0) {
        return false;
    }
    beginRemoveRows({}, row, row);
    m_records.removeAt(row);
    endRemoveRows();
    return true;
}

int CertificateTableModel::rowOf(qint64 certificateId) const
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records[row].id == certificateId) {
            return row;
        }
    }
    return -1;
}

const CertificateRecord* CertificateTableModel::recordAt(int row) const
{
    return row >= 0 && row < m_records.size() ? &m_records[row] : nullptr;
}

int CertificateTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int CertificateTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CertificateTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CertificateRecord& record = m_records[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(record, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Issuer) {
            return record.issuer;
        }
        if (index.column() == Sans) {
            return record.sans.join(QLatin1Char('\n'));
        }
        if (index.column() == Status && !record.drift.isEmpty()) {
            return tr("Drift: %1").arg(record.drift);
        }
        return {};
    case Qt::BackgroundRole:
        if (!record.drift.isEmpty()) {
            return QBrush(QColor(0xff, 0xf0, 0xc2)); // warning: the endpoint does not serve this record
        }
        return {};
    case DriftRole:
        return record.drift;
    case Qt::TextAlignmentRole:
        if (index.column() == DaysLeft) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == DaysLeft && record.notAfter.isValid()) {
            const int days = record.daysLeft(now());
            if (days < 0) {
                return QBrush(QColor(0xb0, 0x00, 0x20));
            }
            if (days <= 30) {
                return QBrush(QColor(0xb3, 0x5c, 0x00));
            }
        }
        return {};
    case SortRole:
        return sortData(record, index.column());
    case CertificateIdRole:
        return record.id;
    case StatusRole:
        return static_cast<int>(record.status);
    case DaysLeftRole:
        return record.notAfter.isValid() ? QVariant(record.daysLeft(now())) : QVariant();
    case SearchTextRole:
        return QStringList{record.commonName, record.sans.join(QLatin1Char(' ')), record.issuer, record.host}.join(
            QLatin1Char(' '));
    default:
        return {};
    }
}

QVariant CertificateTableModel::displayData(const CertificateRecord& record, int column) const
{
    switch (column) {
    case CommonName:
        return record.commonName;
    case Sans:
        return record.sans.join(QStringLiteral(", "));
    case Issuer:
        return shortIssuer(record.issuer);
    case Expires:
        return record.notAfter.isValid() ? QLocale().toString(record.notAfter.toUTC().date(), QLocale::ShortFormat)
                                         : QString();
    case DaysLeft:
        return record.notAfter.isValid() ? QVariant(record.daysLeft(now())) : QVariant(QString());
    case Status:
        if (!record.drift.isEmpty()) {
            return tr("%1 \u26a0 drift").arg(certificateStatusDisplayName(record.status));
        }
        return certificateStatusDisplayName(record.status);
    case ServerType:
        return serverTypeName(record.serverType);
    case Host:
        if (record.host.isEmpty()) {
            return QString();
        }
        return record.port > 0 ? QStringLiteral("%1:%2").arg(record.host).arg(record.port) : record.host;
    default:
        return {};
    }
}

QVariant CertificateTableModel::sortData(const CertificateRecord& record, int column) const
{
    switch (column) {
    case Expires:
        return record.notAfter;
    case DaysLeft:
        // Certificates without validity sort after all others.
        return record.notAfter.isValid() ? record.daysLeft(now()) : std::numeric_limits<int>::max();
    case Status:
        return static_cast<int>(record.status);
    default:
        return displayData(record, column).toString().toCaseFolded();
    }
}

QVariant CertificateTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case CommonName:
        return tr("Common name");
    case Sans:
        return tr("SANs");
    case Issuer:
        return tr("Issuer");
    case Expires:
        return tr("Expires");
    case DaysLeft:
        return tr("Days left");
    case Status:
        return tr("Status");
    case ServerType:
        return tr("Server type");
    case Host:
        return tr("Host");
    default:
        return {};
    }
}

QString CertificateTableModel::shortIssuer(const QString& issuerDn)
{
    static const QRegularExpression cn(QStringLiteral("(?:^|[,/]\\s*)CN\\s*=\\s*((?:\\\\.|[^,/])+)"));
    const auto match = cn.match(issuerDn);
    return match.hasMatch() ? match.captured(1).trimmed() : issuerDn;
}

} // namespace certdeck::models
