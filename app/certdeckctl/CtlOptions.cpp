#include "app/certdeckctl/CtlOptions.h"

#include "app/certdeckctl/CtlCommand.h"
#include "engine/secrets/SecretStore.h"

#include <QObject>

#include <cstdio>

namespace certdeck::ctl {

CtlOptions::CtlOptions(const QStringList& arguments, const QStringList& valueOptions, const QStringList& flagOptions)
{
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (!argument.startsWith(QLatin1String("--"))) {
            m_positional.append(argument);
            continue;
        }
        const QString name = argument.mid(2);
        if (flagOptions.contains(name)) {
            m_flags.append(name);
        } else if (valueOptions.contains(name)) {
            if (i + 1 >= arguments.size()) {
                m_error = QObject::tr("option --%1 needs a value").arg(name);
                return;
            }
            m_values.append({name, arguments.at(++i)});
        } else {
            m_error = QObject::tr("unknown option %1").arg(argument);
            return;
        }
    }
}

QString CtlOptions::value(const QString& name, const QString& fallback) const
{
    for (const auto& [key, value] : m_values) {
        if (key == name) {
            return value;
        }
    }
    return fallback;
}

QStringList CtlOptions::values(const QString& name) const
{
    QStringList list;
    for (const auto& [key, value] : m_values) {
        if (key == name) {
            list.append(value);
        }
    }
    return list;
}

bool CtlOptions::has(const QString& name) const
{
    return m_flags.contains(name);
}

bool CtlOptions::require(const QStringList& names)
{
    for (const QString& name : names) {
        if (ok() && value(name).isEmpty()) {
            m_error = QObject::tr("option --%1 is required").arg(name);
        }
    }
    return ok();
}

QByteArray readSecretLine()
{
    QByteArray line;
    int c;
    while ((c = std::getchar()) != EOF && c != '\n') {
        line.append(static_cast<char>(c));
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

int exitCodeFor(const Error& error)
{
    return error.message.contains(secrets::SecretStore::unavailableHelp()) ? ExitNoKeychain : ExitFailed;
}

} // namespace certdeck::ctl
