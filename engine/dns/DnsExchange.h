#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

class QTcpSocket;
class QUdpSocket;

namespace certdeck::dns {

struct DnsExchangeOptions
{
    int attemptTimeoutMs = 2000; // per UDP attempt; TCP gets attempts * attemptTimeoutMs
    int attempts = 2;            // UDP sends (the first one and its retries)
};

// One DNS request and its response: UDP first, retried on timeout; over TCP (2-byte length prefix) when the UDP
// answer is truncated. Resolves a host name first when the server is not an IP address. Asynchronous on the
// caller's thread; done is called exactly once (with the raw response whose ID matches the request's), unless
// the exchange is destroyed first.
class DnsExchange : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<QByteArray>)>;

    DnsExchange(QString server, quint16 port, QByteArray request, DnsExchangeOptions options,
                QObject* parent = nullptr);
    ~DnsExchange() override;

    void start(Done done);
    // "192.0.2.1:53" / "[2001:db8::1]:53" / "ns1.example.com:53" for messages.
    QString serverLabel() const;

private:
    void onResolved(const QHostAddress& address);
    void sendUdp();
    void onUdpReadyRead();
    void onUdpTimeout();
    void startTcp();
    void onTcpReadyRead();
    void finish(Result<QByteArray> result);
    bool matchesRequest(const QByteArray& response) const;
    QString m_server;
    quint16 m_port;
    QByteArray m_request;
    DnsExchangeOptions m_options;
    Done m_done;
    QHostAddress m_address;
    QUdpSocket* m_udp = nullptr;
    QTcpSocket* m_tcp = nullptr;
    QByteArray m_tcpBuffer;
    QTimer m_timer;
    int m_udpAttempts = 0;
    bool m_finished = false;
};

} // namespace certdeck::dns
