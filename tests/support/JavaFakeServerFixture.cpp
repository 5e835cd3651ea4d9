#include "tests/support/JavaFakeServerFixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace certdeck::test {

JavaFakeServerFixture::JavaFakeServerFixture(QString jar, QString mainClass, QString logFile)
    : m_jar(std::move(jar))
    , m_mainClass(std::move(mainClass))
    , m_logFile(std::move(logFile))
{
}

JavaFakeServerFixture::~JavaFakeServerFixture()
{
    stop();
}

bool JavaFakeServerFixture::isAvailable(const QString& jar, QString* reason)
{
    if (findProgram(QStringLiteral("java")).isEmpty()) {
        *reason = QStringLiteral("java is not installed (Debian package default-jdk-headless)");
        return false;
    }
    if (jar.isEmpty() || !QFile::exists(jar)) {
        *reason = QStringLiteral("the Java fakes' jar (tests/fakes) was not built: %1").arg(jar);
        return false;
    }
    return true;
}

Status JavaFakeServerFixture::start(const QStringList& arguments, const QList<std::pair<QString, QByteArray>>& secrets,
                                    int timeoutMs)
{
    stop();
    QFile::remove(m_logFile);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logFile);
    m_process->setProgram(findProgram(QStringLiteral("java")));
    m_process->setArguments(QStringList{QStringLiteral("-Xmx64m"), QStringLiteral("-XX:TieredStopAtLevel=1"),
                                        QStringLiteral("-XX:+UseSerialGC"), QStringLiteral("-cp"), m_jar, m_mainClass} +
                            arguments);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        const QString problem = m_process->errorString();
        m_process.reset();
        return fail(QStringLiteral("cannot start java for %1: %2").arg(m_mainClass, problem));
    }
    QByteArray input;
    for (const auto& [key, value] : secrets) {
        input += key.toUtf8() + '=' + value + '\n';
    }
    input += ".\n";
    m_process->write(input);
    m_process->waitForBytesWritten(5000);
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0)) {
            const QString output = log();
            m_process.reset();
            return fail(QStringLiteral("%1 exited at start: %2").arg(m_mainClass, output));
        }
        if (log().contains(QLatin1String("ready\n"))) {
            return {};
        }
        QThread::msleep(50);
    }
    const QString output = log();
    stop();
    return fail(QStringLiteral("%1 was not ready in time: %2").arg(m_mainClass, output));
}

Status JavaFakeServerFixture::command(const QByteArray& line)
{
    if (!m_process || m_process->state() != QProcess::Running) {
        return fail(QStringLiteral("%1 is not running").arg(m_mainClass));
    }
    const qint64 before = QFileInfo(m_logFile).size();
    m_process->write(line + '\n');
    if (!m_process->waitForBytesWritten(5000)) {
        return fail(QStringLiteral("cannot write to %1").arg(m_mainClass));
    }
    // The fake acknowledges each control line with one line of output.
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        if (QFileInfo(m_logFile).size() > before) {
            return {};
        }
        QThread::msleep(20);
    }
    return fail(QStringLiteral("%1 did not acknowledge %2").arg(m_mainClass, QString::fromUtf8(line)));
}

void JavaFakeServerFixture::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->closeWriteChannel(); // the fake ends itself at the end of its input
        if (!m_process->waitForFinished(3000)) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(5000);
            }
        }
    }
    m_process.reset();
}

QString JavaFakeServerFixture::log() const
{
    QFile file(m_logFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll().right(8000));
}

} // namespace certdeck::test
