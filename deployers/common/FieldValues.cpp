#include "deployers/common/FieldValues.h"

namespace certdeck::deployers {

FieldValues::FieldValues(QList<deploy::DeployerField> schema, QVariantMap values)
    : m_schema(std::move(schema))
    , m_values(std::move(values))
{
}

QString FieldValues::text(const QString& id) const
{
    const QString value = m_values.value(id).toString().trimmed();
    if (!value.isEmpty()) {
        return value;
    }
    for (const deploy::DeployerField& field : m_schema) {
        if (field.id == id) {
            return field.defaultValue;
        }
    }
    return {};
}

bool FieldValues::flag(const QString& id) const
{
    const QString value = text(id).toLower();
    return value == QLatin1String("true") || value == QLatin1String("1") || value == QLatin1String("yes");
}

QByteArray FieldValues::secret(const QString& id) const
{
    return m_values.value(id).toString().toUtf8();
}

} // namespace certdeck::deployers
