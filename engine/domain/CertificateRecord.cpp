#include "engine/domain/CertificateRecord.h"

#include <QCoreApplication>

namespace certdeck {
namespace {

struct StatusInfo
{
    CertificateStatus status;
    const char* id;
    const char* displayName;
};

constexpr StatusInfo kStatuses[] = {
    {CertificateStatus::Discovered, "discovered", QT_TRANSLATE_NOOP("CertificateStatus", "Discovered")},
    {CertificateStatus::Managed, "managed", QT_TRANSLATE_NOOP("CertificateStatus", "Managed")},
    {CertificateStatus::Pending, "pending", QT_TRANSLATE_NOOP("CertificateStatus", "Pending")},
    {CertificateStatus::Issued, "issued", QT_TRANSLATE_NOOP("CertificateStatus", "Issued")},
    {CertificateStatus::Deployed, "deployed", QT_TRANSLATE_NOOP("CertificateStatus", "Deployed")},
    {CertificateStatus::Failed, "failed", QT_TRANSLATE_NOOP("CertificateStatus", "Failed")},
    {CertificateStatus::Revoked, "revoked", QT_TRANSLATE_NOOP("CertificateStatus", "Revoked")},
    {CertificateStatus::Suspended, "suspended", QT_TRANSLATE_NOOP("CertificateStatus", "Suspended")},
};

} // namespace

QString certificateStatusId(CertificateStatus status)
{
    for (const auto& entry : kStatuses) {
        if (entry.status == status) {
            return QString::fromLatin1(entry.id);
        }
    }
    return QStringLiteral("discovered");
}

QString certificateStatusDisplayName(CertificateStatus status)
{
    for (const auto& entry : kStatuses) {
        if (entry.status == status) {
            return QCoreApplication::translate("CertificateStatus", entry.displayName);
        }
    }
    return {};
}

bool certificateStatusFromId(const QString& id, CertificateStatus* out)
{
    for (const auto& entry : kStatuses) {
        if (id == QLatin1String(entry.id)) {
            *out = entry.status;
            return true;
        }
    }
    return false;
}

int CertificateRecord::daysLeft(const QDateTime& now) const
{
    if (!notAfter.isValid()) {
        return 0;
    }
    const qint64 seconds = now.secsTo(notAfter);
    return static_cast<int>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

} // namespace certdeck
