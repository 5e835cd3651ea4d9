#include "deployers/common/HostConfigSource.h"

#include <QRegularExpression>

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
    const qsizetype slash = pattern.lastIndexOf(QLatin1Char('/'));
    const QString directory = pattern.left(slash);
    const QString name = pattern.mid(slash + 1);
    if (directory.contains(QRegularExpression(QStringLiteral("[*?[]")))) {
        return {}; // wildcards only in the last component (start.d/*.ini)
    }
    if (!name.contains(QRegularExpression(QStringLiteral("[*?[]")))) {
        auto info = m_host.stat(pattern);
        return info && info->exists ? QStringList{pattern} : QStringList{};
    }
    auto names = m_host.listDirectory(directory);
    if (!names) {
        return {};
    }
    const QRegularExpression wanted(QRegularExpression::wildcardToRegularExpression(name));
    QStringList matches;
    for (const QString& entry : std::as_const(*names)) {
        if (!entry.startsWith(QLatin1Char('.')) && wanted.match(entry).hasMatch()) {
            matches << directory + QLatin1Char('/') + entry;
        }
    }
    matches.sort();
    return matches;
}

} // namespace certdeck::deployers
