// Jetty base parser (engine/discovery/config): jetty.base's start.ini and start.d/*.ini.
#include "ConfigFileSet.h"
#include "FuzzInput.h"

#include "engine/discovery/config/ConfigParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const MapConfigSource source = certdeck::fuzz::configFileSet(
        certdeck::fuzz::bytesOf(data, size), QStringLiteral("/var/lib/jetty9"), QStringLiteral("start.ini"));
    const auto findings = certdeck::discovery::parseJettyConfig(source, QStringLiteral("/var/lib/jetty9"));
    certdeck::fuzz::reportFindings(findings);
    return 0;
}
