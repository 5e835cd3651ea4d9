#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::discovery {

// One process of the host, as /proc shows it.
struct ProcessInfo
{
    qint64 pid = 0;
    qint64 ppid = 0;
    qint64 uid = -1;
    QString exe;              // readlink of /proc/<pid>/exe; empty when not readable (kernel thread, permission)
    QList<QByteArray> argv;   // /proc/<pid>/cmdline split on NUL, raw bytes (any content is tolerated)
    QString comm;             // /proc/<pid>/comm
    QString workingDirectory; // readlink of /proc/<pid>/cwd; empty when not readable

    QStringList arguments() const; // argv decoded with the local 8-bit codec (lossy for non-UTF-8 bytes)
    QString commandLine() const;   // arguments joined with spaces, for evidence texts
    // The program's base name: of exe, else of argv[0] (up to the first ':' or space, for retitled processes
    // such as "nginx: master process ..."), else comm.
    QString programName() const;
};

// A snapshot of the host's processes. Reading it never executes anything.
class ProcessTable
{
public:
    // Reads every numeric entry of `procRoot` (processes that vanish while reading are skipped).
    static ProcessTable read(const QString& procRoot = QStringLiteral("/proc"));
    static ProcessTable fromList(QList<ProcessInfo> processes); // for tests

    const QList<ProcessInfo>& processes() const { return m_processes; }
    const ProcessInfo* find(qint64 pid) const;
    // pid and every process below it (children, their children ...).
    QList<qint64> withDescendants(qint64 pid) const;

private:
    QList<ProcessInfo> m_processes;
    QHash<qint64, qsizetype> m_index;
    QHash<qint64, QList<qint64>> m_children;
};

// The names of the running systemd service units ("nginx.service"), from `systemctl list-units --type=service
// --state=running --no-legend --plain`, run only when systemd is PID 1 (empty otherwise, and when it fails).
QStringList runningServiceUnits(int timeoutMs);

} // namespace certdeck::discovery
