#include "tests/integration/lifecycle/LifecycleFixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace certdeck::test {

bool makeInitialSite(const QString& dir, const QString& serverName, InitialSite* site, QString* error)
{
    QDir().mkpath(dir + QStringLiteral("/tls"));
    QDir().mkpath(dir + QStringLiteral("/keys"));
    site->certificateFile = dir + QStringLiteral("/tls/site.pem");
    site->keyFile = dir + QStringLiteral("/keys/site.key");
    site->serverName = serverName;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), site->keyFile, QStringLiteral("-out"), site->certificateFile,
                   QStringLiteral("-subj"), QStringLiteral("/CN=") + serverName, QStringLiteral("-days"),
                   QStringLiteral("2")});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        *error = QString::fromUtf8(openssl.readAllStandardError());
        return false;
    }
    return true;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace certdeck::test
