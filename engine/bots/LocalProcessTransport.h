#pragma once

#include "engine/bots/BotTransport.h"

#include <QProcess>
#include <QStringList>

namespace certdeck::bots {

// Runs `certdeck-bot serve` as a child process and speaks over its stdin/stdout. stderr goes to the log.
class LocalProcessTransport : public BotTransport
{
    Q_OBJECT
public:
    explicit LocalProcessTransport(QString botBinary, QStringList extraArguments = {}, QObject* parent = nullptr);
    ~LocalProcessTransport() override;

    void start() override;
    void sendLine(const QByteArray& line) override;
    void stop() override;
    QString describe() const override;

    // certdeck-bot next to the running executable, or $CERTDECK_BOT_BINARY.
    static QString defaultBotBinary();

private:
    void readStdout();
    QString m_binary;
    QStringList m_arguments;
    QProcess m_process;
    QByteArray m_buffer;
};

} // namespace certdeck::bots
