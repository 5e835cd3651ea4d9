#pragma once

#include "engine/core/Result.h"

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace certdeck::test {

// The REAL certdeck-bot ($CERTDECK_BOT_BINARY) driven over its JSON-lines protocol with a plain QProcess, so that a
// test can arm a fail point for the bot alone, see its stderr and how it ended.
class BotProcess
{
public:
    ~BotProcess();

    // The bot policy file the next start() uses (CERTDECK_BOT_POLICY); empty: the suite's.
    void setPolicyFile(const QString& path) { m_policyFile = path; }

    // Starts `certdeck-bot serve --state-dir <stateDir>`; failPoint empty: none. Then says hello.
    Status start(const QString& stateDir, const QString& failPoint = {});
    QJsonObject hello() const { return m_hello; }

    // Sends a request and waits for its answer (progress notifications are collected in steps()).
    Result<QJsonObject> call(const QString& method, const QJsonObject& params, int timeoutMs = 120000);
    QStringList steps() const { return m_steps; }

    // Waits until the bot has exited; true when it did in time.
    bool waitForExit(int timeoutMs);
    bool crashed() const; // ended by a signal (SIGKILL from a fail point, for instance)
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    QString stderrText() const { return QString::fromUtf8(m_stderr); }

    // Closes stdin and waits for a clean exit (kills it after a grace period).
    void stop();

private:
    Result<QJsonObject> waitForAnswer(qint64 id, int timeoutMs);
    void readAvailable();

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QList<QByteArray> m_lines;
    QStringList m_steps;
    QJsonObject m_hello;
    qint64 m_nextId = 1;
    QString m_policyFile;
};

} // namespace certdeck::test
