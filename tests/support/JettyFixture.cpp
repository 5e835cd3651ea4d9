#include "tests/support/JettyFixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <csignal>

namespace certdeck::test {

namespace {

const QString kJettyHome = QStringLiteral("/usr/share/jetty9");
const QString kJettyUtil = QStringLiteral("/usr/share/java/jetty9-util.jar");

// jetty.sh, with this base and run directory; the output is returned.
QProcess::ExitStatus runControl(const QString& command, const QString& base, const QString& run, QString* output,
                                int timeoutMs = 90000)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("JETTY_BASE"), base);
    environment.insert(QStringLiteral("JETTY_RUN"), run);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(JettyFixture::controlScript(), {command});
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    }
    *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return process.exitCode() == 0 ? process.exitStatus() : QProcess::CrashExit;
}

} // namespace

JettyFixture::JettyFixture(QString directory)
    : m_directory(std::move(directory))
{
}

JettyFixture::~JettyFixture()
{
    stop();
}

bool JettyFixture::isAvailable(QString* reason)
{
    if (findProgram(QStringLiteral("java")).isEmpty() || !QFileInfo::exists(controlScript()) ||
        !QFileInfo::exists(kJettyUtil)) {
        *reason = QStringLiteral("java or jetty9 is not installed (apt-get install jetty9 default-jdk-headless)");
        return false;
    }
    return true;
}

QString JettyFixture::controlScript()
{
    return kJettyHome + QStringLiteral("/bin/jetty.sh");
}

Result<QString> JettyFixture::obfuscate(const QString& password)
{
    // Test passwords only: Password's main takes the password as an argument.
    QProcess java;
    java.setProcessChannelMode(QProcess::MergedChannels);
    java.start(
        findProgram(QStringLiteral("java")),
        {QStringLiteral("-cp"), kJettyUtil, QStringLiteral("org.eclipse.jetty.util.security.Password"), password});
    if (!java.waitForFinished(30000) || java.exitCode() != 0) {
        return fail(QStringLiteral("Jetty's Password class failed: %1").arg(QString::fromUtf8(java.readAll())));
    }
    for (const QString& line : QString::fromUtf8(java.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("OBF:"))) {
            return line.trimmed();
        }
    }
    return fail(QStringLiteral("Jetty's Password class printed no OBF: line"));
}

Status JettyFixture::start(JettySsl ssl, int timeoutMs)
{
    stop();
    m_ssl = std::move(ssl);
    m_ssl.port = freeLoopbackPort();
    if (m_ssl.port == 0) {
        return fail(QStringLiteral("no free loopback port"));
    }
    if (!QDir().mkpath(m_directory + QStringLiteral("/start.d")) || !QDir().mkpath(runDirectory())) {
        return fail(QStringLiteral("cannot create %1").arg(m_directory));
    }
    QByteArray modules = "--module=ssl,https";
    if (m_ssl.sslReload) {
        modules += ",ssl-reload";
    }
    const QByteArray path = m_ssl.keyStorePath.toUtf8();
    const QByteArray password = m_ssl.keyStorePassword.toUtf8();
    QByteArray ini = "# jetty.base of a test\n" + modules +
                     "\njetty.ssl.host=127.0.0.1\njetty.ssl.port=" + QByteArray::number(m_ssl.port) +
                     "\njetty.sslContext.keyStoreAbsolutePath=" + path +
                     "\njetty.sslContext.keyStoreType=" + m_ssl.keyStoreType.toUtf8() +
                     "\njetty.sslContext.keyStorePassword=" + password +
                     "\njetty.sslContext.keyManagerPassword=" + password +
                     "\njetty.sslContext.trustStoreAbsolutePath=" + path +
                     "\njetty.sslContext.trustStoreType=" + m_ssl.keyStoreType.toUtf8() +
                     "\njetty.sslContext.trustStorePassword=" + password + "\n";
    if (!m_ssl.certAlias.isEmpty()) {
        ini += "jetty.sslContext.certAlias=" + m_ssl.certAlias.toUtf8() + "\n";
    }
    if (!writeFileBytes(m_directory + QStringLiteral("/start.ini"), "# test base: TLS only, see start.d\n") ||
        !writeFileBytes(m_directory + QStringLiteral("/start.d/ssl.ini"), ini)) {
        return fail(QStringLiteral("cannot write the Jetty configuration in %1").arg(m_directory));
    }
    // A restart through jetty.sh by the code under test (this process) must find this instance and start it small.
    qputenv("JETTY_RUN", runDirectory().toLocal8Bit());
    qputenv("JAVA_OPTIONS", "-Xmx128m -XX:TieredStopAtLevel=1");
    QString output;
    if (runControl(QStringLiteral("start"), m_directory, runDirectory(), &output, timeoutMs) != QProcess::NormalExit) {
        return fail(QStringLiteral("jetty.sh start failed: %1\n%2").arg(output, log()));
    }
    m_started = true;
    const QDeadlineTimer deadline(timeoutMs);
    while (servedFingerprint(m_ssl.port, QStringLiteral("jetty.test"), 2000).isEmpty()) {
        if (deadline.hasExpired()) {
            return fail(QStringLiteral("Jetty serves no TLS on port %1:\n%2").arg(m_ssl.port).arg(log()));
        }
        QThread::msleep(200);
    }
    return {};
}

void JettyFixture::stop()
{
    if (!m_started) {
        return;
    }
    m_started = false;
    QString output;
    if (runControl(QStringLiteral("stop"), m_directory, runDirectory(), &output, 30000) != QProcess::NormalExit) {
        if (const qint64 pid = processId(); pid > 0) {
            ::kill(pid_t(pid), SIGKILL);
        }
    }
}

qint64 JettyFixture::processId() const
{
    return readFileBytes(runDirectory() + QStringLiteral("/jetty.pid")).trimmed().toLongLong();
}

QString JettyFixture::log() const
{
    return QString::fromUtf8(readFileBytes(runDirectory() + QStringLiteral("/jetty-start.log")).right(4000));
}

} // namespace certdeck::test
