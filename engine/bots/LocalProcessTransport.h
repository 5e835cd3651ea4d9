#pragma once

#include "engine/bots/BotTransport.h"

#include <QProcess>
#include <QStringList>

namespace certdeck::bots {

// Runs `certdeck-bot serve <extra arguments>` as a child process and speaks over its stdin/stdout.
// stderr lines go to the "bots" logger; the last one is quoted when the bot dies unexpectedly.
class LocalProcessTransport : public BotTransport
{
    Q_OBJECT
public:
    explicit LocalProcessTransport(QString botBinary, QStringList extraArguments = {}, QObject* parent = nullptr);
    ~LocalProcessTransport() override;

    void start() override;
    void sendLine(const QByteArray& line) override;
    // Closes the bot's stdin (it finishes running work and exits); kills it if it has not exited after a grace
    // period. Emits closed().
    void stop() override;
    QString describe() const override;

    qint64 processId() const; // 0 when not running

    // certdeck-bot next to the running executable, or $CERTDECK_BOT_BINARY.
    static QString defaultBotBinary();

    // A line longer than this (no newline) means the peer is not a bot: the transport fails.
    static constexpr qsizetype kMaxLineBytes = 64 * 1024 * 1024;

private:
    void readStdout();
    void readStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    QString m_binary;
    QStringList m_arguments;
    QProcess m_process;
    QByteArray m_buffer;
    QByteArray m_stderrBuffer;
    QString m_lastStderrLine;
    bool m_stopping = false;
    bool m_failedEmitted = false;
};

} // namespace certdeck::bots
