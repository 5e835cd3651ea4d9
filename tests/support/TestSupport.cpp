#include "tests/support/TestSupport.h"

#include <QStandardPaths>
#include <QTcpServer>

namespace certdeck::test {

QString botBinary()
{
    return qEnvironmentVariable("CERTDECK_BOT_BINARY");
}

QString findProgram(const QString& name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/local/sbin")});
    }
    return path;
}

int freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return server.serverPort();
}

} // namespace certdeck::test
