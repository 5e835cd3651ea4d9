#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "engine/core/Result.h"

namespace certdeck::deploy {

// One server-specific input of the wizard's Deployment Details step. Deployers declare them;
// the wizard renders them; the bot receives the values keyed by id.
struct DeployerField
{
    enum class Kind { Text, Path, HostPort, Port, Secret, Choice, Flag };

    QString id;    // "certificateFile", "configFile"...
    QString label; // translated
    Kind kind = Kind::Text;
    bool required = false;
    QString defaultValue;
    QString placeholder;
    QString help; // tooltip: what to enter
    QStringList choices;
};

// A field of `kind`: what every deployer's fields() builds its list from.
DeployerField makeField(DeployerField::Kind kind, const QString& id, const QString& label, bool required,
                        const QString& placeholder, const QString& help, const QString& defaultValue = {});

// Checks values against the schema: required fields present, paths absolute, ports in range, choices known.
// Messages name the field ("Certificate file: enter an absolute path, e.g. /etc/nginx/tls/site.pem").
Status validateFieldValues(const QList<DeployerField>& schema, const QVariantMap& values);

} // namespace certdeck::deploy
