#include "ui/wizard/InputRules.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace certdeck::ui::inputrules {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("InputRules", text);
}

} // namespace

bool isDnsName(const QString& name)
{
    static const QRegularExpression label(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    QString host = name;
    if (host.startsWith(QLatin1String("*."))) {
        host = host.mid(2);
    }
    if (host.isEmpty() || host.size() > 253 || host.endsWith(QLatin1Char('.'))) {
        return false;
    }
    const QStringList labels = host.split(QLatin1Char('.'));
    for (const QString& part : labels) {
        if (!label.match(part).hasMatch()) {
            return false;
        }
    }
    // An all-numeric name is an address typed wrong, not a host name.
    static const QRegularExpression numeric(QStringLiteral("^[0-9.]+$"));
    return !numeric.match(host).hasMatch();
}

bool isIpAddress(const QString& text)
{
    QHostAddress address;
    return !text.contains(QLatin1Char('/')) && address.setAddress(text);
}

QString checkCommonName(const QString& commonName)
{
    const QString cn = commonName.trimmed();
    if (cn.isEmpty()) {
        return tr("Common Name: enter the primary domain name, e.g. shop.example.com.");
    }
    if (!isDnsName(cn)) {
        return tr("Common Name: \"%1\" is not a DNS name. Enter a domain name such as shop.example.com "
                  "(letters, digits, hyphens and dots; a leading *. for a wildcard).")
            .arg(cn);
    }
    return {};
}

QStringList splitSans(const QString& commaSeparated)
{
    QStringList out;
    const QStringList parts = commaSeparated.split(QLatin1Char(','));
    for (const QString& part : parts) {
        const QString entry = part.trimmed();
        if (!entry.isEmpty()) {
            out.append(entry);
        }
    }
    return out;
}

QString checkSans(const QString& commaSeparated)
{
    QStringList bad;
    const QStringList entries = splitSans(commaSeparated);
    for (const QString& entry : entries) {
        if (!isDnsName(entry) && !isIpAddress(entry)) {
            bad.append(QStringLiteral("\"%1\"").arg(entry));
        }
    }
    if (bad.isEmpty()) {
        return {};
    }
    return tr("SANs: %1 is not a DNS name or IP address. Enter names separated by commas, "
              "e.g. www.example.com, 192.0.2.10.")
        .arg(bad.join(QStringLiteral(", ")));
}

QString checkAbsolutePath(const QString& label, const QString& path, const QString& example)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty()) {
        return tr("%1: enter the directory path on the server, e.g. %2.").arg(label, example);
    }
    if (!trimmed.startsWith(QLatin1Char('/')) &&
        !QRegularExpression(QStringLiteral("^[A-Za-z]:[\\\\/]")).match(trimmed).hasMatch()) {
        return tr("%1: \"%2\" is not an absolute path. Enter a full path, e.g. %3.").arg(label, trimmed, example);
    }
    return {};
}

} // namespace certdeck::ui::inputrules
