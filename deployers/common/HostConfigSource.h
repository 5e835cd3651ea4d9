#pragma once

#include "engine/deploy/TargetHost.h"
#include "engine/discovery/config/ConfigParser.h"

namespace certdeck::deployers {

// The configuration files of a deployment target, read through its deploy::TargetHost (this host or SSH), for the
// discovery parsers that a deployer's config test runs (server.xml, start.d/*.ini). Wildcards only in the last
// component of a pattern.
class HostConfigSource final : public discovery::ConfigSource
{
public:
    explicit HostConfigSource(const deploy::TargetHost& host)
        : m_host(host)
    {
    }
    std::optional<QByteArray> read(const QString& path) const override;
    QStringList glob(const QString& pattern) const override;

private:
    const deploy::TargetHost& m_host;
};

} // namespace certdeck::deployers
