#include "tests/integration/netscan/NetscanNginx.h"

#include "engine/discovery/TlsScanner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace certdeck::test {

namespace {

bool canBind(const QString& address, int port)
{
    sockaddr_in in = {};
    in.sin_family = AF_INET;
    in.sin_port = htons(quint16(port));
    if (inet_pton(AF_INET, address.toLatin1().constData(), &in.sin_addr) != 1) {
        return false;
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&in), sizeof(in)) == 0;
    ::close(fd);
    return ok;
}

} // namespace

int freePortRange(const QStringList& addresses, int count, int low, int high)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int first = low + int(QRandomGenerator::global()->bounded(qMax(1, high - low - count)));
        bool free = true;
        for (int port = first; free && port < first + count; ++port) {
            for (const QString& address : addresses) {
                if (!canBind(address, port)) {
                    free = false;
                    break;
                }
            }
        }
        if (free) {
            return first;
        }
    }
    return 0;
}

NetscanNginx::NetscanNginx(QString directory)
    : m_directory(std::move(directory))
{
}

NetscanNginx::~NetscanNginx()
{
    stop();
}

QString NetscanNginx::binary()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (found.isEmpty()) {
        found = QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
    }
    return found;
}

QString NetscanNginx::portList() const
{
    return QStringLiteral("%1-%2").arg(m_basePort).arg(m_basePort + m_portCount - 1);
}

qint64 NetscanNginx::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString NetscanNginx::errorLog() const
{
    QFile file(m_directory + QStringLiteral("/error.log"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll().right(4000)) : QString();
}

Status NetscanNginx::start(const QStringList& addresses, int portCount, const QList<NetscanSite>& sites,
                           const QString& extraServers, int workers, int timeoutMs)
{
    stop();
    if (binary().isEmpty()) {
        return fail(QStringLiteral("nginx is not installed"));
    }
    if (sites.isEmpty() || addresses.isEmpty() || portCount < 1) {
        return fail(QStringLiteral("NetscanNginx needs a site, an address and a port"));
    }
    const int listens = int(addresses.size()) * portCount;
    m_portCount = portCount;
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_basePort = freePortRange(addresses, portCount);
        if (m_basePort == 0) {
            return fail(QStringLiteral("no range of %1 free ports on %2").arg(portCount).arg(addresses.join(u',')));
        }
        QString servers;
        for (const NetscanSite& site : sites) {
            QString listen;
            const QStringList on = site.addresses.isEmpty() ? addresses : site.addresses;
            for (const QString& address : on) {
                for (int port = m_basePort; port < m_basePort + portCount; ++port) {
                    listen += QStringLiteral("        listen %1:%2 ssl;\n").arg(address).arg(port);
                }
            }
            servers += QStringLiteral("    server {\n%1        server_name %2;\n        ssl_certificate %3;\n"
                                      "        ssl_certificate_key %4;\n        location / { return 200 \"ok\\n\"; }\n"
                                      "    }\n")
                           .arg(listen, site.serverName.isEmpty() ? QStringLiteral("_") : site.serverName,
                                site.certificateFile, site.keyFile);
        }
        // Every worker holds every listening socket as a connection: room for them and the clients.
        const int connections = listens + 4096;
        const QString config =
            QStringLiteral("worker_processes %1;\nworker_rlimit_nofile %2;\npid %3/nginx.pid;\nerror_log %3/error.log "
                           "error;\nevents { worker_connections %4; }\nhttp {\n    access_log off;\n"
                           "    client_body_temp_path %3/client_body;\n    proxy_temp_path %3/proxy;\n"
                           "    fastcgi_temp_path %3/fastcgi;\n    uwsgi_temp_path %3/uwsgi;\n"
                           "    scgi_temp_path %3/scgi;\n%5%6}\n")
                .arg(workers)
                .arg(connections + 1024)
                .arg(m_directory)
                .arg(connections)
                .arg(servers, QString(extraServers).replace(QLatin1String("{BASE}"), QString::number(m_basePort)));
        QFile file(m_directory + QStringLiteral("/nginx.conf"));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config.toUtf8()) < 0) {
            return fail(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        }
        file.close();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->start(binary(), {QStringLiteral("-p"), m_directory, QStringLiteral("-c"), file.fileName(),
                                    QStringLiteral("-e"), m_directory + QStringLiteral("/error.log"),
                                    QStringLiteral("-g"), QStringLiteral("daemon off;")});
        if (!m_process->waitForStarted(10000)) {
            return fail(QStringLiteral("cannot start nginx: %1").arg(m_process->errorString()));
        }
        const QDeadlineTimer deadline(timeoutMs);
        bool up = false;
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            const auto probe =
                discovery::TlsScanner::probe({addresses.last(), m_basePort + portCount - 1, QString()}, 2000);
            if (probe.reached) {
                up = true;
                break;
            }
            m_process->waitForFinished(50);
        }
        if (up) {
            return {};
        }
        const QString output = QString::fromLocal8Bit(m_process->readAll());
        stop();
        if (!output.contains(QLatin1String("Address already in use")) &&
            !errorLog().contains(QLatin1String("Address already in use"))) {
            return fail(QStringLiteral("nginx did not start: %1 %2").arg(output, errorLog()));
        }
        // A port of the range was taken meanwhile: another range.
    }
    return fail(QStringLiteral("nginx did not start: ports kept being taken: %1").arg(errorLog()));
}

void NetscanNginx::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to the master's PID: fast shutdown, workers follow
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

} // namespace certdeck::test
