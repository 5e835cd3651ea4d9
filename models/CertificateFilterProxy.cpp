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

void CertificateFilterProxy::setSearchText(const QString& text)
{
    if (text == m_searchText) {
        return;
    }
    m_searchText = text;
    m_terms = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void CertificateFilterProxy::setStatusFilter(std::optional<CertificateStatus> status)
{
    if (status == m_status) {
        return;
    }
    m_status = status;
    invalidateFilter();
}

void CertificateFilterProxy::setExpiringWithinDays(int days)
{
    if (days == m_expiringWithinDays) {
        return;
    }
    m_expiringWithinDays = days;
    invalidateFilter();
}

bool CertificateFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status && index.data(CertificateTableModel::StatusRole).toInt() != static_cast<int>(*m_status)) {
        return false;
    }
    if (m_expiringWithinDays >= 0) {
        const QVariant days = index.data(CertificateTableModel::DaysLeftRole);
        if (!days.isValid() || days.toInt() > m_expiringWithinDays) {
            return false;
        }
    }
    if (!m_terms.isEmpty()) {
        const QString haystack = index.data(CertificateTableModel::SearchTextRole).toString();
        for (const QString& term : m_terms) {
            if (!haystack.contains(term, Qt::CaseInsensitive)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace certdeck::models
