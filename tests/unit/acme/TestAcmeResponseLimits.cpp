// An ACME server that answers with an endless or oversized body: the session stops reading at the cap, closes
// the connection and fails with a message that names the cap, instead of buffering whatever the server sends.
// A real HTTP server on loopback (QTcpServer) plays the hostile CA.
#include "connectors/acme/AcmeSession.h"
#include "engine/core/ResponseBodyLimit.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace certdeck;
using namespace certdeck::acme;

namespace {

// One canned answer per connection: `head` (status line and headers), then `body`, then, when `endless`, more
// 64 KiB chunks of chunked encoding for as long as the client reads (up to `safetyLimit`, so a client that
// never stops still lets the test end: it then fails on the size it accepted).
class HostileHttpServer : public QObject
{
public:
    QByteArray head;
    QByteArray body;
    bool endless = false;
    qint64 safetyLimit = 64 * 1024 * 1024;
    qint64 bytesSent = 0;
    bool clientClosed = false;

    HostileHttpServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequest(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    clientClosed = true;
                    socket->deleteLater();
                });
            }
        });
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1/acme/directory").arg(m_server.serverPort()); }

private:
    void onRequest(QTcpSocket* socket)
    {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n") || socket->property("answered").toBool()) {
            return;
        }
        socket->setProperty("answered", true);
        send(socket, head + body);
        if (endless) {
            connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
                if (socket->bytesToWrite() < 256 * 1024 && bytesSent < safetyLimit &&
                    socket->state() == QAbstractSocket::ConnectedState) {
                    send(socket, "10000\r\n" + QByteArray(0x10000, '7') + "\r\n");
                }
            });
        }
    }

    void send(QTcpSocket* socket, const QByteArray& data)
    {
        bytesSent += data.size();
        socket->write(data);
    }

    QTcpServer m_server;
    QByteArray m_request;
};

struct Outcome
{
    bool done = false;
    std::optional<Result<AcmeResponse>> result;
};

void get(AcmeSession& session, const QString& url, Outcome& outcome)
{
    session.get(url, QStringLiteral("read the ACME directory %1").arg(url), [&outcome](Result<AcmeResponse> r) {
        outcome.result = std::move(r);
        outcome.done = true;
    });
}

} // namespace

class TestAcmeResponseLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallAnswerIsRead()
    {
        HostileHttpServer server;
        server.body = "{\"newNonce\":\"n\",\"newAccount\":\"a\",\"newOrder\":\"o\"}";
        server.head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(server.body.size()) + "\r\n\r\n";
        AcmeSession session(server.url(), {});
        Outcome outcome;
        get(session, server.url(), outcome);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->message()));
        QCOMPARE((*outcome.result)->json.value(QStringLiteral("newOrder")).toString(), QStringLiteral("o"));
    }

    // Chunked, never ending: the client must stop near 1 MiB and hang up.
    void endlessJsonIsCutAtOneMebibyte()
    {
        HostileHttpServer server;
        server.head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        server.body = "1\r\n[\r\n";
        server.endless = true;
        AcmeSession session(server.url(), {});
        Outcome outcome;
        get(session, server.url(), outcome);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 30000);
        QVERIFY(!outcome.result->ok());
        QCOMPARE(outcome.result->error().kind, QStringLiteral("responseTooLarge"));
        QVERIFY2(outcome.result->message().contains(QStringLiteral("larger than 1 MiB")),
                 qPrintable(outcome.result->message()));
        QVERIFY(outcome.result->message().contains(QStringLiteral("read the ACME directory")));
        QTRY_VERIFY_WITH_TIMEOUT(server.clientClosed, 10000);
        // What the server could push before the client hung up: the cap plus what sits in socket buffers.
        QVERIFY2(server.bytesSent < 16 * 1024 * 1024, qPrintable(QString::number(server.bytesSent)));
    }

    // A Content-Length of 1 GiB is refused as soon as the headers arrive.
    void announcedHugeBodyIsRefusedAtTheHeaders()
    {
        HostileHttpServer server;
        server.head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n";
        server.body = QByteArray(1000, ' ');
        AcmeSession session(server.url(), {});
        Outcome outcome;
        get(session, server.url(), outcome);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY(!outcome.result->ok());
        QCOMPARE(outcome.result->error().kind, QStringLiteral("responseTooLarge"));
    }

    // An error answer (a problem document) is capped lower: 256 KiB.
    void oversizedProblemDocumentIsCut()
    {
        HostileHttpServer server;
        server.body =
            "{\"type\":\"urn:ietf:params:acme:error:malformed\",\"detail\":\"" + QByteArray(300 * 1024, 'x') + "\"}";
        server.head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nContent-Length: " +
                      QByteArray::number(server.body.size()) + "\r\n\r\n";
        AcmeSession session(server.url(), {});
        Outcome outcome;
        get(session, server.url(), outcome);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.done, 10000);
        QVERIFY(!outcome.result->ok());
        QCOMPARE(outcome.result->error().kind, QStringLiteral("responseTooLarge"));
        QVERIFY2(outcome.result->message().contains(QStringLiteral("larger than 256 KiB")),
                 qPrintable(outcome.result->message()));
    }
};

QTEST_GUILESS_MAIN(TestAcmeResponseLimits)
#include "TestAcmeResponseLimits.moc"
