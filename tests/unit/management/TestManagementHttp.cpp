// deployers/common/ManagementHttp against a loopback HTTP server that answers with canned replies: redirects are not
// followed, the reply body is capped, the deadline holds, Basic credentials are sent and no message holds the
// password; and the one management-URL rule all Java deployers share.
#include "deployers/common/ManagementHttp.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace certdeck;
using certdeck::deployers::ManagementHttp;

namespace {

const QByteArray kPassword = QByteArrayLiteral("s3cret-pass");

ManagementHttp::UrlField field()
{
    return {QStringLiteral("Admin URL"), QStringLiteral("the server"), QStringLiteral("http://127.0.0.1:7001"),
            QStringLiteral("the admin password"), QStringLiteral("the server")};
}

} // namespace

class TestManagementHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
            }
        });
    }

    void redirectsAreNotFollowed()
    {
        const auto reply = http().get(url("/redirect"), {}, 5000);
        QCOMPARE(reply.status, 302);
        QCOMPARE(m_requests.count(QStringLiteral("/elsewhere")), 0);
    }

    void theBodyIsCapped()
    {
        const auto reply = http().get(url("/big"), {}, 5000);
        QCOMPARE(reply.body.size(), ManagementHttp::kMaxReplyBytes);
    }

    void theDeadlineHoldsAndNoMessageHoldsThePassword()
    {
        QElapsedTimer timer;
        timer.start();
        const auto reply = http().post(url("/silent"), "{\"p\":\"" + kPassword + "\"}", {}, 700);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(reply.status, 0);
        QVERIFY2(reply.error.contains(QLatin1String("no answer within")), qPrintable(reply.error));
        QVERIFY(!reply.error.contains(QString::fromUtf8(kPassword)));
    }

    void basicCredentialsAreSent()
    {
        QCOMPARE(http().get(url("/basic"), {}, 5000).status, 200);
        const ManagementHttp wrong(QStringLiteral("admin"), "other", ManagementHttp::Authentication::Basic);
        QCOMPARE(wrong.get(url("/basic"), {}, 5000).status, 401);
    }

    void theUrlMustBeOnTheTargetHost_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        QTest::newRow("loopback") << QStringLiteral("http://localhost:7001") << QStringLiteral("127.0.0.1")
                                  << QString();
        QTest::newRow("remote, any case")
            << QStringLiteral("https://WEB1.example:7002") << QStringLiteral("web1.example") << QString();
        QTest::newRow("another host") << QStringLiteral("http://attacker.example:7001") << QStringLiteral("127.0.0.1")
                                      << QStringLiteral("Admin URL: attacker.example is not on the target host");
        QTest::newRow("credentials") << QStringLiteral("http://admin:pw@127.0.0.1:7001") << QStringLiteral("127.0.0.1")
                                     << QStringLiteral("Admin URL: enter it without user, password or query");
        QTest::newRow("not http") << QStringLiteral("ftp://127.0.0.1/") << QStringLiteral("127.0.0.1")
                                  << QStringLiteral("Admin URL: enter the address of the server");
    }
    void theUrlMustBeOnTheTargetHost()
    {
        QFETCH(QString, url);
        QFETCH(QString, target);
        QFETCH(QString, refusal);
        const Status checked = ManagementHttp::checkUrl(QUrl(url), target, field());
        QCOMPARE(checked.ok(), refusal.isEmpty());
        if (!refusal.isEmpty()) {
            QVERIFY2(checked.message().startsWith(refusal), qPrintable(checked.message()));
        }
    }

private:
    ManagementHttp http() const
    {
        return ManagementHttp(QStringLiteral("admin"), kPassword, ManagementHttp::Authentication::Basic);
    }

    QUrl url(const char* path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(QLatin1String(path)));
    }

    void answer(QTcpSocket* socket)
    {
        QByteArray& request = m_pending[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n")) {
            return;
        }
        const QList<QByteArray> words = request.left(request.indexOf("\r\n")).split(' ');
        const QString path = QString::fromLatin1(words.value(1));
        m_requests << path;
        QByteArray reply;
        if (path == QLatin1String("/redirect")) {
            reply = "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n";
        } else if (path == QLatin1String("/big")) {
            const QByteArray body(200 * 1024, 'x');
            reply = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        } else if (path == QLatin1String("/basic")) {
            const QByteArray expected = "Authorization: Basic " + QByteArray("admin:" + kPassword).toBase64();
            reply = request.contains(expected) ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                               : "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n";
        } else {
            return; // "/silent": never answers
        }
        socket->write(reply);
        m_pending.remove(socket);
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_pending;
    QStringList m_requests;
};

QTEST_GUILESS_MAIN(TestManagementHttp)
#include "TestManagementHttp.moc"
