#pragma once

#include "engine/deploy/Deployer.h"

#include <QList>

#include <functional>
#include <map>
#include <memory>

namespace certdeck::deploy {

// Which server types have a deployer. The app and the bot register the deployers they link.
class DeployerRegistry
{
public:
    using Factory = std::function<std::unique_ptr<Deployer>()>;

    void add(ServerType type, Factory factory);
    bool has(ServerType type) const;
    std::unique_ptr<Deployer> create(ServerType type) const;
    QList<DeployerField> fields(ServerType type) const; // empty when none
    bool endpointOptional(ServerType type) const;       // Deployer::endpointOptional(); false when none
    QList<ServerType> available() const;

private:
    std::map<ServerType, Factory> m_factories;
};

} // namespace certdeck::deploy
