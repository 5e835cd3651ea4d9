#include "models/CertificateTableModel.h"

#include "engine/domain/ServerType.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <limits>
#include <vector>

namespace certdeck::models {
namespace {

constexpr qint64 unknownExpiry = std::numeric_limits<qint64>::max();

QString serverTypeName(const QString& id)
{
    ServerType type;
    return serverTypeFromId(id, &type) ? serverTypeDisplayName(type) : id;
}

int compareSans(const QStringList& left, const QStringList& right)
{
    const qsizetype common = std::min(left.size(), right.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (const int c = QString::compare(left[i], right[i], Qt::CaseInsensitive); c != 0) {
            return c;
        }
    }
    return left.size() < right.size() ? -1 : (left.size() > right.size() ? 1 : 0);
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

CertificateTableModel::RowKeys CertificateTableModel::keysFor(const CertificateRecord& record)
{
    RowKeys keys;
    auto issuer = m_issuerNames.constFind(record.issuer);
    if (issuer == m_issuerNames.constEnd()) {
        issuer = m_issuerNames.insert(record.issuer, shortIssuer(record.issuer));
    }
    keys.issuer = *issuer;
    keys.notAfterMs = record.notAfter.isValid() ? record.notAfter.toMSecsSinceEpoch() : unknownExpiry;
    return keys;
}

QString CertificateTableModel::searchKeyFor(const CertificateRecord& record)
{
    QString search;
    search.reserve(record.commonName.size() + record.issuer.size() + record.host.size() + 16 * record.sans.size());
    search += record.commonName;
    for (const QString& san : record.sans) {
        search += QLatin1Char(' ');
        search += san;
    }
    search += QLatin1Char(' ');
    search += record.issuer;
    search += QLatin1Char(' ');
    search += record.host;
    return search.toLower();
}

const QString& CertificateTableModel::searchKey(int row) const
{
    if (m_searchKeys.size() != m_records.size()) {
        m_searchKeys.clear();
        m_searchKeys.reserve(m_records.size());
        for (const CertificateRecord& record : m_records) {
            m_searchKeys.append(searchKeyFor(record));
        }
    }
    return m_searchKeys[row];
}

QList<QString> CertificateTableModel::buildSearchKeys(const QList<CertificateRecord>& records)
{
    QList<QString> keys;
    keys.reserve(records.size());
    for (const CertificateRecord& record : records) {
        keys.append(searchKeyFor(record));
    }
    return keys;
}

void CertificateTableModel::adoptSearchKeys(QList<QString> keys, quint64 generation)
{
    if (generation == m_generation && keys.size() == m_records.size()) {
        m_searchKeys = std::move(keys);
    }
}

void CertificateTableModel::rowsChanged()
{
    ++m_generation;
    for (QList<int>& rank : m_ranks) {
        rank.clear();
    }
}

void CertificateTableModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_records.size());
    for (int row = 0; row < m_records.size(); ++row) {
        m_rowById.insert(m_records[row].id, row);
    }
}

void CertificateTableModel::setRecords(const QList<CertificateRecord>& records)
{
    beginResetModel();
    m_records = records;
    m_keys.clear();
    m_keys.reserve(m_records.size());
    for (const CertificateRecord& record : std::as_const(m_records)) {
        m_keys.append(keysFor(record));
    }
    rebuildIndex();
    rowsChanged();
    m_searchKeys.clear();
    endResetModel();
}

void CertificateTableModel::appendRecords(QList<CertificateRecord> records)
{
    QSet<qint64> seen;
    seen.reserve(records.size());
    records.removeIf([this, &seen](const CertificateRecord& record) {
        if (m_rowById.contains(record.id) || seen.contains(record.id)) {
            return true;
        }
        seen.insert(record.id);
        return false;
    });
    if (records.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_records.size());
    const int last = first + static_cast<int>(records.size()) - 1;
    beginInsertRows({}, first, last);
    // Many rows: their search keys are built off the GUI thread (adoptSearchKeys) or at the first search.
    const bool withSearchKeys = m_searchKeys.size() == m_records.size() && records.size() <= 1000;
    m_records.reserve(last + 1);
    m_keys.reserve(last + 1);
    m_rowById.reserve(last + 1);
    for (CertificateRecord& record : records) {
        if (withSearchKeys) {
            m_searchKeys.append(searchKeyFor(record));
        }
        m_keys.append(keysFor(record));
        m_rowById.insert(record.id, static_cast<int>(m_records.size()));
        m_records.append(std::move(record));
    }
    if (!withSearchKeys) {
        m_searchKeys.clear();
    }
    rowsChanged();
    endInsertRows();
}

void CertificateTableModel::upsert(const CertificateRecord& record)
{
    const int row = rowOf(record.id);
    if (row >= 0) {
        m_records[row] = record;
        m_keys[row] = keysFor(record);
        if (m_searchKeys.size() == m_records.size()) {
            m_searchKeys[row] = searchKeyFor(record);
        }
        rowsChanged();
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int end = static_cast<int>(m_records.size());
    beginInsertRows({}, end, end);
    if (m_searchKeys.size() == m_records.size()) {
        m_searchKeys.append(searchKeyFor(record));
    }
    m_records.append(record);
    m_keys.append(keysFor(record));
    m_rowById.insert(record.id, end);
    rowsChanged();
    endInsertRows();
}

void CertificateTableModel::upsertMany(const QList<CertificateRecord>& records)
{
    int low = -1;
    int high = -1;
    QList<CertificateRecord> added;
    for (const CertificateRecord& record : records) {
        const int row = rowOf(record.id);
        if (row < 0) {
            added.append(record);
            continue;
        }
        m_records[row] = record;
        m_keys[row] = keysFor(record);
        if (m_searchKeys.size() == m_records.size()) {
            m_searchKeys[row] = searchKeyFor(record);
        }
        low = low < 0 ? row : std::min(low, row);
        high = std::max(high, row);
    }
    if (low >= 0) {
        rowsChanged();
        Q_EMIT dataChanged(index(low, 0), index(high, ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        appendRecords(std::move(added));
    }
}

bool CertificateTableModel::remove(qint64 certificateId)
{
    const int row = rowOf(certificateId);
    if (row < 0) {
        return false;
    }
    beginRemoveRows({}, row, row);
    m_records.removeAt(row);
    m_keys.removeAt(row);
    if (m_searchKeys.size() == m_records.size() + 1) {
        m_searchKeys.removeAt(row);
    }
    rebuildIndex();
    rowsChanged();
    endRemoveRows();
    return true;
}

int CertificateTableModel::rowOf(qint64 certificateId) const
{
    return m_rowById.value(certificateId, -1);
}

const CertificateRecord* CertificateTableModel::recordAt(int row) const
{
    return row >= 0 && row < m_records.size() ? &m_records[row] : nullptr;
}

int CertificateTableModel::daysLeftAt(int row, qint64 nowMsecs) const
{
    const qint64 notAfter = m_keys[row].notAfterMs;
    if (notAfter == unknownExpiry) {
        return 0;
    }
    const qint64 seconds = (notAfter - nowMsecs) / 1000; // as QDateTime::secsTo: truncated toward zero
    return static_cast<int>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

bool CertificateTableModel::lessThan(int leftRow, int rightRow, int column) const
{
    if (column < 0 || column >= ColumnCount) {
        return false;
    }
    const QList<int>& rank = rankOf(column);
    return rank[leftRow] < rank[rightRow];
}

const QList<int>& CertificateTableModel::rankOf(int column) const
{
    QList<int>& rank = m_ranks[column];
    if (rank.size() == m_records.size()) {
        return rank;
    }
    const int count = static_cast<int>(m_records.size());
    std::vector<int> order(static_cast<size_t>(count));
    for (int row = 0; row < count; ++row) {
        order[static_cast<size_t>(row)] = row;
    }
    switch (column) {
    case CommonName:
    case Sans:
    case Host: {
        // One case-folded key per row for this sort only: binary compares instead of case-insensitive ones.
        std::vector<QString> keys(static_cast<size_t>(count));
        for (int row = 0; row < count; ++row) {
            const CertificateRecord& record = m_records[row];
            QString key = column == CommonName ? record.commonName
                          : column == Sans     ? record.sans.join(QLatin1Char('\n'))
                                               : record.host;
            keys[static_cast<size_t>(row)] = std::move(key).toCaseFolded();
        }
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const int c = keys[static_cast<size_t>(a)].compare(keys[static_cast<size_t>(b)]);
            return c != 0 ? c < 0 : (column == Host && m_records[a].port < m_records[b].port);
        });
        break;
    }
    default:
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return compareRecords(a, b, column); });
        break;
    }
    rank.resize(count);
    for (int position = 0; position < count; ++position) {
        rank[order[static_cast<size_t>(position)]] = position;
    }
    return rank;
}

bool CertificateTableModel::compareRecords(int leftRow, int rightRow, int column) const
{
    const CertificateRecord& left = m_records[leftRow];
    const CertificateRecord& right = m_records[rightRow];
    switch (column) {
    case CommonName:
        return QString::compare(left.commonName, right.commonName, Qt::CaseInsensitive) < 0;
    case Sans:
        return compareSans(left.sans, right.sans) < 0;
    case Issuer:
        return QString::compare(m_keys[leftRow].issuer, m_keys[rightRow].issuer, Qt::CaseInsensitive) < 0;
    case Expires:
    case DaysLeft:
        // Certificates without validity sort after all others.
        return m_keys[leftRow].notAfterMs < m_keys[rightRow].notAfterMs;
    case Status:
        return static_cast<int>(left.status) < static_cast<int>(right.status);
    case ServerType:
        return left.serverType < right.serverType;
    case Host: {
        const int c = QString::compare(left.host, right.host, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : left.port < right.port;
    }
    default:
        return false;
    }
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
    const int row = index.row();
    const CertificateRecord& record = m_records[row];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == DaysLeft) {
            return record.notAfter.isValid() ? QVariant(record.daysLeft(now())) : QVariant(QString());
        }
        if (index.column() == Issuer) {
            return m_keys[row].issuer;
        }
        return cellText(record, index.column(), {});
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
        return searchKey(row);
    case IssuerNameRole:
        return m_keys[row].issuer;
    case ServerTypeIdRole:
        return record.serverType;
    case BotIdRole:
        return record.botId;
    default:
        return {};
    }
}

QString CertificateTableModel::cellText(const CertificateRecord& record, int column, const QDateTime& now)
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
        return record.notAfter.isValid() && now.isValid() ? QString::number(record.daysLeft(now)) : QString();
    case Status:
        if (!record.drift.isEmpty()) {
            // No served fingerprint: nothing was proven about the endpoint (a rollback whose handshake failed).
            return record.servedFingerprint.isEmpty()
                       ? tr("%1 \u26a0 unproven").arg(certificateStatusDisplayName(record.status))
                       : tr("%1 \u26a0 drift").arg(certificateStatusDisplayName(record.status));
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
        return cellText(record, column, now()).toCaseFolded();
    }
}

QString CertificateTableModel::columnTitle(int column)
{
    switch (column) {
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

QVariant CertificateTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    const QString title = columnTitle(section);
    return title.isEmpty() ? QVariant() : QVariant(title);
}

QString CertificateTableModel::shortIssuer(const QString& issuerDn)
{
    static const QRegularExpression cn(QStringLiteral("(?:^|[,/]\\s*)CN\\s*=\\s*((?:\\\\.|[^,/])+)"));
    const auto match = cn.match(issuerDn);
    return match.hasMatch() ? match.captured(1).trimmed() : issuerDn;
}

} // namespace certdeck::models
