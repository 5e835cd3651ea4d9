#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSet>
#include <QStringList>

namespace certdeck::models {

// What the status summary strip shows: counts over the whole inventory.
struct StatusSummary
{
    int total = 0;
    QMap<CertificateStatus, int> byStatus; // only statuses present
    int expiringSoon = 0;                  // 0 <= days left <= soonDays (not expired yet)
    int expired = 0;                       // days left < 0
    int drift = 0;                         // the endpoint does not serve the record

    int count(CertificateStatus status) const { return byStatus.value(status, 0); }
};

StatusSummary summarize(const QList<CertificateRecord>& records, const QDateTime& now, int soonDays = 30);

// What the dashboard's filter bar offers: the issuers' short names (as the Issuer column shows them, sorted
// case-insensitively), the server type ids and the bot ids present (empty / 0 included when a row has none).
struct FilterChoices
{
    QStringList issuers;
    QSet<QString> serverTypes;
    QSet<qint64> bots;
};

// Thread-safe: the dashboard computes it off the GUI thread for large inventories.
FilterChoices filterChoices(const QList<CertificateRecord>& records);

// Certificates expiring per week for the next `weeks` weeks, split by status. Week i holds the certificates with
// 7*i <= days left <= 7*i + 6 (days left as CertificateRecord::daysLeft); expired ones and those further out
// are not counted.
struct ExpiryBuckets
{
    QDateTime now;
    int weeks = 0;
    QMap<CertificateStatus, QList<int>> counts; // status -> one count per week; only statuses with a count

    QDate weekStart(int week) const { return now.toUTC().date().addDays(7 * week); }
    int total(int week) const;
};

ExpiryBuckets expiryBuckets(const QList<CertificateRecord>& records, const QDateTime& now, int weeks);

} // namespace certdeck::models
