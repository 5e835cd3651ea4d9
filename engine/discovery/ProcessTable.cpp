#include "engine/discovery/ProcessTable.h"

#include "engine/discovery/HostCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <optional>

namespace certdeck::discovery {
namespace {

std::optional<QByteArray> readSmallFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    return file.read(1024 * 1024);
}

QString readLink(const QString& path)
{
    return QFileInfo(path).symLinkTarget();
}

// "Uid:\treal\teffective\t..." from /proc/<pid>/status.
qint64 realUid(const QByteArray& status)
{
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith("Uid:")) {
            const QList<QByteArray> fields = line.mid(4).simplified().split(' ');
            bool ok = false;
            const qint64 uid = fields.value(0).toLongLong(&ok);
            return ok ? uid : -1;
        }
    }
    return -1;
}

// "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
qint64 parentPid(const QByteArray& stat)
{
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0) {
        return 0;
    }
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

std::optional<ProcessInfo> readProcess(const QString& procRoot, qint64 pid)
{
    const QString dir = QStringLiteral("%1/%2").arg(procRoot).arg(pid);
    const std::optional<QByteArray> stat = readSmallFile(dir + QStringLiteral("/stat"));
    if (!stat) {
        return std::nullopt; // gone
    }
    ProcessInfo info;
    info.pid = pid;
    info.ppid = parentPid(*stat);
    info.uid = realUid(readSmallFile(dir + QStringLiteral("/status")).value_or(QByteArray()));
    info.comm = QString::fromLocal8Bit(readSmallFile(dir + QStringLiteral("/comm")).value_or(QByteArray()).trimmed());
    info.exe = readLink(dir + QStringLiteral("/exe"));
    info.workingDirectory = readLink(dir + QStringLiteral("/cwd"));
    QByteArray cmdline = readSmallFile(dir + QStringLiteral("/cmdline")).value_or(QByteArray());
    while (cmdline.endsWith('\0')) {
        cmdline.chop(1);
    }
    if (!cmdline.isEmpty()) {
        info.argv = cmdline.split('\0');
    }
    return info;
}

} // namespace

QStringList ProcessInfo::arguments() const
{
    QStringList list;
    list.reserve(argv.size());
    for (const QByteArray& argument : argv) {
        list.append(QString::fromLocal8Bit(argument));
    }
    return list;
}

QString ProcessInfo::commandLine() const
{
    return arguments().join(QLatin1Char(' '));
}

QString ProcessInfo::programName() const
{
    if (!exe.isEmpty()) {
        QString name = QFileInfo(exe).fileName();
        name.remove(QStringLiteral(" (deleted)"));
        return name;
    }
    if (!argv.isEmpty()) {
        QString first = QString::fromLocal8Bit(argv.first());
        const qsizetype cut = first.indexOf(QRegularExpression(QStringLiteral("[: ]")));
        if (cut > 0) {
            first.truncate(cut);
        }
        const QString name = QFileInfo(first).fileName();
        if (!name.isEmpty()) {
            return name;
        }
    }
    return comm;
}

ProcessTable ProcessTable::read(const QString& procRoot)
{
    QList<ProcessInfo> processes;
    const QStringList entries = QDir(procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric) {
            continue;
        }
        if (std::optional<ProcessInfo> info = readProcess(procRoot, pid)) {
            processes.append(std::move(*info));
        }
    }
    return fromList(std::move(processes));
}

ProcessTable ProcessTable::fromList(QList<ProcessInfo> processes)
{
    ProcessTable table;
    table.m_processes = std::move(processes);
    for (qsizetype i = 0; i < table.m_processes.size(); ++i) {
        const ProcessInfo& info = table.m_processes.at(i);
        table.m_index.insert(info.pid, i);
        table.m_children[info.ppid].append(info.pid);
    }
    return table;
}

const ProcessInfo* ProcessTable::find(qint64 pid) const
{
    const auto it = m_index.constFind(pid);
    return it == m_index.cend() ? nullptr : &m_processes.at(*it);
}

QList<qint64> ProcessTable::withDescendants(qint64 pid) const
{
    QList<qint64> result{pid};
    for (qsizetype i = 0; i < result.size() && i < 100000; ++i) {
        for (qint64 child : m_children.value(result.at(i))) {
            if (!result.contains(child)) {
                result.append(child);
            }
        }
    }
    return result;
}

QStringList runningServiceUnits(int timeoutMs)
{
    const QByteArray init = readSmallFile(QStringLiteral("/proc/1/comm")).value_or(QByteArray()).trimmed();
    if (init != "systemd") {
        return {};
    }
    const HostCommandOutput output =
        runHostCommand(QStringLiteral("systemctl"),
                       {QStringLiteral("list-units"), QStringLiteral("--type=service"),
                        QStringLiteral("--state=running"), QStringLiteral("--no-legend"), QStringLiteral("--plain")},
                       timeoutMs);
    if (!output.problem.isEmpty() || output.exitCode != 0) {
        return {};
    }
    QStringList units;
    for (const QString& line : grepLines(output.standardOutput, QStringLiteral("^\\S+\\.service\\s"))) {
        units.append(line.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty));
    }
    return units;
}

} // namespace certdeck::discovery
