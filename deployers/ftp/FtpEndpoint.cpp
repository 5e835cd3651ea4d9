#include "deployers/ftp/FtpEndpoint.h"

namespace certdeck::deployers {

QString FtpEndpoint::hostPort() const
{
    const QString shownHost = host.contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1:%2").arg(shownHost).arg(port);
}

QString FtpEndpoint::describe() const
{
    const QString scheme = tls == Tls::None ? QStringLiteral("ftp") : QStringLiteral("ftps");
    return QStringLiteral("%1://%2@%3").arg(scheme, user, hostPort());
}

} // namespace certdeck::deployers
