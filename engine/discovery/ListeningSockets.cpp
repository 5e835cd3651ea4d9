#include "engine/discovery/ListeningSockets.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>

#include <algorithm>

#include <unistd.h>

namespace certdeck::discovery {
namespace {

constexpr auto kListenState = "0A";

// /proc/net/tcp prints addresses as the host-order words of the in-memory address in hex.
QString decodeAddress(const QByteArray& hex, bool ipv6)
{
    const QByteArray raw = QByteArray::fromHex(hex);
    if (!ipv6 && raw.size() == 4) {
        return QStringLiteral("%1.%2.%3.%4")
            .arg(quint8(raw[3]))
            .arg(quint8(raw[2]))
            .arg(quint8(raw[1]))
            .arg(quint8(raw[0]));
    }
    if (ipv6 && raw.size() == 16) {
        Q_IPV6ADDR address;
        for (int word = 0; word < 4; ++word) {
            for (int byte = 0; byte < 4; ++byte) {
                address[word * 4 + byte] = quint8(raw[word * 4 + 3 - byte]);
            }
        }
        return QHostAddress(address).toString();
    }
    return {};
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QList<ListeningSocket> ListeningSockets::parseProcNetTcp(const QByteArray& text, bool ipv6)
{
    QList<ListeningSocket> sockets;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() < 10 || fields.at(3) != kListenState) {
            continue;
        }
        const QList<QByteArray> local = fields.at(1).split(':');
        if (local.size() != 2) {
            continue;
        }
        bool portOk = false;
        bool inodeOk = false;
        ListeningSocket socket;
        socket.address = decodeAddress(local.at(0), ipv6);
        socket.port = local.at(1).toInt(&portOk, 16);
        socket.inode = fields.at(9).toULongLong(&inodeOk);
        if (portOk && inodeOk) {
            sockets.append(socket);
        }
    }
    return sockets;
}

ListeningSockets ListeningSockets::read(const QString& procRoot)
{
    ListeningSockets result;
    result.m_sockets = parseProcNetTcp(readAll(procRoot + QStringLiteral("/net/tcp")), false);
    result.m_sockets += parseProcNetTcp(readAll(procRoot + QStringLiteral("/net/tcp6")), true);
    QHash<quint64, qsizetype> byInode;
    for (qsizetype i = 0; i < result.m_sockets.size(); ++i) {
        byInode.insert(result.m_sockets.at(i).inode, i);
    }
    if (byInode.isEmpty()) {
        return result;
    }
    const QStringList entries = QDir(procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric) {
            continue;
        }
        const QDir fdDir(QStringLiteral("%1/%2/fd").arg(procRoot, entry));
        for (const QString& fd : fdDir.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
            char buffer[64] = {};
            const ssize_t length =
                ::readlink(QFile::encodeName(fdDir.filePath(fd)).constData(), buffer, sizeof(buffer) - 1);
            const QByteArray target(buffer, length > 0 ? length : 0);
            if (!target.startsWith("socket:[") || !target.endsWith(']')) {
                continue;
            }
            const quint64 inode = target.mid(8, target.size() - 9).toULongLong();
            const auto it = byInode.constFind(inode);
            if (it != byInode.cend() && !result.m_sockets[*it].pids.contains(pid)) {
                result.m_sockets[*it].pids.append(pid);
            }
        }
    }
    return result;
}

QList<int> ListeningSockets::portsOf(const QList<qint64>& pids) const
{
    QList<int> ports;
    for (const ListeningSocket& socket : m_sockets) {
        const bool held =
            std::any_of(socket.pids.cbegin(), socket.pids.cend(), [&](qint64 pid) { return pids.contains(pid); });
        if (held && !ports.contains(socket.port)) {
            ports.append(socket.port);
        }
    }
    std::sort(ports.begin(), ports.end());
    return ports;
}

} // namespace certdeck::discovery
