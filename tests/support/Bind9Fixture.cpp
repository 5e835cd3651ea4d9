#include "tests/support/Bind9Fixture.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>

namespace certdeck::test {
namespace {

QString absoluteName(const QString& name, const QString& zone)
{
    if (name == QLatin1String("@")) {
        return zone + QLatin1Char('.');
    }
    if (name.endsWith(QLatin1Char('.'))) {
        return name;
    }
    return name + QLatin1Char('.') + zone + QLatin1Char('.');
}

Status writeFile(const QString& path, const QByteArray& content, QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    file.setPermissions(permissions);
    return {};
}

} // namespace

Bind9Fixture::Bind9Fixture()
    : Bind9Fixture(Options())
{
}

Bind9Fixture::Bind9Fixture(Options options)
    : m_options(std::move(options))
{
    if (m_options.zone.endsWith(QLatin1Char('.'))) {
        m_options.zone.chop(1);
    }
}

Bind9Fixture::~Bind9Fixture()
{
    stop();
}

bool Bind9Fixture::isAvailable(QString* reason)
{
    for (const QString& program : {QStringLiteral("named"), QStringLiteral("dig")}) {
        if (findProgram(program).isEmpty()) {
            if (reason) {
                *reason = QStringLiteral("%1 is not installed (apt-get install -y bind9 bind9-dnsutils)").arg(program);
            }
            return false;
        }
    }
    return true;
}

QString Bind9Fixture::dnsServer() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

QString Bind9Fixture::directory() const
{
    return m_directory ? m_directory->path() : QString();
}

qint64 Bind9Fixture::processId() const
{
    return m_process ? m_process->processId() : 0;
}

bool Bind9Fixture::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString Bind9Fixture::output() const
{
    if (!m_process) {
        return {};
    }
    return QString::fromLocal8Bit(m_process->readAllStandardOutput());
}

Status Bind9Fixture::writeFiles()
{
    const QString dir = m_directory->path();
    const QString zone = m_options.zone;
    QByteArray zoneText = QStringLiteral("$TTL 60\n"
                                         "@ IN SOA ns1.%1. hostmaster.%1. 1 3600 600 86400 60\n"
                                         "@ IN NS ns1.%1.\n"
                                         "ns1.%1. IN A 127.0.0.1\n")
                              .arg(zone)
                              .toUtf8();
    for (const QString& name : m_options.aRecordNames) {
        const QString owner = absoluteName(name, zone);
        if (owner != QStringLiteral("ns1.%1.").arg(zone)) {
            zoneText += QStringLiteral("%1 IN A 127.0.0.1\n").arg(owner).toUtf8();
        }
    }
    Status status = writeFile(dir + QStringLiteral("/zone.db"), zoneText, QFile::ReadOwner | QFile::WriteOwner);
    if (!status) {
        return status;
    }
    const QByteArray config =
        QStringLiteral("options {\n"
                       "    directory \"%1\";\n"
                       "    pid-file \"%1/named.pid\";\n"
                       "    session-keyfile \"%1/session.key\";\n"
                       "    managed-keys-directory \"%1\";\n"
                       "    listen-on { 127.0.0.1; };\n"
                       "    listen-on-v6 { none; };\n"
                       "    recursion no;\n"
                       "    allow-query { any; };\n"
                       "    dnssec-validation no;\n"
                       "    notify no;\n"
                       "};\n"
                       "controls { };\n"
                       "key \"%2\" {\n"
                       "    algorithm %3;\n"
                       "    secret \"%4\";\n"
                       "};\n"
                       "key \"%6\" {\n"
                       "    algorithm %3;\n"
                       "    secret \"%7\";\n"
                       "};\n"
                       "zone \"%5\" {\n"
                       "    type primary;\n"
                       "    file \"%1/zone.db\";\n"
                       "    allow-update { key \"%2\"; };\n"
                       "};\n")
            .arg(dir, m_options.keyName, m_options.algorithm, QString::fromLatin1(m_secret.toBase64()), zone,
                 m_options.unauthorizedKeyName, QString::fromLatin1(m_unauthorizedSecret.toBase64()))
            .toUtf8();
    return writeFile(dir + QStringLiteral("/named.conf"), config, QFile::ReadOwner | QFile::WriteOwner);
}

Status Bind9Fixture::start(int timeoutMs)
{
    QString reason;
    if (!isAvailable(&reason)) {
        return fail(reason);
    }
    stop();
    m_directory = std::make_unique<QTemporaryDir>();
    if (!m_directory->isValid()) {
        return fail(QStringLiteral("cannot create a temporary directory for named"));
    }
    for (QByteArray* secret : {&m_secret, &m_unauthorizedSecret}) {
        secret->resize(32);
        for (char& byte : *secret) {
            byte = char(QRandomGenerator::system()->bounded(256));
        }
    }
    Status status = writeFiles();
    if (!status) {
        return status;
    }
    const QDeadlineTimer deadline(timeoutMs);
    QString lastError;
    // A free TCP port may still be taken for UDP, or taken by someone else before named binds it: try a few.
    for (int attempt = 0; attempt < 3 && !deadline.hasExpired(); ++attempt) {
        m_port = quint16(freeLoopbackPort());
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(m_directory->path());
        // -g: foreground, log to stderr, run as the current user; -n 1: one worker thread is plenty.
        m_process->start(findProgram(QStringLiteral("named")),
                         {QStringLiteral("-g"), QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("-c"),
                          m_directory->filePath(QStringLiteral("named.conf")), QStringLiteral("-p"),
                          QString::number(m_port)});
        if (!m_process->waitForStarted(10000)) {
            lastError = QStringLiteral("named did not start: ") + m_process->errorString();
            m_process.reset();
            continue;
        }
        while (!deadline.hasExpired()) {
            if (m_process->state() != QProcess::Running) {
                break;
            }
            const Result<QStringList> soa = dig(m_options.zone, QStringLiteral("SOA"));
            if (soa && !soa->isEmpty()) {
                return {};
            }
            QThread::msleep(50);
        }
        m_process->waitForFinished(0);
        lastError = QStringLiteral("named on %1 did not answer for zone %2:\n%3")
                        .arg(dnsServer(), m_options.zone, QString::fromLocal8Bit(m_process->readAll()));
        stop();
        m_directory = std::make_unique<QTemporaryDir>();
        status = writeFiles();
        if (!status) {
            return status;
        }
    }
    return fail(lastError);
}

void Bind9Fixture::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to named's own PID
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

Result<QStringList> Bind9Fixture::dig(const QString& name, const QString& type) const
{
    QProcess process;
    process.start(findProgram(QStringLiteral("dig")),
                  {QStringLiteral("@127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                   QStringLiteral("+norecurse"), QStringLiteral("+short"), QStringLiteral("+time=1"),
                   QStringLiteral("+tries=1"), type, name});
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(1000);
        return fail(QStringLiteral("dig did not finish"));
    }
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(QStringLiteral("dig %1 %2 failed (exit %3): %4%5")
                        .arg(type, name)
                        .arg(process.exitCode())
                        .arg(out, QString::fromLocal8Bit(process.readAllStandardError())));
    }
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace certdeck::test
