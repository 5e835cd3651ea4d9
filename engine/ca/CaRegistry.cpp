#include "engine/ca/CaRegistry.h"

#include <algorithm>

namespace certdeck::ca {

void CaRegistry::add(std::shared_ptr<CaConnector> connector)
{
    m_connectors.push_back(std::move(connector));
}

void CaRegistry::removeAll(const QString& caType)
{
    std::erase_if(m_connectors, [&](const auto& connector) { return connector->caType() == caType; });
}

void CaRegistry::remove(const QString& caType, const QString& name)
{
    std::erase_if(m_connectors,
                  [&](const auto& connector) { return connector->caType() == caType && connector->name() == name; });
}

std::shared_ptr<CaConnector> CaRegistry::find(const QString& caType, const QString& name) const
{
    for (const auto& connector : m_connectors) {
        if (connector->caType() == caType && connector->name() == name) {
            return connector;
        }
    }
    return nullptr;
}

QList<std::shared_ptr<CaConnector>> CaRegistry::connectors(const QString& caType) const
{
    QList<std::shared_ptr<CaConnector>> list;
    for (const auto& connector : m_connectors) {
        if (caType.isEmpty() || connector->caType() == caType) {
            list.append(connector);
        }
    }
    return list;
}

QStringList CaRegistry::caTypes() const
{
    QStringList types;
    for (const auto& connector : m_connectors) {
        if (!types.contains(connector->caType())) {
            types.append(connector->caType());
        }
    }
    return types;
}

} // namespace certdeck::ca
