// nginx configuration parser (engine/discovery/config): nginx.conf plus included files, as the system scan reads them.
#include "ConfigFileSet.h"
#include "FuzzInput.h"

#include "engine/discovery/config/ConfigParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const MapConfigSource source = certdeck::fuzz::configFileSet(
        certdeck::fuzz::bytesOf(data, size), QStringLiteral("/etc/nginx"), QStringLiteral("nginx.conf"));
    const auto findings = certdeck::discovery::parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"),
                                                                QStringLiteral("/usr/share/nginx"));
    certdeck::fuzz::reportFindings(findings);
    return 0;
}
