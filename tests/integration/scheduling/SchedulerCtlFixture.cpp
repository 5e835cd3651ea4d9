#include "tests/integration/scheduling/SchedulerCtlFixture.h"

#include "engine/crypto/TlsProbe.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/JobRepository.h"
#include "engine/store/ProvisioningConfigRepository.h"
#include "engine/store/SqlSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlQuery>

namespace certdeck::test {

SchedulerCtlFixture::SchedulerCtlFixture(QString dir, QString tag)
    : m_dir(std::move(dir))
    , m_tag(std::move(tag))
    , m_url(QStringLiteral("sqlite:") + m_dir + QStringLiteral("/inventory.db"))
    , m_caName(QStringLiteral("sched-%1-%2").arg(m_tag).arg(QCoreApplication::applicationPid()))
{
}

CtlRun SchedulerCtlFixture::ctl(const QStringList& arguments, int timeoutMs) const
{
    QProcess process;
    process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                  QStringList{QStringLiteral("--database"), m_url} + arguments);
    if (!process.waitForStarted(10000)) {
        return {-1, {}, QStringLiteral("certdeckctl did not start")};
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return {-1, QString::fromUtf8(process.readAllStandardOutput()), QStringLiteral("certdeckctl timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QProcess* SchedulerCtlFixture::startCtl(const QStringList& arguments) const
{
    auto* process = new QProcess;
    process->start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                   QStringList{QStringLiteral("--database"), m_url} + arguments);
    process->closeWriteChannel();
    return process;
}

bool SchedulerCtlFixture::prepare(QString* error)
{
    const CtlRun init = ctl({QStringLiteral("init")});
    if (init.exitCode != 0) {
        *error = QStringLiteral("init: ") + init.all();
        return false;
    }
    const CtlRun ca = ctl({QStringLiteral("ca"), QStringLiteral("create"), QStringLiteral("--name"), m_caName,
                           QStringLiteral("--cn"), QStringLiteral("CertDeck Scheduler Test CA")});
    if (ca.exitCode != 0) {
        *error = QStringLiteral("ca create: ") + ca.all();
        return false;
    }
    auto db = store::Database::open(m_url);
    if (!db.ok()) {
        *error = db.message();
        return false;
    }
    m_db = db.value();
    return true;
}

qint64 SchedulerCtlFixture::addCertificate(const QString& commonName, const InitialSite& site,
                                           const WebServerFixture* nginx, QString* error) const
{
    QStringList arguments{QStringLiteral("cert"),          QStringLiteral("add"),
                          QStringLiteral("--cn"),          commonName,
                          QStringLiteral("--ca"),          m_caName,
                          QStringLiteral("--server-type"), QStringLiteral("nginx"),
                          QStringLiteral("--field"),       QStringLiteral("certificateFile=") + site.certificateFile,
                          QStringLiteral("--field"),       QStringLiteral("keyFile=") + site.keyFile};
    if (nginx) {
        arguments << QStringLiteral("--field") << QStringLiteral("configFile=") + nginx->configFile()
                  << QStringLiteral("--field") << QStringLiteral("prefix=") + nginx->directory()
                  << QStringLiteral("--field") << QStringLiteral("nginxBinary=") + nginx->binary()
                  << QStringLiteral("--endpoint") << QStringLiteral("127.0.0.1:%1").arg(nginx->port());
    }
    const CtlRun added = ctl(arguments);
    if (added.exitCode != 0) {
        *error = QStringLiteral("cert add: ") + added.all();
        return 0;
    }
    return added.out.trimmed().toLongLong();
}

bool SchedulerCtlFixture::deployedSite(const QString& name, ManagedSite* out, QString* error) const
{
    const QString dir = m_dir + QLatin1Char('/') + name;
    if (!makeInitialSite(dir, name, &out->site, error)) {
        return false;
    }
    out->nginx = std::make_unique<WebServerFixture>(WebServerFixture::Server::Nginx, dir);
    auto started = out->nginx->start({out->site.certificateFile, out->site.keyFile, {}, out->site.serverName});
    if (!started.ok()) {
        *error = started.message();
        return false;
    }
    out->id = addCertificate(name, out->site, out->nginx.get(), error);
    if (out->id == 0) {
        return false;
    }
    for (const QString& action : {QStringLiteral("issue"), QStringLiteral("deploy")}) {
        const CtlRun run = ctl({action, QString::number(out->id)});
        if (run.exitCode != 0) {
            *error = action + QStringLiteral(": ") + run.all();
            return false;
        }
    }
    return true;
}

bool SchedulerCtlFixture::editSchedule(qint64 id, const std::function<void(ProvisioningSchedule&)>& edit,
                                       QString* error) const
{
    const store::ProvisioningConfigRepository configs(*m_db);
    auto config = configs.find(id);
    if (!config.ok() || !config->has_value()) {
        *error = config.ok() ? QStringLiteral("no configuration") : config.message();
        return false;
    }
    ProvisioningConfig changed = config->value();
    edit(changed.schedule);
    const Status saved = configs.save(id, changed);
    if (!saved.ok()) {
        *error = saved.message();
        return false;
    }
    return true;
}

CertificateRecord SchedulerCtlFixture::record(qint64 id) const
{
    auto found = store::CertificateRepository(*m_db).find(id);
    return found.ok() && found->has_value() ? found->value() : CertificateRecord{};
}

QList<Job> SchedulerCtlFixture::jobs(qint64 id) const
{
    auto found = store::JobRepository(*m_db).forCertificate(id);
    return found.ok() ? found.value() : QList<Job>{};
}

int SchedulerCtlFixture::countJobs(qint64 id, JobAction action) const
{
    int count = 0;
    for (const Job& job : jobs(id)) {
        count += job.action == action ? 1 : 0;
    }
    return count;
}

int SchedulerCtlFixture::countRows(const QString& table) const
{
    auto value = store::sql::scalar(m_db->connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table, {},
                                    QStringLiteral("count rows"));
    return value.ok() ? value->toInt() : -1;
}

QString SchedulerCtlFixture::served(int port, const QString& serverName)
{
    auto probe = crypto::probeTls({QStringLiteral("127.0.0.1"), port, serverName}, 5000);
    return probe.ok() ? probe->leafFingerprintSha256 : QStringLiteral("probe failed: ") + probe.message();
}

} // namespace certdeck::test
