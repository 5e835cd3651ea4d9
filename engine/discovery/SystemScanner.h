#pragma once

#include "engine/discovery/DiscoveryTypes.h"

namespace certdeck::discovery {

struct SystemScanOptions
{
    int commandTimeoutMs = 15000; // each command the scan runs (systemctl, `nginx -v`, keytool ...)
    bool readCertificates = true;
};

// The installation scan of a bot's own host: running processes and services decide which servers run; their
// configurations give the TLS endpoints; the certificate files those name are read. Blocking (seconds): run it on
// a worker thread. Nothing named in a configuration is ever executed; the only programs run are the servers'
// own binaries found in the process table (for their version), systemctl, dpkg-query and keytool, each with an
// argument list and no shell.
class SystemScanner
{
public:
    explicit SystemScanner(SystemScanOptions options = {});

    SystemScan scan() const;

private:
    SystemScanOptions m_options;
};

} // namespace certdeck::discovery
