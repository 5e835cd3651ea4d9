#include "tests/integration/store/PostgresCluster.h"

#include "engine/store/Database.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::test {
namespace {

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0) {
        return false;
    }
    // A zombie (not our child, not reaped yet) counts as gone.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const int close = line.lastIndexOf(')');
        if (close > 0 && close + 2 < line.size() && line.at(close + 2) == 'Z') {
            return false;
        }
    }
    return true;
}

} // namespace

PostgresCluster::~PostgresCluster()
{
    stop();
}

QString PostgresCluster::binDir()
{
    for (const char* version : {"15", "16", "17", "14", "13"}) {
        const QString dir = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(QLatin1String(version));
        if (QFile::exists(dir + QStringLiteral("/initdb")) && QFile::exists(dir + QStringLiteral("/pg_ctl"))) {
            return dir;
        }
    }
    return {};
}

Status PostgresCluster::run(const QString& program, const QStringList& arguments, int timeoutMs) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    if (runningAsRoot()) {
        process.setProgram(QStringLiteral("runuser"));
        process.setArguments(
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + arguments);
    } else {
        process.setProgram(program);
        process.setArguments(arguments);
    }
    process.start();
    if (!process.waitForStarted(10000)) {
        return fail(QStringLiteral("Could not start %1: %2").arg(process.program(), process.errorString()));
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return fail(
            QStringLiteral("%1 did not finish in time: %2").arg(program, QString::fromLocal8Bit(process.readAll())));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(QStringLiteral("%1 failed (exit %2): %3")
                        .arg(program)
                        .arg(process.exitCode())
                        .arg(QString::fromLocal8Bit(process.readAll())));
    }
    return {};
}

Status PostgresCluster::start(const Options& options)
{
    m_bin = binDir();
    if (m_bin.isEmpty()) {
        return fail(QStringLiteral("PostgreSQL is not installed"));
    }
    if (!m_dir.isValid()) {
        return fail(QStringLiteral("no temporary directory"));
    }
    if (runningAsRoot()) {
        const passwd* postgres = ::getpwnam("postgres");
        if (!postgres) {
            return fail(QStringLiteral("running as root, but there is no `postgres` user to run PostgreSQL as"));
        }
        if (::chown(QFile::encodeName(m_dir.path()).constData(), postgres->pw_uid, postgres->pw_gid) != 0) {
            return fail(QStringLiteral("could not hand %1 to the postgres user").arg(m_dir.path()));
        }
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (Status init = run(m_bin + QStringLiteral("/initdb"),
                          {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("certdeck"),
                           QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                           QStringLiteral("--no-locale"), QStringLiteral("--no-sync")},
                          180000);
        !init) {
        return init;
    }
    m_port = freeLoopbackPort();
    QFile conf(data + QStringLiteral("/postgresql.conf"));
    if (!conf.open(QIODevice::Append | QIODevice::Text)) {
        return fail(QStringLiteral("could not extend %1").arg(conf.fileName()));
    }
    conf.write(QStringLiteral("\n# certdeck test cluster\nport = %1\nlisten_addresses = '%3'\n"
                              "unix_socket_directories = '%2'\nfsync = off\nsynchronous_commit = off\n"
                              "full_page_writes = off\nmax_connections = 50\n")
                   .arg(m_port)
                   .arg(m_dir.path(), options.listenAddresses.join(QLatin1Char(',')))
                   .toUtf8());
    if (!options.sslCertFile.isEmpty() && !options.sslKeyFile.isEmpty()) {
        // The server reads its key only when the key is its own and private.
        const QString cert = data + QStringLiteral("/server.crt");
        const QString key = data + QStringLiteral("/server.key");
        if (!QFile::copy(options.sslCertFile, cert) || !QFile::copy(options.sslKeyFile, key)) {
            return fail(QStringLiteral("could not copy the server certificate and key into the cluster"));
        }
        ::chmod(QFile::encodeName(key).constData(), 0600);
        if (runningAsRoot()) {
            const passwd* postgres = ::getpwnam("postgres");
            for (const QString& file : {cert, key}) {
                if (::chown(QFile::encodeName(file).constData(), postgres->pw_uid, postgres->pw_gid) != 0) {
                    return fail(QStringLiteral("could not hand %1 to the postgres user").arg(file));
                }
            }
        }
        conf.write(QStringLiteral("ssl = on\nssl_cert_file = '%1'\nssl_key_file = '%2'\n").arg(cert, key).toUtf8());
    }
    conf.close();
    if (!options.hbaLines.isEmpty()) {
        QFile hba(data + QStringLiteral("/pg_hba.conf"));
        if (!hba.open(QIODevice::ReadOnly)) {
            return fail(QStringLiteral("could not read %1").arg(hba.fileName()));
        }
        const QByteArray rest = hba.readAll();
        hba.close();
        if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return fail(QStringLiteral("could not write %1").arg(hba.fileName()));
        }
        hba.write(options.hbaLines.join(QLatin1Char('\n')).toUtf8() + "\n" + rest);
    }
    if (Status started =
            run(m_bin + QStringLiteral("/pg_ctl"),
                {QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir.filePath(QStringLiteral("log")),
                 QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("start")},
                90000);
        !started) {
        QFile log(m_dir.filePath(QStringLiteral("log")));
        log.open(QIODevice::ReadOnly);
        return fail(started.message() + QStringLiteral("\n") + QString::fromLocal8Bit(log.readAll()));
    }
    QFile pidFile(data + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly)) {
        return fail(QStringLiteral("PostgreSQL started but wrote no postmaster.pid"));
    }
    m_pid = pidFile.readLine().trimmed().toLongLong();
    return m_pid > 0 ? Status() : Status(fail(QStringLiteral("unreadable postmaster.pid")));
}

void PostgresCluster::stop()
{
    if (m_pid <= 0) {
        return;
    }
    ::kill(static_cast<pid_t>(m_pid), SIGINT); // "fast" shutdown
    QDeadlineTimer deadline(30000);
    while (processAlive(m_pid) && !deadline.hasExpired()) {
        QThread::msleep(50);
    }
    if (processAlive(m_pid)) {
        ::kill(static_cast<pid_t>(m_pid), SIGKILL);
    }
    m_pid = 0;
}

Result<std::shared_ptr<store::Database>> PostgresCluster::openFreshDatabase(const QString& prefix, bool migrated)
{
    const QString name = QStringLiteral("%1_%2").arg(prefix).arg(++m_databases);
    if (Status created = createDatabase(name); !created) {
        return created.error();
    }
    return migrated ? store::Database::open(url(name)) : store::Database::openUnmigrated(url(name));
}

Status PostgresCluster::createDatabase(const QString& name) const
{
    return execAdmin(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
}

Status PostgresCluster::execAdmin(const QString& statement) const
{
    const QString connectionName = QStringLiteral("pg-admin-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Status status;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_port);
        db.setUserName(QStringLiteral("certdeck"));
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open()) {
            status = fail(QStringLiteral("could not connect to the test cluster: ") + db.lastError().text());
        } else {
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                status = fail(QStringLiteral("%1 failed: %2")
                                  .arg(statement.section(QLatin1Char(' '), 0, 1), query.lastError().text()));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return status;
}

QString PostgresCluster::url(const QString& database) const
{
    return QStringLiteral("postgresql://certdeck@127.0.0.1:%1/%2").arg(m_port).arg(database);
}

} // namespace certdeck::test
