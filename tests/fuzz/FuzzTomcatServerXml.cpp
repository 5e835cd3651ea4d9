// Tomcat server.xml parser (engine/discovery/config): CATALINA_BASE/conf/server.xml.
#include "ConfigFileSet.h"
#include "FuzzInput.h"

#include "engine/discovery/config/ConfigParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const MapConfigSource source = certdeck::fuzz::configFileSet(
        certdeck::fuzz::bytesOf(data, size), QStringLiteral("/var/lib/tomcat10"), QStringLiteral("conf/server.xml"));
    const auto findings = certdeck::discovery::parseTomcatServerXml(
        source, QStringLiteral("/var/lib/tomcat10/conf/server.xml"), QStringLiteral("/var/lib/tomcat10"));
    certdeck::fuzz::reportFindings(findings);
    return 0;
}
