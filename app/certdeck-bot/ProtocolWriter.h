#pragma once

#include <QByteArray>

#include <mutex>

namespace certdeck::bot {

// Writes protocol lines to the console, one whole line per write, from any thread.
// It owns a duplicate of the original stdout; fd 1 itself is pointed at stderr so that nothing else
// (a library, a child process that inherits it) can corrupt the protocol stream.
class ProtocolWriter
{
public:
    ProtocolWriter();
    ~ProtocolWriter();
    ProtocolWriter(const ProtocolWriter&) = delete;
    ProtocolWriter& operator=(const ProtocolWriter&) = delete;

    // Appends '\n'. Returns false when the console is gone (the write failed); callers carry on.
    bool writeLine(const QByteArray& line);

private:
    std::mutex m_mutex;
    int m_fd = -1;
    bool m_broken = false;
};

} // namespace certdeck::bot
