#include "engine/bots/LocalProcessTransport.h"

#include "engine/core/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

namespace certdeck::bots {
namespace {

constexpr int kStopGraceMs = 5000;

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bots");
}

} // namespace

LocalProcessTransport::LocalProcessTransport(QString botBinary, QStringList extraArguments, QObject* parent)
    : BotTransport(parent)
    , m_binary(std::move(botBinary))
    , m_arguments(std::move(extraArguments))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::started, this, &LocalProcessTransport::started);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalProcessTransport::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &LocalProcessTransport::readStderr);
    connect(&m_process, &QProcess::finished, this, &LocalProcessTransport::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &LocalProcessTransport::onError);
}

LocalProcessTransport::~LocalProcessTransport()
{
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        // Give the bot a moment to finish what it runs (it exits on EOF), then make sure it is gone.
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(2000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
}

void LocalProcessTransport::start()
{
    if (m_process.state() != QProcess::NotRunning) {
        return;
    }
    m_stopping = false;
    m_failedEmitted = false;
    m_buffer.clear();
    m_stderrBuffer.clear();
    m_lastStderrLine.clear();
    QStringList arguments{QStringLiteral("serve")};
    arguments += m_arguments;
    logger()->info("starting {} {}", m_binary.toStdString(), arguments.join(QLatin1Char(' ')).toStdString());
    m_process.start(m_binary, arguments, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void LocalProcessTransport::sendLine(const QByteArray& line)
{
    if (m_process.state() != QProcess::Running) {
        logger()->warn("dropped a message to {}: the bot is not running", describe().toStdString());
        return;
    }
    QByteArray framed = line;
    framed.append('\n');
    m_process.write(framed);
}

void LocalProcessTransport::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        if (!m_stopping) {
            m_stopping = true;
            Q_EMIT closed();
        }
        return;
    }
    m_stopping = true;
    m_process.closeWriteChannel();
    QPointer<LocalProcessTransport> self(this);
    const qint64 pid = m_process.processId();
    QTimer::singleShot(kStopGraceMs, this, [self, pid] {
        if (self && self->m_process.state() != QProcess::NotRunning && self->m_process.processId() == pid) {
            logger()->warn("the bot (pid {}) did not exit after its input was closed; killing it", pid);
            self->m_process.kill();
        }
    });
}

QString LocalProcessTransport::describe() const
{
    return QStringLiteral("local bot");
}

qint64 LocalProcessTransport::processId() const
{
    return m_process.processId();
}

QString LocalProcessTransport::defaultBotBinary()
{
    const QString fromEnvironment = qEnvironmentVariable("CERTDECK_BOT_BINARY");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("certdeck-bot"));
}

void LocalProcessTransport::readStdout()
{
    m_buffer.append(m_process.readAllStandardOutput());
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', start);
        if (newline < 0) {
            break;
        }
        const QByteArray line = m_buffer.mid(start, newline - start);
        start = newline + 1;
        if (!line.trimmed().isEmpty()) {
            Q_EMIT lineReceived(line);
        }
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > kMaxLineBytes) {
        m_buffer.clear();
        m_failedEmitted = true;
        m_process.disconnect(this);
        m_process.kill();
        Q_EMIT failed(QStringLiteral("the bot sent a line longer than %1 MiB; it is not a certdeck-bot or it "
                                     "is broken, check %2")
                          .arg(kMaxLineBytes / (1024 * 1024))
                          .arg(m_binary));
    }
}

void LocalProcessTransport::readStderr()
{
    m_stderrBuffer.append(m_process.readAllStandardError());
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_stderrBuffer.indexOf('\n', start);
        if (newline < 0) {
            break;
        }
        const QString line = QString::fromUtf8(m_stderrBuffer.mid(start, newline - start)).trimmed();
        start = newline + 1;
        if (!line.isEmpty()) {
            m_lastStderrLine = line;
            logger()->info("[{}] {}", describe().toStdString(), line.toStdString());
        }
    }
    m_stderrBuffer.remove(0, start);
    if (m_stderrBuffer.size() > 64 * 1024) { // no newline for long: log what there is
        m_lastStderrLine = QString::fromUtf8(m_stderrBuffer).trimmed();
        logger()->info("[{}] {}", describe().toStdString(), m_lastStderrLine.toStdString());
        m_stderrBuffer.clear();
    }
}

void LocalProcessTransport::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readStdout();
    readStderr();
    if (!m_stderrBuffer.trimmed().isEmpty()) {
        m_lastStderrLine = QString::fromUtf8(m_stderrBuffer).trimmed();
        m_stderrBuffer.clear();
    }
    if (m_failedEmitted) {
        return;
    }
    if (m_stopping) {
        logger()->info("the bot exited (exit code {})", exitCode);
        Q_EMIT closed();
        return;
    }
    QString reason = status == QProcess::CrashExit
                         ? QStringLiteral("the bot exited unexpectedly (killed by signal %1)").arg(exitCode)
                         : QStringLiteral("the bot exited unexpectedly (exit code %1)").arg(exitCode);
    if (!m_lastStderrLine.isEmpty()) {
        // Quote the message, not spdlog's "[time] [logger] [level]" prefix.
        static const QRegularExpression prefix(QStringLiteral("^(\\[[^\\]]*\\]\\s*){1,3}"));
        QString last = m_lastStderrLine;
        last.remove(prefix);
        reason += QStringLiteral(": ") + (last.isEmpty() ? m_lastStderrLine : last);
    }
    logger()->warn("{}", reason.toStdString());
    m_failedEmitted = true;
    Q_EMIT failed(reason);
}

void LocalProcessTransport::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_failedEmitted) {
        return; // crashes and write errors end in finished()
    }
    m_failedEmitted = true;
    const QString reason = QStringLiteral("could not start the bot program %1: %2. Check that certdeck-bot is "
                                          "installed next to certdeck, or set CERTDECK_BOT_BINARY to its path")
                               .arg(m_binary, m_process.errorString());
    logger()->warn("{}", reason.toStdString());
    Q_EMIT failed(reason);
}

} // namespace certdeck::bots
