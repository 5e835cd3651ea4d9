#include "ui/BotPolicyText.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace certdeck::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("BotPolicyText", text);
}

QString listText(const QJsonValue& value)
{
    QStringList items;
    for (const QJsonValue& item : value.toArray()) {
        items << item.toString();
    }
    return items.isEmpty() ? tr("nothing") : items.join(QStringLiteral(", "));
}

} // namespace

QStringList botPolicyLines(const QJsonObject& policy)
{
    if (policy.isEmpty()) {
        return {tr("Policy: not reported by this bot (install the bot of this release to see it).")};
    }
    const QString source = policy.value(QStringLiteral("source")).toString();
    if (!policy.value(QStringLiteral("usable")).toBool()) {
        return {tr("Policy %1 cannot be used: %2. The bot changes nothing until its host's administrator fixes it.")
                    .arg(source, policy.value(QStringLiteral("problem")).toString())};
    }
    QStringList programs;
    const QJsonObject byType = policy.value(QStringLiteral("programs")).toObject();
    for (auto it = byType.begin(); it != byType.end(); ++it) {
        programs << QStringLiteral("%1: %2").arg(it.key(), listText(it.value()));
    }
    const auto allowed = [&](const char* key) {
        return policy.value(QLatin1String(key)).toBool() ? tr("allowed") : tr("not allowed");
    };
    return {tr("Policy (read-only; changed only on the bot's host, in %1):").arg(source),
            tr("    Programs: %1").arg(programs.isEmpty() ? tr("none") : programs.join(QStringLiteral("; "))),
            tr("    May write in: %1").arg(listText(policy.value(QStringLiteral("write")))),
            tr("    Configuration files from: %1").arg(listText(policy.value(QStringLiteral("config")))),
            tr("    Reloads: %1; agentless targets: %2").arg(allowed("reload"), allowed("agentless"))};
}

} // namespace certdeck::ui
