#include "engine/dns/DnsExchange.h"

#include "engine/core/Log.h"
#include "engine/dns/DnsMessage.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QUdpSocket>

namespace certdeck::dns {
namespace {

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("engine.dns");
}

} // namespace

DnsExchange::DnsExchange(QString server, quint16 port, QByteArray request, DnsExchangeOptions options, QObject* parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_port(port)
    , m_request(std::move(request))
    , m_options(options)
{
    m_options.attempts = qMax(1, m_options.attempts);
    m_options.attemptTimeoutMs = qMax(100, m_options.attemptTimeoutMs);
    m_timer.setSingleShot(true);
}

DnsExchange::~DnsExchange() = default;

QString DnsExchange::serverLabel() const
{
    const QHostAddress literal(m_server);
    if (!literal.isNull() && literal.protocol() == QAbstractSocket::IPv6Protocol) {
        return QStringLiteral("[%1]:%2").arg(m_server).arg(m_port);
    }
    return QStringLiteral("%1:%2").arg(m_server).arg(m_port);
}

void DnsExchange::start(Done done)
{
    m_done = std::move(done);
    const QHostAddress literal(m_server);
    if (!literal.isNull()) {
        onResolved(literal);
        return;
    }
    if (m_server.trimmed().isEmpty()) {
        finish(fail(QStringLiteral("no DNS server is configured; enter the address of the zone's primary server")));
        return;
    }
    QHostInfo::lookupHost(m_server, this, [this](const QHostInfo& info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            finish(fail(QStringLiteral("cannot resolve the DNS server name \"%1\": %2; check the server name or enter "
                                       "its IP address")
                            .arg(m_server, info.errorString()),
                        QStringLiteral("notFound")));
            return;
        }
        onResolved(info.addresses().constFirst());
    });
}

void DnsExchange::onResolved(const QHostAddress& address)
{
    m_address = address;
    m_udp = new QUdpSocket(this);
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    if (!m_udp->bind(v6 ? QHostAddress(QHostAddress::AnyIPv6) : QHostAddress(QHostAddress::AnyIPv4), 0)) {
        finish(fail(QStringLiteral("cannot open a UDP socket to talk to the DNS server %1: %2")
                        .arg(serverLabel(), m_udp->errorString())));
        return;
    }
    connect(m_udp, &QUdpSocket::readyRead, this, &DnsExchange::onUdpReadyRead);
    connect(&m_timer, &QTimer::timeout, this, &DnsExchange::onUdpTimeout);
    sendUdp();
}

void DnsExchange::sendUdp()
{
    ++m_udpAttempts;
    logger()->debug("DNS request to {} over UDP (attempt {})", serverLabel().toStdString(), m_udpAttempts);
    if (m_udp->writeDatagram(m_request, m_address, m_port) != m_request.size()) {
        finish(fail(QStringLiteral("cannot send to the DNS server %1: %2; check the address and the network")
                        .arg(serverLabel(), m_udp->errorString())));
        return;
    }
    m_timer.start(m_options.attemptTimeoutMs);
}

bool DnsExchange::matchesRequest(const QByteArray& response) const
{
    return response.size() >= 12 && response.left(2) == m_request.left(2) && (quint8(response[2]) & 0x80);
}

void DnsExchange::onUdpReadyRead()
{
    while (m_udp && m_udp->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_udp->receiveDatagram();
        // Only the server we asked may answer, with the ID we sent (anything else is ignored, not an error).
        if (datagram.senderPort() != m_port || !datagram.senderAddress().isEqual(m_address) ||
            !matchesRequest(datagram.data())) {
            logger()->debug("ignored a stray datagram from {}:{}", datagram.senderAddress().toString().toStdString(),
                            datagram.senderPort());
            continue;
        }
        Result<DnsMessage> parsed = DnsMessage::parse(datagram.data());
        if (parsed && parsed->truncated) {
            startTcp();
            return;
        }
        finish(datagram.data());
        return;
    }
}

void DnsExchange::onUdpTimeout()
{
    if (m_udpAttempts < m_options.attempts) {
        sendUdp();
        return;
    }
    const int seconds = (m_options.attemptTimeoutMs * m_options.attempts + 999) / 1000;
    finish(fail(QStringLiteral("no answer from the DNS server %1 within %2 s (%3 attempts over UDP); check the server "
                               "address and port, that the server is running, and that a firewall lets DNS (UDP and "
                               "TCP port %4) through")
                    .arg(serverLabel())
                    .arg(seconds)
                    .arg(m_options.attempts)
                    .arg(m_port),
                QStringLiteral("timeout")));
}

void DnsExchange::startTcp()
{
    logger()->debug("truncated UDP answer from {}: retrying over TCP", serverLabel().toStdString());
    m_timer.stop();
    disconnect(&m_timer, nullptr, this, nullptr);
    m_udp->close();
    m_tcp = new QTcpSocket(this);
    connect(m_tcp, &QTcpSocket::connected, this, [this] {
        QByteArray framed;
        appendUint16(framed, quint16(m_request.size()));
        framed += m_request;
        m_tcp->write(framed);
    });
    connect(m_tcp, &QTcpSocket::readyRead, this, &DnsExchange::onTcpReadyRead);
    connect(m_tcp, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        finish(fail(QStringLiteral("the DNS server %1 sent a truncated answer over UDP, and the TCP retry failed: %2; "
                                   "check that the server accepts DNS over TCP")
                        .arg(serverLabel(), m_tcp->errorString())));
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(fail(QStringLiteral("no answer over TCP from the DNS server %1 within %2 s (its UDP answer was "
                                   "truncated); check that a firewall lets DNS over TCP port %3 through")
                        .arg(serverLabel())
                        .arg((m_options.attemptTimeoutMs * m_options.attempts + 999) / 1000)
                        .arg(m_port),
                    QStringLiteral("timeout")));
    });
    m_timer.start(m_options.attemptTimeoutMs * m_options.attempts);
    m_tcp->connectToHost(m_address, m_port);
}

void DnsExchange::onTcpReadyRead()
{
    m_tcpBuffer += m_tcp->readAll();
    while (m_tcpBuffer.size() >= 2) {
        const int length = readUint16(m_tcpBuffer, 0);
        if (m_tcpBuffer.size() < 2 + length) {
            return;
        }
        const QByteArray response = m_tcpBuffer.mid(2, length);
        m_tcpBuffer.remove(0, 2 + length);
        if (matchesRequest(response)) {
            finish(response);
            return;
        }
    }
}

void DnsExchange::finish(Result<QByteArray> result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_timer.stop();
    if (m_udp) {
        m_udp->disconnect(this);
        m_udp->close();
    }
    if (m_tcp) {
        m_tcp->disconnect(this);
        m_tcp->abort();
    }
    if (m_done) {
        Done done = std::move(m_done);
        m_done = nullptr;
        done(std::move(result));
    }
}

} // namespace certdeck::dns
