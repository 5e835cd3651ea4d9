#include "ConfigFileSet.h"

namespace certdeck::fuzz {

namespace {

const QByteArray kFileMarker("\n%%file ");

QString placeUnder(const QString& root, const QByteArray& path)
{
    const QString name = QString::fromUtf8(path.trimmed());
    return name.startsWith(QLatin1Char('/')) ? name : root + QLatin1Char('/') + name;
}

} // namespace

MapConfigSource configFileSet(const QByteArray& input, const QString& root, const QString& mainFile)
{
    MapConfigSource source;
    qsizetype next = input.indexOf(kFileMarker);
    source.add(root + QLatin1Char('/') + mainFile, input.left(next < 0 ? input.size() : next + 1));
    while (next >= 0) {
        const qsizetype nameStart = next + kFileMarker.size();
        const qsizetype nameEnd = input.indexOf('\n', nameStart);
        const QByteArray name = input.mid(nameStart, nameEnd < 0 ? -1 : nameEnd - nameStart);
        next = nameEnd < 0 ? -1 : input.indexOf(kFileMarker, nameEnd);
        const QByteArray content =
            nameEnd < 0 ? QByteArray() : input.mid(nameEnd + 1, next < 0 ? -1 : next + 1 - (nameEnd + 1));
        if (!name.trimmed().isEmpty()) {
            source.add(placeUnder(root, name), content);
        }
    }
    return source;
}

void reportFindings(const discovery::ConfigFindings& findings)
{
    for (const discovery::ConfiguredEndpoint& endpoint : findings.endpoints) {
        const discovery::ConfiguredEndpoint back = discovery::configuredEndpointFromJson(discovery::toJson(endpoint));
        (void)back.dcvPath();
    }
}

} // namespace certdeck::fuzz
