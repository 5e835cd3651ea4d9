#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

namespace certdeck::bots {

// How bytes reach a bot: a local child process now, an SSH exec channel later. Line oriented.
class BotTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~BotTransport() override = default;

    virtual void start() = 0;                          // emits started() or failed()
    virtual void sendLine(const QByteArray& line) = 0; // line without '\n'
    virtual void stop() = 0;
    virtual QString describe() const = 0; // "local bot", "ssh alice@host:22"

Q_SIGNALS:
    void started();
    void lineReceived(const QByteArray& line);
    void failed(const QString& message); // could not start, or died
    void closed();
};

} // namespace certdeck::bots
