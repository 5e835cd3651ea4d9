#include "BotProcess.h"

#include "engine/bots/BotProtocol.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>

namespace certdeck::test {

using namespace certdeck::bots::protocol;

BotProcess::~BotProcess()
{
    stop();
}

Status BotProcess::start(const QString& stateDir, const QString& failPoint)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("CERTDECK_FAILPOINT"));
    if (!failPoint.isEmpty()) {
        environment.insert(QStringLiteral("CERTDECK_FAILPOINT"), failPoint);
    }
    if (!m_policyFile.isEmpty()) {
        environment.insert(QStringLiteral("CERTDECK_BOT_POLICY"), m_policyFile);
    }
    m_process.setProcessEnvironment(environment);
    m_process.start(botBinary(), {QStringLiteral("serve"), QStringLiteral("--state-dir"), stateDir});
    if (!m_process.waitForStarted(30000)) {
        return fail(QStringLiteral("certdeck-bot did not start: ") + m_process.errorString());
    }
    auto hello = call(QStringLiteral("hello"), {{QStringLiteral("version"), kVersion}}, 30000);
    if (!hello) {
        return hello.error();
    }
    m_hello = hello.value();
    return {};
}

void BotProcess::readAvailable()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    qsizetype newline;
    while ((newline = m_stdout.indexOf('\n')) >= 0) {
        m_lines << m_stdout.left(newline);
        m_stdout.remove(0, newline + 1);
    }
}

Result<QJsonObject> BotProcess::call(const QString& method, const QJsonObject& params, int timeoutMs)
{
    const qint64 id = m_nextId++;
    m_steps.clear();
    m_process.write(encodeRequest(id, method, params) + '\n');
    return waitForAnswer(id, timeoutMs);
}

Result<QJsonObject> BotProcess::waitForAnswer(qint64 id, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        readAvailable();
        while (!m_lines.isEmpty()) {
            QString error;
            const auto message = decode(m_lines.takeFirst(), &error);
            if (!message) {
                continue;
            }
            if (message->type == Message::Type::Notification) {
                m_steps << message->params.value(QStringLiteral("step")).toString();
            } else if (message->id == id && message->type == Message::Type::Response) {
                return message->result;
            } else if (message->id == id && message->type == Message::Type::Error) {
                return fail(message->errorMessage, QStringLiteral("botError"));
            }
        }
        if (m_process.state() == QProcess::NotRunning) {
            readAvailable();
            return fail(QStringLiteral("the bot exited before answering"), QStringLiteral("exited"));
        }
        if (deadline.hasExpired()) {
            return fail(QStringLiteral("no answer in time"), QStringLiteral("timeout"));
        }
        m_process.waitForReadyRead(100);
    }
}

bool BotProcess::waitForExit(int timeoutMs)
{
    const bool exited = m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
    readAvailable();
    return exited;
}

bool BotProcess::crashed() const
{
    return m_process.state() == QProcess::NotRunning && m_process.exitStatus() == QProcess::CrashExit;
}

void BotProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    readAvailable();
}

} // namespace certdeck::test
