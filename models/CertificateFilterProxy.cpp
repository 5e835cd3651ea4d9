#include "models/CertificateFilterProxy.h"

#include "models/CertificateTableModel.h"

namespace certdeck::models {

CertificateFilterProxy::CertificateFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CertificateTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void CertificateFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    m_model = qobject_cast<CertificateTableModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void CertificateFilterProxy::refilter()
{
    if (m_model) {
        m_nowMsecs = m_model->now().toMSecsSinceEpoch();
    }
    // invalidateFilter() announces every removed range separately, and a table view (its headers) handles each
    // in O(rows): O(n^2) when a keystroke hides scattered rows of 100,000. invalidate() re-filters and re-sorts
    // in one layout change.
    invalidate();
}

void CertificateFilterProxy::setSearchText(const QString& text)
{
    if (text == m_searchText) {
        return;
    }
    m_searchText = text;
    m_terms = text.toLower().simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    refilter();
}

void CertificateFilterProxy::setStatusFilter(std::optional<CertificateStatus> status)
{
    if (status == m_status) {
        return;
    }
    m_status = status;
    refilter();
}

void CertificateFilterProxy::setExpiringWithinDays(int days)
{
    setDaysLeftRange(std::nullopt, days < 0 ? std::nullopt : std::optional<int>(days));
}

void CertificateFilterProxy::setDaysLeftRange(std::optional<int> minDays, std::optional<int> maxDays)
{
    if (minDays == m_minDays && maxDays == m_maxDays) {
        return;
    }
    m_minDays = minDays;
    m_maxDays = maxDays;
    refilter();
}

void CertificateFilterProxy::setIssuerFilter(const QString& issuerName)
{
    if (issuerName == m_issuer) {
        return;
    }
    m_issuer = issuerName;
    refilter();
}

void CertificateFilterProxy::setServerTypeFilter(const QString& serverTypeId)
{
    if (serverTypeId == m_serverType) {
        return;
    }
    m_serverType = serverTypeId;
    refilter();
}

void CertificateFilterProxy::setBotFilter(std::optional<qint64> botId)
{
    if (botId == m_botId) {
        return;
    }
    m_botId = botId;
    refilter();
}

void CertificateFilterProxy::setDriftOnly(bool driftOnly)
{
    if (driftOnly == m_driftOnly) {
        return;
    }
    m_driftOnly = driftOnly;
    refilter();
}

bool CertificateFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_model || sourceParent.isValid()) {
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    }
    const CertificateRecord* record = m_model->recordAt(sourceRow);
    if (!record) {
        return false;
    }
    if (m_status && record->status != *m_status) {
        return false;
    }
    if (m_minDays || m_maxDays) {
        if (!record->notAfter.isValid()) {
            return false;
        }
        if (m_nowMsecs == 0) {
            m_nowMsecs = m_model->now().toMSecsSinceEpoch();
        }
        const int days = m_model->daysLeftAt(sourceRow, m_nowMsecs);
        if ((m_minDays && days < *m_minDays) || (m_maxDays && days > *m_maxDays)) {
            return false;
        }
    }
    if (!m_issuer.isEmpty() && m_model->issuerName(sourceRow) != m_issuer) {
        return false;
    }
    if (!m_serverType.isEmpty()) {
        if (m_serverType == noServerTypeId() ? !record->serverType.isEmpty() : record->serverType != m_serverType) {
            return false;
        }
    }
    if (m_botId && record->botId != *m_botId) {
        return false;
    }
    if (m_driftOnly && record->drift.isEmpty()) {
        return false;
    }
    if (!m_terms.isEmpty()) {
        const QString& haystack = m_model->searchKey(sourceRow);
        for (const QString& term : m_terms) {
            if (!haystack.contains(term)) {
                return false;
            }
        }
    }
    return true;
}

bool CertificateFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_model || sortRole() != CertificateTableModel::SortRole) {
        return QSortFilterProxyModel::lessThan(left, right);
    }
    return m_model->lessThan(left.row(), right.row(), left.column());
}

} // namespace certdeck::models
