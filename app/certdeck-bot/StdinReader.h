#pragma once

#include <QByteArray>
#include <QThread>

namespace certdeck::bot {

// Reads the console's requests from stdin on its own thread (blocking reads), one signal per line, so the
// event loop never waits for input. Emits endOfInput() when the console closes the channel.
class StdinReader : public QThread
{
    Q_OBJECT
public:
    using QThread::QThread;

    static constexpr qsizetype kMaxLineBytes = 64 * 1024 * 1024;

Q_SIGNALS:
    void lineRead(const QByteArray& line);
    void lineTooLong();
    void endOfInput();

protected:
    void run() override;
};

} // namespace certdeck::bot
