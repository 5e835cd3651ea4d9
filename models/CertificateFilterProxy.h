#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace certdeck::models {

class CertificateTableModel;

// The dashboard's filters over CertificateTableModel: free text over common name, SANs, issuer and host
// (case-insensitive, every word must match), one status, a days-left window ("expires within N days",
// "expired", one week of the expiry chart), issuer, server type, bot, and "drift only". Filtering and sorting
// read the model's cached keys directly (no QVariant per row), so 100,000 rows stay interactive.
class CertificateFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CertificateFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    void setSearchText(const QString& text);
    QString searchText() const { return m_searchText; }
    void setStatusFilter(std::optional<CertificateStatus> status);
    std::optional<CertificateStatus> statusFilter() const { return m_status; }
    // Negative: no expiry filter. Otherwise days left <= days (expired included).
    void setExpiringWithinDays(int days);
    int expiringWithinDays() const { return m_maxDays.value_or(-1); }
    // Days left within [minDays, maxDays] (either side open when empty); certificates without validity never match
    // while a bound is set. setExpiringWithinDays(n) is {nullopt, n}; "expired" is {nullopt, -1}.
    void setDaysLeftRange(std::optional<int> minDays, std::optional<int> maxDays);
    std::optional<int> minDaysLeft() const { return m_minDays; }
    std::optional<int> maxDaysLeft() const { return m_maxDays; }
    // Short issuer name as the Issuer column shows it; empty: any issuer.
    void setIssuerFilter(const QString& issuerName);
    QString issuerFilter() const { return m_issuer; }
    // serverTypeId(); empty: any; "-" : none set.
    void setServerTypeFilter(const QString& serverTypeId);
    QString serverTypeFilter() const { return m_serverType; }
    // A bot id; 0: certificates without a bot; empty: any.
    void setBotFilter(std::optional<qint64> botId);
    std::optional<qint64> botFilter() const { return m_botId; }
    void setDriftOnly(bool driftOnly);
    bool driftOnly() const { return m_driftOnly; }

    static QString noServerTypeId() { return QStringLiteral("-"); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void refilter();

    CertificateTableModel* m_model = nullptr;
    QString m_searchText;
    QStringList m_terms; // lowercase
    std::optional<CertificateStatus> m_status;
    std::optional<int> m_minDays;
    std::optional<int> m_maxDays;
    QString m_issuer;
    QString m_serverType;
    std::optional<qint64> m_botId;
    bool m_driftOnly = false;
    mutable qint64 m_nowMsecs = 0; // "now" of the current filter pass
};

} // namespace certdeck::models
