#include "deployers/common/HostConfigSource.h"

namespace certdeck::deployers {

std::optional<QByteArray> HostConfigSource::read(const QString& path) const
{
    auto content = m_host.readFile(path);
    if (!content) {
        return std::nullopt;
    }
    return std::move(content.value());
}

QStringList HostConfigSource::glob(const QString& pattern) const
{
    auto info = m_host.stat(pattern);
    return info && info->exists ? QStringList{pattern} : QStringList{};
}

} // namespace certdeck::deployers
