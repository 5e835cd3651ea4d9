#include "tests/support/WebServerFixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <sys/types.h>

namespace certdeck::test {

namespace {

constexpr auto kApacheModules = "/usr/lib/apache2/modules";

// The PIDs whose parent is `parent` (from /proc/<pid>/stat: "pid (comm) state ppid ...").
QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!numeric || !stat.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray text = stat.readAll();
        const qsizetype afterName = text.lastIndexOf(')');
        const QList<QByteArray> fields = text.mid(afterName + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent) {
            children.append(pid);
        }
    }
    return children;
}

QString programName(WebServerFixture::Server server)
{
    return server == WebServerFixture::Server::Nginx ? QStringLiteral("nginx") : QStringLiteral("apache2");
}

QString nginxExtraSites(int port, const QList<TlsSite>& sites)
{
    QString text;
    for (const TlsSite& site : sites) {
        text += QStringLiteral("    server {\n"
                               "        listen 127.0.0.1:%1 ssl;\n"
                               "        server_name %2;\n"
                               "        ssl_certificate %3;\n"
                               "        ssl_certificate_key %4;\n"
                               "        location / { return 200 \"ok\\n\"; }\n"
                               "    }\n")
                    .arg(port)
                    .arg(site.serverName, site.certificateFile, site.keyFile);
    }
    return text;
}

QString nginxConfig(const QString& dir, int port, const TlsSite& site, const QList<TlsSite>& extraSites)
{
    // Workers run as nobody; only the master (root) reads the certificate and key.
    return QStringLiteral(R"CONF(worker_processes 1;
pid %1/nginx.pid;
error_log %1/error.log info;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %1/client_body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    server {
        listen 127.0.0.1:%2 ssl;
        server_name %3;
        ssl_certificate %4;
        ssl_certificate_key %5;
        location / { return 200 "ok\n"; }
    }
%6}
)CONF")
        .arg(dir)
        .arg(port)
        .arg(site.serverName, site.certificateFile, site.keyFile,
             nginxExtraSites(port, extraSites) + (site.httpPort == 0 ? QString()
                                                                     : QStringLiteral("    server {\n"
                                                                                      "        listen 127.0.0.1:%1;\n"
                                                                                      "        listen [::1]:%1;\n"
                                                                                      "        root %2;\n"
                                                                                      "    }\n")
                                                                           .arg(site.httpPort)
                                                                           .arg(site.webRoot)));
}

QString apacheConfig(const QString& dir, int port, const TlsSite& site)
{
    // Self-contained: no ${APACHE_...} variables. As root Apache needs User/Group for its children.
    const QString modules = QString::fromLatin1(kApacheModules);
    QString config = QStringLiteral(R"CONF(ServerRoot "%1"
ServerName 127.0.0.1
DefaultRuntimeDir "%1/run"
PidFile "%1/httpd.pid"
ErrorLog "%1/error.log"
LogLevel info
LoadModule mpm_event_module %2/mod_mpm_event.so
LoadModule authz_core_module %2/mod_authz_core.so
LoadModule socache_shmcb_module %2/mod_socache_shmcb.so
LoadModule ssl_module %2/mod_ssl.so
User www-data
Group www-data
StartServers 1
ServerLimit 1
ThreadsPerChild 4
MaxRequestWorkers 4
Listen 127.0.0.1:%3
SSLSessionCache "shmcb:%1/run/ssl_scache(512000)"
DocumentRoot "%1/htdocs"
<VirtualHost 127.0.0.1:%3>
    ServerName %4
    SSLEngine on
    SSLCertificateFile "%5"
    SSLCertificateKeyFile "%6"
)CONF")
                         .arg(dir, modules)
                         .arg(port)
                         .arg(site.serverName, site.certificateFile, site.keyFile);
    if (!site.chainFile.isEmpty()) {
        config += QStringLiteral("    SSLCertificateChainFile \"%1\"\n").arg(site.chainFile);
    }
    return config + QStringLiteral("</VirtualHost>\n");
}

// True once the port completes a TLS handshake (any certificate).
bool handshakes(int port)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
    const bool ok = socket.waitForEncrypted(2000);
    socket.abort();
    return ok;
}

} // namespace

WebServerFixture::WebServerFixture(Server server, QString directory)
    : m_server(server)
    , m_directory(std::move(directory))
{
}

WebServerFixture::~WebServerFixture()
{
    stop();
}

bool WebServerFixture::isAvailable(Server server, QString* reason)
{
    if (findProgram(programName(server)).isEmpty()) {
        *reason = QStringLiteral("%1 is not installed (Debian package %2)")
                      .arg(programName(server),
                           server == Server::Nginx ? QStringLiteral("nginx-light") : QStringLiteral("apache2"));
        return false;
    }
    if (server == Server::Apache &&
        !QFile::exists(QString::fromLatin1(kApacheModules) + QStringLiteral("/mod_ssl.so"))) {
        *reason = QStringLiteral("mod_ssl is missing from %1").arg(QString::fromLatin1(kApacheModules));
        return false;
    }
    return true;
}

QString WebServerFixture::binary() const
{
    return findProgram(programName(m_server));
}

QString WebServerFixture::configFile() const
{
    return m_directory + (m_server == Server::Nginx ? QStringLiteral("/nginx.conf") : QStringLiteral("/httpd.conf"));
}

QString WebServerFixture::pidFile() const
{
    return m_directory + (m_server == Server::Nginx ? QStringLiteral("/nginx.pid") : QStringLiteral("/httpd.pid"));
}

QString WebServerFixture::errorLog() const
{
    QFile log(m_directory + QStringLiteral("/error.log"));
    return log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll().right(4000)) : QString();
}

QString WebServerFixture::writeConfig(const TlsSite& site) const
{
    QDir(m_directory).mkpath(QStringLiteral("run"));
    QDir(m_directory).mkpath(QStringLiteral("htdocs"));
    QFile file(configFile());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return file.errorString();
    }
    const QString text = m_server == Server::Nginx ? nginxConfig(m_directory, m_port, site, m_additionalSites)
                                                   : apacheConfig(m_directory, m_port, site);
    file.write(text.toUtf8());
    return {};
}

Status WebServerFixture::start(const TlsSite& site, int timeoutMs)
{
    stop();
    m_port = freeLoopbackPort();
    if (m_port == 0) {
        return fail(QStringLiteral("no free loopback port"));
    }
    if (const QString problem = writeConfig(site); !problem.isEmpty()) {
        return fail(QStringLiteral("cannot write %1: %2").arg(configFile(), problem));
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProgram(binary());
    if (m_server == Server::Nginx) {
        m_process->setArguments({QStringLiteral("-p"), m_directory, QStringLiteral("-c"), configFile(),
                                 QStringLiteral("-e"), m_directory + QStringLiteral("/error.log"), QStringLiteral("-g"),
                                 QStringLiteral("daemon off;")});
    } else {
        m_process->setArguments(
            {QStringLiteral("-d"), m_directory, QStringLiteral("-f"), configFile(), QStringLiteral("-DFOREGROUND")});
    }
    m_process->start();
    if (!m_process->waitForStarted(5000)) {
        return fail(QStringLiteral("cannot start %1: %2").arg(binary(), m_process->errorString()));
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0)) {
            const QString output = QString::fromLocal8Bit(m_process->readAll());
            m_process.reset();
            return fail(QStringLiteral("%1 exited at start: %2 %3").arg(binary(), output, errorLog()));
        }
        if (handshakes(m_port)) {
            return {};
        }
        QThread::msleep(50);
    }
    const QString log = errorLog();
    stop();
    return fail(
        QStringLiteral("%1 did not accept a TLS handshake on port %2 in time: %3").arg(binary()).arg(m_port).arg(log));
}

Status WebServerFixture::reload(int timeoutMs)
{
    if (!m_process || m_process->state() != QProcess::Running) {
        return fail(QStringLiteral("%1 is not running").arg(binary()));
    }
    const qint64 master = m_process->processId();
    const QList<qint64> before = childrenOf(master);
    ::kill(static_cast<pid_t>(master), m_server == Server::Nginx ? SIGHUP : SIGUSR1);
    for (QDeadlineTimer deadline(timeoutMs); !deadline.hasExpired(); QThread::msleep(50)) {
        const QList<qint64> now = childrenOf(master);
        const bool oldOnesGone =
            std::none_of(before.cbegin(), before.cend(), [&](qint64 pid) { return now.contains(pid); });
        if (oldOnesGone && !now.isEmpty()) {
            return {};
        }
    }
    return fail(QStringLiteral("%1 kept its old workers after a reload: %2").arg(binary(), errorLog()));
}

void WebServerFixture::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to the server's own PID
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

} // namespace certdeck::test
