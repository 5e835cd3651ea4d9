#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QUdpSocket>

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

// Below Linux's ephemeral range (32768-60999 by default): a port handed out here and bound a moment later by the
// server under test cannot meanwhile be taken by some outgoing connection of a test running in parallel, as a
// kernel-chosen ephemeral port can. TCP and UDP must both be free (DNS servers listen on both).
int freeLoopbackPort()
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        const int port = 20000 + int(QRandomGenerator::global()->bounded(12000));
        QTcpServer tcp;
        QUdpSocket udp;
        if (tcp.listen(QHostAddress::LocalHost, quint16(port)) && udp.bind(QHostAddress::LocalHost, quint16(port))) {
            return port;
        }
    }
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return server.serverPort();
}

QByteArray readFileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFileBytes(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QString servedFingerprint(int port, const QString& serverName, int timeoutMs)
{
    QSslSocket socket;
    socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), static_cast<quint16>(port), serverName);
    if (!socket.waitForEncrypted(timeoutMs)) {
        return QStringLiteral("(no handshake: %1)").arg(socket.errorString());
    }
    const QString fingerprint =
        QString::fromLatin1(socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex());
    socket.abort();
    return fingerprint;
}

QString waitUntilServed(int port, const QString& serverName, const QString& fingerprint, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QString served = servedFingerprint(port, serverName);
    while (served != fingerprint && !deadline.hasExpired()) {
        QThread::msleep(100);
        served = servedFingerprint(port, serverName);
    }
    return served;
}

} // namespace certdeck::test
