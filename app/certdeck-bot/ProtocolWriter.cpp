#include "app/certdeck-bot/ProtocolWriter.h"

#include "engine/core/Log.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace certdeck::bot {

ProtocolWriter::ProtocolWriter()
{
    m_fd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (m_fd >= 0) {
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
    } else {
        m_fd = STDOUT_FILENO;
    }
}

ProtocolWriter::~ProtocolWriter()
{
    if (m_fd > STDERR_FILENO) {
        ::close(m_fd);
    }
}

bool ProtocolWriter::writeLine(const QByteArray& line)
{
    QByteArray framed = line;
    framed.append('\n');
    std::lock_guard lock(m_mutex);
    if (m_broken) {
        return false;
    }
    qsizetype written = 0;
    while (written < framed.size()) {
        const ssize_t n = ::write(m_fd, framed.constData() + written, static_cast<size_t>(framed.size() - written));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            m_broken = true;
            log::get("bot")->warn("the console no longer reads the bot's output; answers are dropped");
            return false;
        }
        written += n;
    }
    return true;
}

} // namespace certdeck::bot
