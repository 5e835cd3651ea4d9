#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace certdeck::models {

// The dashboard's search box and status combo over CertificateTableModel: free text over common name,
// SANs, issuer and host (case-insensitive), one status, and "expires within N days" (expired included).
class CertificateFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CertificateFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    QString searchText() const { return m_searchText; }
    void setStatusFilter(std::optional<CertificateStatus> status);
    std::optional<CertificateStatus> statusFilter() const { return m_status; }
    // Negative: no expiry filter.
    void setExpiringWithinDays(int days);
    int expiringWithinDays() const { return m_expiringWithinDays; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_searchText;
    QStringList m_terms;
    std::optional<CertificateStatus> m_status;
    int m_expiringWithinDays = -1;
};

} // namespace certdeck::models
