// Apache HTTP configuration parser (engine/discovery/config): apache2.conf plus Include / IncludeOptional files.
#include "ConfigFileSet.h"
#include "FuzzInput.h"

#include "engine/discovery/config/ConfigParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const MapConfigSource source = certdeck::fuzz::configFileSet(
        certdeck::fuzz::bytesOf(data, size), QStringLiteral("/etc/apache2"), QStringLiteral("apache2.conf"));
    const auto findings = certdeck::discovery::parseApacheConfig(source, QStringLiteral("/etc/apache2/apache2.conf"),
                                                                 QStringLiteral("/etc/apache2"));
    certdeck::fuzz::reportFindings(findings);
    return 0;
}
