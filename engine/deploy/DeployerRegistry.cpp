#include "engine/deploy/DeployerRegistry.h"

namespace certdeck::deploy {

void DeployerRegistry::add(ServerType type, Factory factory)
{
    m_factories[type] = std::move(factory);
}

bool DeployerRegistry::has(ServerType type) const
{
    return m_factories.count(type) > 0;
}

std::unique_ptr<Deployer> DeployerRegistry::create(ServerType type) const
{
    const auto it = m_factories.find(type);
    return it == m_factories.end() ? nullptr : it->second();
}

QList<DeployerField> DeployerRegistry::fields(ServerType type) const
{
    const auto deployer = create(type);
    return deployer ? deployer->fields() : QList<DeployerField>{};
}

bool DeployerRegistry::endpointOptional(ServerType type) const
{
    const auto deployer = create(type);
    return deployer && deployer->endpointOptional();
}

QList<ServerType> DeployerRegistry::available() const
{
    QList<ServerType> types;
    for (const auto& [type, factory] : m_factories) {
        types.append(type);
    }
    return types;
}

} // namespace certdeck::deploy
