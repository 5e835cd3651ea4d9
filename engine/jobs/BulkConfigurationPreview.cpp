// The preview of Bulk Configure: per setting, how many of the selected certificates change and from what to what.
#include "engine/jobs/BulkConfiguration.h"

#include "engine/domain/ServerType.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <functional>

namespace certdeck::jobs {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("certdeck::jobs", text); // the context lupdate gives these texts
}

QString text(const QString& value)
{
    return value.isEmpty() ? tr("(none)") : value;
}

QString onOff(bool value)
{
    return value ? tr("on") : tr("off");
}

QString certificateTypeText(CertificateType type)
{
    switch (type) {
    case CertificateType::DV:
        return QStringLiteral("DV");
    case CertificateType::OV:
        return QStringLiteral("OV");
    case CertificateType::EV:
        return QStringLiteral("EV");
    case CertificateType::Existing:
        return tr("Existing");
    case CertificateType::Others:
        return tr("Others");
    }
    return {};
}

QString csrModeText(CsrMode mode)
{
    switch (mode) {
    case CsrMode::UseExisting:
        return tr("Use existing certificate CSR");
    case CsrMode::PartialOverride:
        return tr("Partial override");
    case CsrMode::FullOverride:
        return tr("Full override");
    }
    return {};
}

QString frequencyText(Frequency frequency)
{
    switch (frequency) {
    case Frequency::Daily:
        return tr("daily");
    case Frequency::Weekly:
        return tr("weekly");
    case Frequency::Monthly:
        return tr("monthly");
    }
    return {};
}

QString timeText(const QTime& time)
{
    return time.isValid() ? time.toString(QStringLiteral("HH:mm")) : tr("(none)");
}

QString renewalTriggerText(const ProvisioningSchedule& s)
{
    return s.renewalTrigger == RenewalTrigger::DaysBeforeExpiry ? tr("%1 days before expiry").arg(s.renewWithinDays)
                                                                : tr("on %1").arg(s.renewalDate.toString(Qt::ISODate));
}

QString deploymentTriggerText(const ProvisioningSchedule& s)
{
    return s.deploymentTrigger == DeploymentTrigger::ImmediatelyAfterRenewal
               ? tr("immediately after renewal")
               : tr("on %1").arg(s.deploymentDate.toString(Qt::ISODate));
}

QString serverTypeText(const QString& id)
{
    ServerType type;
    return serverTypeFromId(id, &type) ? serverTypeDisplayName(type) : text(id);
}

struct Setting
{
    QString label;
    std::function<QString(const ProvisioningConfig&)> value;
};

QList<Setting> chosenSettings(const BulkConfiguration& change)
{
    QList<Setting> out;
    const auto add = [&out](const QString& label, std::function<QString(const ProvisioningConfig&)> value) {
        out.append({label, std::move(value)});
    };
    if (change.csrProfile) {
        add(tr("Certificate type"), [](const ProvisioningConfig& c) { return certificateTypeText(c.certificateType); });
        add(tr("CSR mode"), [](const ProvisioningConfig& c) { return csrModeText(c.csrMode); });
        add(tr("Key algorithm"), [](const ProvisioningConfig& c) { return text(c.keyAlgorithm); });
        add(tr("Key size"), [](const ProvisioningConfig& c) { return QString::number(c.keySize); });
        add(tr("Signature algorithm"), [](const ProvisioningConfig& c) { return text(c.signatureAlgorithm); });
        add(tr("CSR template"), [](const ProvisioningConfig& c) { return text(c.csrTemplate); });
    }
    if (change.certificateAuthority) {
        add(tr("CA"), [](const ProvisioningConfig& c) { return text(c.caType); });
        add(tr("CA connector"), [](const ProvisioningConfig& c) { return text(c.caConnectorName); });
    }
    if (change.dcv) {
        add(tr("DCV"), [](const ProvisioningConfig& c) { return onOff(c.dcvEnabled); });
        add(tr("DCV method"), [](const ProvisioningConfig& c) { return text(c.dcvMethod); });
        add(tr("DCV path"), [](const ProvisioningConfig& c) { return text(c.dcvPath); });
    }
    if (change.renewal) {
        add(tr("Renewal"), [](const ProvisioningConfig& c) { return onOff(c.schedule.renewalEnabled); });
        add(tr("Renewal trigger"), [](const ProvisioningConfig& c) { return renewalTriggerText(c.schedule); });
        add(tr("Renewal frequency"),
            [](const ProvisioningConfig& c) { return frequencyText(c.schedule.renewalFrequency); });
        add(tr("Renewal time"), [](const ProvisioningConfig& c) { return timeText(c.schedule.renewalTime); });
        add(tr("Renewal time zone"), [](const ProvisioningConfig& c) { return text(c.schedule.renewalTimeZone); });
    }
    if (change.deployment) {
        add(tr("Deployment"), [](const ProvisioningConfig& c) { return onOff(c.schedule.deploymentEnabled); });
        add(tr("Deployment trigger"), [](const ProvisioningConfig& c) { return deploymentTriggerText(c.schedule); });
        add(tr("Deployment time"), [](const ProvisioningConfig& c) { return timeText(c.schedule.deploymentTime); });
        add(tr("Deployment time zone"),
            [](const ProvisioningConfig& c) { return text(c.schedule.deploymentTimeZone); });
        add(tr("Deployment frequency"),
            [](const ProvisioningConfig& c) { return frequencyText(c.schedule.deploymentFrequency); });
    }
    if (change.rollback) {
        add(tr("Rollback on failure"), [](const ProvisioningConfig& c) { return onOff(c.schedule.rollbackOnFailure); });
    }
    if (change.deploymentTarget) {
        add(tr("Provision bot"),
            [](const ProvisioningConfig& c) { return c.botId > 0 ? tr("bot #%1").arg(c.botId) : tr("(none)"); });
        add(tr("Server type"), [](const ProvisioningConfig& c) { return serverTypeText(c.serverType); });
    }
    return out;
}

} // namespace

QString BulkSettingChange::text() const
{
    if (changing == 0) {
        return QObject::tr("%1: none of %2 change (all already %3)").arg(setting).arg(total).arg(to);
    }
    QStringList parts;
    for (const auto& [value, count] : from) {
        parts.append(from.size() == 1 ? QStringLiteral("%1 -> %2").arg(value, to)
                                      : QObject::tr("%1 -> %2 for %3").arg(value, to).arg(count));
    }
    QString detail = parts.join(QStringLiteral(", "));
    if (already > 0) {
        detail += QObject::tr("; %1 already %2").arg(already).arg(to);
    }
    return QObject::tr("%1: %2 of %3 change (%4)").arg(setting).arg(changing).arg(total).arg(detail);
}

QStringList BulkPreview::lines() const
{
    QStringList out;
    QString summary = QObject::tr("%1 certificates selected: %2 change, %3 unchanged.")
                          .arg(total)
                          .arg(changedCertificates)
                          .arg(total - changedCertificates);
    if (unconfigured > 0) {
        summary +=
            QObject::tr(" %1 have no configuration yet and get defaults from their certificate.").arg(unconfigured);
    }
    if (becomeManaged > 0) {
        summary += QObject::tr(" %1 become Managed.").arg(becomeManaged);
    }
    out.append(summary);
    for (const BulkSettingChange& setting : settings) {
        out.append(setting.text());
    }
    return out;
}

BulkPreview previewBulk(const BulkConfiguration& change, const QList<BulkTarget>& targets)
{
    const QList<Setting> settings = chosenSettings(change);
    BulkPreview preview;
    preview.total = static_cast<int>(targets.size());
    QList<QHash<QString, int>> fromCounts(settings.size());
    QList<QStringList> fromOrder(settings.size());
    preview.settings.resize(settings.size());
    for (qsizetype i = 0; i < settings.size(); ++i) {
        preview.settings[i].setting = settings[i].label;
        preview.settings[i].total = preview.total;
        preview.settings[i].to = settings[i].value(change.applyTo(change.values));
    }
    for (const BulkTarget& target : targets) {
        const ProvisioningConfig current = target.config ? *target.config : defaultConfigFor(target.record);
        const ProvisioningConfig after = change.applyTo(current);
        if (!target.config) {
            ++preview.unconfigured;
        }
        if (!target.config || after.toJson() != current.toJson()) {
            ++preview.changedCertificates;
        }
        if (change.deploymentTarget && target.record.status == CertificateStatus::Discovered) {
            ++preview.becomeManaged;
        }
        for (qsizetype i = 0; i < settings.size(); ++i) {
            BulkSettingChange& line = preview.settings[i];
            const QString before = settings[i].value(current);
            const QString now = settings[i].value(after);
            line.to = now;
            if (before == now) {
                ++line.already;
                continue;
            }
            ++line.changing;
            if (!fromCounts[i].contains(before)) {
                fromOrder[i].append(before);
            }
            ++fromCounts[i][before];
        }
    }
    for (qsizetype i = 0; i < settings.size(); ++i) {
        QList<QPair<QString, int>>& from = preview.settings[i].from;
        for (const QString& value : fromOrder[i]) {
            from.append({value, fromCounts[i].value(value)});
        }
        std::stable_sort(from.begin(), from.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    }
    return preview;
}

} // namespace certdeck::jobs
