#include "tests/support/PebbleFixture.h"

#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>

namespace certdeck::test {
namespace {

QString logTail(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray data = file.readAll();
    return QString::fromUtf8(data.right(2000));
}

} // namespace

PebbleFixture::PebbleFixture(PebbleOptions options)
    : m_options(std::move(options))
{
}

PebbleFixture::~PebbleFixture()
{
    stop();
}

bool PebbleFixture::isAvailable(QString* reason)
{
    for (const QString& program : {QStringLiteral("pebble"), QStringLiteral("pebble-challtestsrv")}) {
        if (findProgram(program).isEmpty()) {
            if (reason) {
                *reason = QStringLiteral("%1 is not installed (apt-get install pebble)").arg(program);
            }
            return false;
        }
    }
    return true;
}

QString PebbleFixture::directoryUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1/dir").arg(m_acmePort);
}

QString PebbleFixture::managementUrl() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(m_managementPort);
}

QString PebbleFixture::trustBundlePath() const
{
    return m_trustBundle;
}

QString PebbleFixture::challengeTestServerUrl() const
{
    return m_challtestsrv ? QStringLiteral("http://127.0.0.1:%1").arg(m_challManagementPort) : QString();
}

QString PebbleFixture::dnsServer() const
{
    if (!m_options.dnsServer.isEmpty()) {
        return m_options.dnsServer;
    }
    return m_options.challengeTestServer ? QStringLiteral("127.0.0.1:%1").arg(m_dnsPort) : QString();
}

Status PebbleFixture::writeConfig()
{
    QJsonObject pebble{
        {QStringLiteral("listenAddress"), QStringLiteral("127.0.0.1:%1").arg(m_acmePort)},
        {QStringLiteral("managementListenAddress"), QStringLiteral("127.0.0.1:%1").arg(m_managementPort)},
        {QStringLiteral("certificate"), m_dir.filePath(QStringLiteral("tls/pebble.crt"))},
        {QStringLiteral("privateKey"), m_dir.filePath(QStringLiteral("tls/pebble.key"))},
        {QStringLiteral("httpPort"), m_httpPort},
        {QStringLiteral("tlsPort"), m_tlsPort},
        {QStringLiteral("ocspResponderURL"), QString()},
        {QStringLiteral("externalAccountBindingRequired"), m_options.eabRequired},
    };
    if (!m_options.eabKeys.isEmpty()) {
        QJsonObject keys;
        for (auto it = m_options.eabKeys.cbegin(); it != m_options.eabKeys.cend(); ++it) {
            keys.insert(it.key(), QString::fromLatin1(it.value()));
        }
        pebble.insert(QStringLiteral("externalAccountMACKeys"), keys);
    }
    writeTestFile(m_dir.path(), QStringLiteral("pebble-config.json"),
                  QJsonDocument(QJsonObject{{QStringLiteral("pebble"), pebble}}).toJson());
    return {};
}

Status PebbleFixture::start(int timeoutMs)
{
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("Could not create a temporary directory for pebble."));
    }
    QString reason;
    if (!isAvailable(&reason)) {
        return fail(reason);
    }
    // A port found free can be taken by a parallel test before pebble binds it: try again with other ports.
    Status started;
    for (int attempt = 0; attempt < 3; ++attempt) {
        started = startOnce(timeoutMs);
        if (started.ok() || !started.error().message.contains(QLatin1String("address already in use"))) {
            break;
        }
    }
    return started;
}

Status PebbleFixture::startOnce(int timeoutMs)
{
    m_acmePort = freeLoopbackPort();
    m_managementPort = freeLoopbackPort();
    m_httpPort = m_options.httpValidationPort > 0 ? m_options.httpValidationPort : freeLoopbackPort();
    m_tlsPort = freeLoopbackPort();
    m_dnsPort = freeLoopbackPort();
    m_challManagementPort = freeLoopbackPort();

    // Throw-away HTTPS identity for pebble's ACME and management listeners.
    const IssuedCert root = TestPki::makeRoot(QStringLiteral("CertDeck Pebble TLS Root"));
    LeafOptions leaf;
    leaf.names = {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    const IssuedCert tls = TestPki::makeLeaf(root, leaf);
    writeTestFile(m_dir.filePath(QStringLiteral("tls")), QStringLiteral("pebble.crt"), tls.cert.toPem());
    writeTestFile(m_dir.filePath(QStringLiteral("tls")), QStringLiteral("pebble.key"), tls.key.toPem());
    m_trustBundle = writeTestFile(m_dir.filePath(QStringLiteral("tls")), QStringLiteral("root.pem"), root.cert.toPem());
    if (Status written = writeConfig(); !written) {
        return written;
    }
    if (m_options.challengeTestServer) {
        if (Status started = startChallengeTestServer(timeoutMs); !started) {
            stop();
            return started;
        }
    }
    if (Status started = startPebble(timeoutMs); !started) {
        stop();
        return started;
    }
    return {};
}

Status PebbleFixture::startChallengeTestServer(int timeoutMs)
{
    m_challtestsrv = std::make_unique<QProcess>();
    m_challtestsrv->setProgram(findProgram(QStringLiteral("pebble-challtestsrv")));
    m_challtestsrv->setArguments({
        QStringLiteral("-defaultIPv4"),
        QStringLiteral("127.0.0.1"),
        QStringLiteral("-defaultIPv6"),
        QString(),
        QStringLiteral("-dns01"),
        QStringLiteral("127.0.0.1:%1").arg(m_dnsPort),
        QStringLiteral("-http01"),
        m_options.challengeTestServerHttp01 ? QStringLiteral("127.0.0.1:%1").arg(m_httpPort) : QString(),
        QStringLiteral("-https01"),
        QString(),
        QStringLiteral("-tlsalpn01"),
        QString(),
        QStringLiteral("-management"),
        QStringLiteral("127.0.0.1:%1").arg(m_challManagementPort),
    });
    m_challtestsrv->setStandardOutputFile(m_dir.filePath(QStringLiteral("challtestsrv.log")), QIODevice::Append);
    m_challtestsrv->setStandardErrorFile(m_dir.filePath(QStringLiteral("challtestsrv.log")), QIODevice::Append);
    m_challtestsrv->start();
    if (!m_challtestsrv->waitForStarted(5000)) {
        return fail(QStringLiteral("Could not start pebble-challtestsrv: %1").arg(m_challtestsrv->errorString()));
    }
    return waitForUrl(challengeTestServerUrl() + QStringLiteral("/"), m_challtestsrv.get(),
                      QStringLiteral("pebble-challtestsrv"), timeoutMs);
}

Status PebbleFixture::startPebble(int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PEBBLE_VA_NOSLEEP"), m_options.vaNoSleep ? QStringLiteral("1") : QStringLiteral("0"));
    if (m_options.nonceRejectPercent >= 0) {
        env.insert(QStringLiteral("PEBBLE_WFE_NONCEREJECT"), QString::number(m_options.nonceRejectPercent));
    } else {
        env.remove(QStringLiteral("PEBBLE_WFE_NONCEREJECT"));
    }
    if (m_options.alwaysValid) {
        env.insert(QStringLiteral("PEBBLE_VA_ALWAYS_VALID"), QStringLiteral("1"));
    }
    env.insert(QStringLiteral("PEBBLE_ALTERNATE_ROOTS"), QString::number(m_options.alternateRoots));
    env.insert(QStringLiteral("PEBBLE_AUTHZREUSE"), QString::number(m_options.authzReusePercent));
    m_pebble = std::make_unique<QProcess>();
    m_pebble->setProcessEnvironment(env);
    m_pebble->setWorkingDirectory(m_dir.path());
    m_pebble->setProgram(findProgram(QStringLiteral("pebble")));
    QStringList arguments{QStringLiteral("-config"), m_dir.filePath(QStringLiteral("pebble-config.json"))};
    if (!dnsServer().isEmpty()) {
        arguments << QStringLiteral("-dnsserver") << dnsServer();
    }
    m_pebble->setArguments(arguments);
    m_pebble->setStandardOutputFile(m_dir.filePath(QStringLiteral("pebble.log")), QIODevice::Append);
    m_pebble->setStandardErrorFile(m_dir.filePath(QStringLiteral("pebble.log")), QIODevice::Append);
    m_pebble->start();
    if (!m_pebble->waitForStarted(5000)) {
        return fail(QStringLiteral("Could not start pebble: %1").arg(m_pebble->errorString()));
    }
    if (Status up = waitForUrl(directoryUrl(), m_pebble.get(), QStringLiteral("pebble"), timeoutMs); !up) {
        return up;
    }
    return waitForUrl(managementUrl() + QStringLiteral("/roots/0"), m_pebble.get(), QStringLiteral("pebble"),
                      timeoutMs);
}

Status PebbleFixture::restart(int timeoutMs)
{
    stopProcess(m_pebble);
    return startPebble(timeoutMs);
}

void PebbleFixture::stopProcess(std::unique_ptr<QProcess>& process)
{
    if (!process) {
        return;
    }
    if (process->state() != QProcess::NotRunning) {
        process->terminate(); // SIGTERM to this PID only
        if (!process->waitForFinished(5000)) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
    process.reset();
}

void PebbleFixture::stop()
{
    stopProcess(m_pebble);
    stopProcess(m_challtestsrv);
}

Status PebbleFixture::waitForUrl(const QString& url, QProcess* process, const QString& what, int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    const QString log = m_dir.filePath(what == QLatin1String("pebble") ? QStringLiteral("pebble.log")
                                                                       : QStringLiteral("challtestsrv.log"));
    while (!deadline.hasExpired()) {
        if (process->state() == QProcess::NotRunning) {
            return fail(QStringLiteral("%1 exited early:\n%2").arg(what, logTail(log)));
        }
        int status = 0;
        auto reply = httpGet(url, &status);
        if (status > 0) {
            return {};
        }
        QThread::msleep(50);
    }
    return fail(
        QStringLiteral("%1 did not answer at %2 within %3 ms:\n%4").arg(what, url).arg(timeoutMs).arg(logTail(log)));
}

namespace {

Result<QByteArray> transfer(const QString& trustBundle, const QString& url, const QByteArray* body, int* status)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(10000);
    if (!trustBundle.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(trustBundle, QSsl::Pem);
        request.setSslConfiguration(ssl);
    }
    QNetworkReply* reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = network.post(request, *body);
    } else {
        reply = network.get(request);
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status) {
        *status = code;
    }
    const QByteArray data = reply->readAll();
    const QString error = reply->errorString();
    delete reply;
    if (code < 200 || code >= 300) {
        return fail(QStringLiteral("%1 answered %2: %3 %4").arg(url).arg(code).arg(error, QString::fromUtf8(data)));
    }
    return data;
}

} // namespace

Result<QByteArray> PebbleFixture::httpGet(const QString& url, int* status) const
{
    return transfer(m_trustBundle, url, nullptr, status);
}

Result<QByteArray> PebbleFixture::httpPost(const QString& url, const QByteArray& body, int* status) const
{
    return transfer(m_trustBundle, url, &body, status);
}

Result<QByteArray> PebbleFixture::rootPem(int index) const
{
    return httpGet(managementUrl() + QStringLiteral("/roots/%1").arg(index));
}

Result<QByteArray> PebbleFixture::intermediatePem(int index) const
{
    return httpGet(managementUrl() + QStringLiteral("/intermediates/%1").arg(index));
}

Result<QJsonObject> PebbleFixture::certStatus(const QString& serialHex) const
{
    QString serial = serialHex.toLower().remove(QLatin1Char(':'));
    while (serial.size() > 1 && serial.startsWith(QLatin1Char('0'))) {
        serial.remove(0, 1);
    }
    auto body = httpGet(managementUrl() + QStringLiteral("/cert-status-by-serial/") + serial);
    if (!body) {
        return body.error();
    }
    return QJsonDocument::fromJson(*body).object();
}

Status PebbleFixture::addHttp01(const QString& token, const QString& content) const
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("token"), token}, {QStringLiteral("content"), content}})
            .toJson(QJsonDocument::Compact);
    auto reply = httpPost(challengeTestServerUrl() + QStringLiteral("/add-http01"), body);
    return reply ? Status() : Status(reply.error());
}

Status PebbleFixture::deleteHttp01(const QString& token) const
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("token"), token}}).toJson(QJsonDocument::Compact);
    auto reply = httpPost(challengeTestServerUrl() + QStringLiteral("/del-http01"), body);
    return reply ? Status() : Status(reply.error());
}

Status PebbleFixture::setTxt(const QString& host, const QString& value) const
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("host"), host}, {QStringLiteral("value"), value}})
                                .toJson(QJsonDocument::Compact);
    auto reply = httpPost(challengeTestServerUrl() + QStringLiteral("/set-txt"), body);
    return reply ? Status() : Status(reply.error());
}

Status PebbleFixture::clearTxt(const QString& host) const
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("host"), host}}).toJson(QJsonDocument::Compact);
    auto reply = httpPost(challengeTestServerUrl() + QStringLiteral("/clear-txt"), body);
    return reply ? Status() : Status(reply.error());
}

} // namespace certdeck::test
