#include "app/certdeck-bot/StdinReader.h"

#include <cerrno>
#include <unistd.h>

namespace certdeck::bot {

void StdinReader::run()
{
    QByteArray buffer;
    bool discarding = false; // inside an oversized line: drop bytes up to its newline
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        buffer.append(chunk, n);
        qsizetype start = 0;
        for (;;) {
            const qsizetype newline = buffer.indexOf('\n', start);
            if (newline < 0) {
                break;
            }
            if (discarding) {
                discarding = false;
            } else {
                const QByteArray line = buffer.mid(start, newline - start);
                if (!line.trimmed().isEmpty()) {
                    Q_EMIT lineRead(line);
                }
            }
            start = newline + 1;
        }
        buffer.remove(0, start);
        if (buffer.size() > kMaxLineBytes) {
            buffer.clear();
            if (!discarding) {
                discarding = true;
                Q_EMIT lineTooLong();
            }
        }
    }
    Q_EMIT endOfInput();
}

} // namespace certdeck::bot
