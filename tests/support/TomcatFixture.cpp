#include "tests/support/TomcatFixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslSocket>
#include <QThread>

#include <algorithm>

#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace certdeck::test {
namespace {

// Copied into CATALINA_BASE/conf when the package has them (Tomcat falls back to built-in defaults otherwise).
const QStringList kConfFiles = {QStringLiteral("web.xml"), QStringLiteral("logging.properties"),
                                QStringLiteral("catalina.properties")};

QString attribute(const QString& name, const QString& value)
{
    return QStringLiteral(" %1=\"%2\"").arg(name, value.toHtmlEscaped());
}

QString connectorXml(const TomcatConnector& connector)
{
    QString certificate;
    if (!connector.keystoreFile.isEmpty()) {
        certificate = attribute(QStringLiteral("certificateKeystoreFile"), connector.keystoreFile) +
                      attribute(QStringLiteral("certificateKeystoreType"), connector.keystoreType) +
                      attribute(QStringLiteral("certificateKeystorePassword"), connector.keystorePassword);
        if (!connector.keyAlias.isEmpty()) {
            certificate += attribute(QStringLiteral("certificateKeyAlias"), connector.keyAlias);
        }
    } else {
        certificate = attribute(QStringLiteral("certificateFile"), connector.certificateFile) +
                      attribute(QStringLiteral("certificateKeyFile"), connector.keyFile);
    }
    return QStringLiteral("    <Connector port=\"%1\" address=\"127.0.0.1\" "
                          "protocol=\"org.apache.coyote.http11.Http11NioProtocol\" SSLEnabled=\"true\" "
                          "maxThreads=\"4\"%2>\n"
                          "      <SSLHostConfig%3>\n"
                          "        <Certificate%4/>\n"
                          "      </SSLHostConfig>\n"
                          "    </Connector>\n")
        .arg(connector.port)
        .arg(attribute(QStringLiteral("defaultSSLHostConfigName"), connector.hostName),
             attribute(QStringLiteral("hostName"), connector.hostName), certificate);
}

const QString kManagerDocBase = QStringLiteral("/usr/share/tomcat10-admin/manager");

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

TomcatFixture::TomcatFixture(QString directory)
    : m_directory(std::move(directory))
{
}

TomcatFixture::~TomcatFixture()
{
    stop();
}

QString TomcatFixture::catalinaHome()
{
    return QStringLiteral("/usr/share/tomcat10");
}

bool TomcatFixture::isAvailable(QString* reason)
{
    if (findProgram(QStringLiteral("java")).isEmpty()) {
        *reason = QStringLiteral("java is not installed (Debian package default-jdk-headless)");
        return false;
    }
    if (!QFile::exists(catalinaHome() + QStringLiteral("/bin/bootstrap.jar"))) {
        *reason = QStringLiteral("Tomcat 10 is not installed in %1 (Debian package tomcat10)").arg(catalinaHome());
        return false;
    }
    return true;
}

QByteArray TomcatFixture::pkcs12WithoutPassword(const crypto::PrivateKey& key, const crypto::Certificate& leaf,
                                                const QList<crypto::Certificate>& chain)
{
    STACK_OF(X509)* ca = sk_X509_new_null();
    for (const crypto::Certificate& cert : chain) {
        sk_X509_push(ca, cert.get());
    }
    PKCS12* p12 = PKCS12_create("", "tomcat", key.get(), leaf.get(), ca, 0, 0, 0, 0, 0);
    sk_X509_free(ca); // the certificates stay owned by `chain`
    if (!p12) {
        qFatal("PKCS12_create failed");
    }
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(p12, &der);
    PKCS12_free(p12);
    QByteArray data(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return data;
}

bool TomcatFixture::managerAvailable(QString* reason)
{
    if (!QFile::exists(kManagerDocBase + QStringLiteral("/WEB-INF/web.xml"))) {
        *reason = QStringLiteral("Tomcat's manager application is not installed (Debian package tomcat10-admin)");
        return false;
    }
    return true;
}

void TomcatFixture::enableManager(QString user, QString password)
{
    m_managerUser = std::move(user);
    m_managerPassword = std::move(password);
}

QString TomcatFixture::managerUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/manager").arg(m_managerPort);
}

Status TomcatFixture::writeManager() const
{
    const QString users = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
                                         "  <role rolename=\"manager-script\"/>\n"
                                         "  <user%1%2 roles=\"manager-script\"/>\n"
                                         "</tomcat-users>\n")
                              .arg(attribute(QStringLiteral("username"), m_managerUser),
                                   attribute(QStringLiteral("password"), m_managerPassword));
    const QString context = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                           "<Context path=\"/manager\"%1 privileged=\"true\"/>\n")
                                .arg(attribute(QStringLiteral("docBase"), kManagerDocBase));
    if (!QDir(m_directory).mkpath(QStringLiteral("conf/Catalina/localhost"))) {
        return fail(QStringLiteral("cannot create %1/conf/Catalina/localhost").arg(m_directory));
    }
    for (const auto& [name, text] : {std::pair{QStringLiteral("conf/tomcat-users.xml"), users},
                                     std::pair{QStringLiteral("conf/Catalina/localhost/manager.xml"), context}}) {
        QFile file(m_directory + QLatin1Char('/') + name);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
            return fail(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        }
    }
    return {};
}

Status TomcatFixture::writeBase() const
{
    const QDir base(m_directory);
    for (const QString& sub : {QStringLiteral("conf"), QStringLiteral("logs"), QStringLiteral("temp"),
                               QStringLiteral("webapps"), QStringLiteral("work")}) {
        if (!base.mkpath(sub)) {
            return fail(QStringLiteral("cannot create %1/%2").arg(m_directory, sub));
        }
    }
    for (const QString& name : kConfFiles) {
        const QStringList sources = {QStringLiteral("/etc/tomcat10/") + name,
                                     catalinaHome() + QStringLiteral("/etc/") + name};
        for (const QString& source : sources) {
            if (QFile::exists(source)) {
                QFile::remove(m_directory + QStringLiteral("/conf/") + name);
                QFile::copy(source, m_directory + QStringLiteral("/conf/") + name);
                break;
            }
        }
    }
    const bool manager = !m_managerUser.isEmpty();
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<Server port=\"-1\" shutdown=\"SHUTDOWN\">\n");
    if (manager) {
        xml += QStringLiteral("  <GlobalNamingResources>\n"
                              "    <Resource name=\"UserDatabase\" auth=\"Container\" "
                              "type=\"org.apache.catalina.UserDatabase\" "
                              "factory=\"org.apache.catalina.users.MemoryUserDatabaseFactory\" "
                              "pathname=\"conf/tomcat-users.xml\"/>\n"
                              "  </GlobalNamingResources>\n");
    }
    xml += QStringLiteral("  <Service name=\"Catalina\">\n");
    for (const TomcatConnector& connector : m_connectors) {
        xml += connectorXml(connector);
    }
    if (manager) {
        xml += QStringLiteral("    <Connector port=\"%1\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\" "
                              "maxThreads=\"2\"/>\n")
                   .arg(m_managerPort);
    }
    xml += QStringLiteral("    <Engine name=\"Catalina\" defaultHost=\"localhost\">\n");
    if (manager) {
        xml += QStringLiteral("      <Realm className=\"org.apache.catalina.realm.UserDatabaseRealm\" "
                              "resourceName=\"UserDatabase\"/>\n");
    }
    xml += QStringLiteral("      <Host name=\"localhost\" appBase=\"webapps\" unpackWARs=\"false\" "
                          "autoDeploy=\"false\"/>\n"
                          "    </Engine>\n"
                          "  </Service>\n"
                          "</Server>\n");
    QFile file(serverXml());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(xml.toUtf8()) < 0) {
        return fail(QStringLiteral("cannot write %1: %2").arg(serverXml(), file.errorString()));
    }
    return manager ? writeManager() : Status();
}

Status TomcatFixture::start(QList<TomcatConnector> connectors, int timeoutMs)
{
    stop();
    m_connectors = std::move(connectors);
    for (TomcatConnector& connector : m_connectors) {
        do {
            connector.port = freeLoopbackPort();
        } while (std::count_if(m_connectors.cbegin(), m_connectors.cend(),
                               [&](const TomcatConnector& other) { return other.port == connector.port; }) > 1);
        if (connector.port == 0) {
            return fail(QStringLiteral("no free loopback port"));
        }
    }
    if (!m_managerUser.isEmpty()) {
        do {
            m_managerPort = freeLoopbackPort();
        } while (std::any_of(m_connectors.cbegin(), m_connectors.cend(),
                             [&](const TomcatConnector& other) { return other.port == m_managerPort; }));
    }
    if (Status written = writeBase(); !written) {
        return written;
    }
    const QString home = catalinaHome();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_directory + QStringLiteral("/logs/console.log"));
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setWorkingDirectory(m_directory);
    m_process->setProgram(findProgram(QStringLiteral("java")));
    m_process->setArguments(
        {QStringLiteral("-Xmx192m"), QStringLiteral("-XX:TieredStopAtLevel=1"),
         QStringLiteral("-Dcatalina.base=") + m_directory, QStringLiteral("-Dcatalina.home=") + home,
         QStringLiteral("-Djava.io.tmpdir=") + m_directory + QStringLiteral("/temp"),
         QStringLiteral("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager"),
         QStringLiteral("-Djava.util.logging.config.file=") + m_directory + QStringLiteral("/conf/logging.properties"),
         QStringLiteral("-classpath"),
         home + QStringLiteral("/bin/bootstrap.jar:") + home + QStringLiteral("/bin/tomcat-juli.jar"),
         QStringLiteral("org.apache.catalina.startup.Bootstrap"), QStringLiteral("start")});
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        const QString problem = m_process->errorString();
        m_process.reset();
        return fail(QStringLiteral("cannot start java for Tomcat: %1").arg(problem));
    }
    const QDeadlineTimer deadline(timeoutMs);
    QList<int> waiting;
    for (const TomcatConnector& connector : m_connectors) {
        waiting.append(connector.port);
    }
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0)) {
            const QString output = log();
            m_process.reset();
            return fail(QStringLiteral("Tomcat exited at start: %1").arg(output));
        }
        waiting.removeIf([](int port) { return handshakes(port); });
        if (waiting.isEmpty()) {
            return {};
        }
        QThread::msleep(100);
    }
    const QString output = log();
    stop();
    return fail(QStringLiteral("Tomcat did not accept TLS handshakes in time: %1").arg(output));
}

void TomcatFixture::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to the JVM's own PID: its shutdown hook stops Tomcat
        if (!m_process->waitForFinished(20000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

qint64 TomcatFixture::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QString TomcatFixture::log() const
{
    QString text;
    for (const QString& name : {QStringLiteral("/logs/console.log")}) {
        QFile file(m_directory + name);
        if (file.open(QIODevice::ReadOnly)) {
            text += QString::fromLocal8Bit(file.readAll().right(4000));
        }
    }
    return text;
}

} // namespace certdeck::test
