#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace certdeck::discovery {

// One listening TCP socket of the host.
struct ListeningSocket
{
    QString address; // "127.0.0.1", "::", "::1"
    int port = 0;
    quint64 inode = 0;
    QList<qint64> pids; // processes holding the socket open (readable /proc/<pid>/fd only)
};

// The host's listening TCP sockets (state LISTEN in /proc/net/tcp and tcp6), mapped to the processes that hold
// them through /proc/<pid>/fd socket inodes.
class ListeningSockets
{
public:
    static ListeningSockets read(const QString& procRoot = QStringLiteral("/proc"));
    // Parses the text of /proc/net/tcp or tcp6 (for tests); LISTEN rows only, pids left empty.
    static QList<ListeningSocket> parseProcNetTcp(const QByteArray& text, bool ipv6);

    const QList<ListeningSocket>& sockets() const { return m_sockets; }
    // Sorted, distinct ports that any of `pids` listens on.
    QList<int> portsOf(const QList<qint64>& pids) const;

private:
    QList<ListeningSocket> m_sockets;
};

} // namespace certdeck::discovery
