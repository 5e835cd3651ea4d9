#pragma once

#include "tests/support/WebServerFixture.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace certdeck::test {

// A throw-away TLS site for the lifecycle tests: its initial (self-signed) certificate and key, made with the
// openssl command line so the starting point does not depend on the code under test.
struct InitialSite
{
    QString certificateFile;
    QString keyFile;
    QString serverName;
};

// Makes <dir>/tls/site.pem and <dir>/keys/site.key (cert and key in different directories).
bool makeInitialSite(const QString& dir, const QString& serverName, InitialSite* site, QString* error);
QByteArray readAll(const QString& path);

} // namespace certdeck::test
