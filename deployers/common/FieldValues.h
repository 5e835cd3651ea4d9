#pragma once

#include "engine/deploy/DeployerField.h"

#include <QList>
#include <QString>
#include <QVariantMap>

namespace certdeck::deployers {

// The values of a deployer's fields, with each field's default where the operator entered nothing.
class FieldValues
{
public:
    FieldValues(QList<deploy::DeployerField> schema, QVariantMap values);

    QString text(const QString& id) const;      // trimmed; the default when empty
    QByteArray secret(const QString& id) const; // as entered (a password may begin or end with a space)
    bool flag(const QString& id) const;         // a Flag field: true, 1 or yes (any case)

private:
    QList<deploy::DeployerField> m_schema;
    QVariantMap m_values;
};

} // namespace certdeck::deployers
