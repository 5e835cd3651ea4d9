#include "models/InventoryStatistics.h"

#include "models/CertificateTableModel.h"

#include <QHash>

namespace certdeck::models {

StatusSummary summarize(const QList<CertificateRecord>& records, const QDateTime& now, int soonDays)
{
    StatusSummary summary;
    summary.total = static_cast<int>(records.size());
    for (const CertificateRecord& record : records) {
        ++summary.byStatus[record.status];
        if (record.notAfter.isValid()) {
            const int days = record.daysLeft(now);
            if (days < 0) {
                ++summary.expired;
            } else if (days <= soonDays) {
                ++summary.expiringSoon;
            }
        }
        if (!record.drift.isEmpty()) {
            ++summary.drift;
        }
    }
    return summary;
}

FilterChoices filterChoices(const QList<CertificateRecord>& records)
{
    FilterChoices choices;
    QHash<QString, QString> shortNames; // issuer DN -> short name: one parse per distinct issuer
    QMap<QString, QString> issuers;     // case-folded -> name, for a sorted list
    for (const CertificateRecord& record : records) {
        auto name = shortNames.constFind(record.issuer);
        if (name == shortNames.constEnd()) {
            const QString issuer = CertificateTableModel::shortIssuer(record.issuer);
            name = shortNames.insert(record.issuer, issuer);
            if (!issuer.isEmpty()) {
                issuers.insert(issuer.toCaseFolded(), issuer);
            }
        }
        choices.serverTypes.insert(record.serverType);
        choices.bots.insert(record.botId);
    }
    choices.issuers = issuers.values();
    return choices;
}

int ExpiryBuckets::total(int week) const
{
    int sum = 0;
    for (const QList<int>& perWeek : counts) {
        sum += perWeek.value(week, 0);
    }
    return sum;
}

ExpiryBuckets expiryBuckets(const QList<CertificateRecord>& records, const QDateTime& now, int weeks)
{
    ExpiryBuckets buckets;
    buckets.now = now;
    buckets.weeks = std::max(0, weeks);
    for (const CertificateRecord& record : records) {
        if (!record.notAfter.isValid()) {
            continue;
        }
        const int days = record.daysLeft(now);
        if (days < 0 || days >= 7 * buckets.weeks) {
            continue;
        }
        QList<int>& perWeek = buckets.counts[record.status];
        if (perWeek.isEmpty()) {
            perWeek.fill(0, buckets.weeks);
        }
        ++perWeek[days / 7];
    }
    return buckets;
}

} // namespace certdeck::models
