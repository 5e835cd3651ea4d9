#include "DeployTestBench.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslSocket>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::test {

namespace {

bool writeFile(const QString& path, const QByteArray& content, unsigned mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

FileSnapshot FileSnapshot::of(const QString& path)
{
    FileSnapshot snapshot;
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        return snapshot;
    }
    snapshot.exists = true;
    snapshot.mode = info.st_mode & 07777;
    snapshot.uid = info.st_uid;
    snapshot.gid = info.st_gid;
    snapshot.content = readFile(path);
    return snapshot;
}

QString FileSnapshot::describe() const
{
    if (!exists) {
        return QStringLiteral("(missing)");
    }
    return QStringLiteral("%1 bytes, mode %2, owner %3:%4, sha-256 prefix %5")
        .arg(content.size())
        .arg(mode, 4, 8, QLatin1Char('0'))
        .arg(uid)
        .arg(gid)
        .arg(QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex().left(12)));
}

DeployTestBench::DeployTestBench(WebServerFixture::Server server)
    : m_serverKind(server)
{
}

bool DeployTestBench::openssl(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_pki);
    process.start(findProgram(QStringLiteral("openssl")), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        m_lastError = QStringLiteral("openssl %1 failed: %2")
                          .arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

QString DeployTestBench::fingerprintOf(const QString& certificateFile)
{
    QProcess process;
    process.start(findProgram(QStringLiteral("openssl")),
                  {QStringLiteral("x509"), QStringLiteral("-in"), certificateFile, QStringLiteral("-noout"),
                   QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
    process.waitForFinished(30000);
    const QString line = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
    return line.section(QLatin1Char('='), 1).remove(QLatin1Char(':')).toLower();
}

IssuedCertificate DeployTestBench::issue(const QString& commonName)
{
    const QString name = QStringLiteral("leaf%1").arg(++m_serial);
    QFile ext(m_pki + QLatin1Char('/') + name + QStringLiteral(".ext"));
    ext.open(QIODevice::WriteOnly);
    ext.write(QStringLiteral("basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
                             "subjectAltName=DNS:%1\n")
                  .arg(commonName)
                  .toUtf8());
    ext.close();
    IssuedCertificate issued;
    if (!openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                  QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                  name + QStringLiteral(".csr"), QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName}) ||
        !openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                  QStringLiteral("-CA"), QStringLiteral("int.pem"), QStringLiteral("-CAkey"), QStringLiteral("int.key"),
                  QStringLiteral("-set_serial"), QString::number(1000 + m_serial), QStringLiteral("-days"),
                  QStringLiteral("2"), QStringLiteral("-extfile"), name + QStringLiteral(".ext"),
                  QStringLiteral("-out"), name + QStringLiteral(".pem")})) {
        return issued;
    }
    issued.certificatePem = readFile(m_pki + QLatin1Char('/') + name + QStringLiteral(".pem"));
    issued.keyPem = readFile(m_pki + QLatin1Char('/') + name + QStringLiteral(".key"));
    issued.fingerprint = fingerprintOf(m_pki + QLatin1Char('/') + name + QStringLiteral(".pem"));
    return issued;
}

Status DeployTestBench::setUp(bool separateChainFile)
{
    tearDown();
    m_separateChain = separateChainFile;
    m_root = m_temp.path() + QStringLiteral("/run%1").arg(m_serial);
    m_pki = m_root + QStringLiteral("/pki");
    for (const QString& dir :
         {QStringLiteral("pki"), QStringLiteral("certs"), QStringLiteral("keys"), QStringLiteral("server")}) {
        QDir().mkpath(m_root + QLatin1Char('/') + dir);
    }
    QFile caExt(m_pki + QStringLiteral("/ca.ext"));
    caExt.open(QIODevice::WriteOnly);
    caExt.write("basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n");
    caExt.close();
    const QStringList ec = {QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                            QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes")};
    if (!openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                 QStringList{QStringLiteral("-keyout"), QStringLiteral("root.key"), QStringLiteral("-out"),
                             QStringLiteral("root.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                             QStringLiteral("-subj"), QStringLiteral("/CN=CertDeck Test Root")}) ||
        !openssl(QStringList{QStringLiteral("req"), QStringLiteral("-new")} + ec +
                 QStringList{QStringLiteral("-keyout"), QStringLiteral("int.key"), QStringLiteral("-out"),
                             QStringLiteral("int.csr"), QStringLiteral("-subj"),
                             QStringLiteral("/CN=CertDeck Test Intermediate")}) ||
        !openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("int.csr"),
                  QStringLiteral("-CA"), QStringLiteral("root.pem"), QStringLiteral("-CAkey"),
                  QStringLiteral("root.key"), QStringLiteral("-set_serial"), QStringLiteral("2"),
                  QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("ca.ext"),
                  QStringLiteral("-out"), QStringLiteral("int.pem")})) {
        return fail(m_lastError);
    }
    m_chainPem = readFile(m_pki + QStringLiteral("/int.pem"));
    m_old = issue(QStringLiteral("www.example.test"));
    m_new = issue(QStringLiteral("www.example.test"));
    if (m_old.fingerprint.isEmpty() || m_new.fingerprint.isEmpty()) {
        return fail(m_lastError);
    }

    // The old material, with a mode and an owner that the deployer would not choose itself, so that a
    // restore that recreates files instead of restoring them shows.
    const QByteArray oldCertificate = m_separateChain ? m_old.certificatePem : m_old.certificatePem + m_chainPem;
    if (!writeFile(certificateFile(), oldCertificate, 0640) || !writeFile(keyFile(), m_old.keyPem, 0600) ||
        (m_separateChain && !writeFile(chainFile(), m_chainPem, 0640))) {
        return fail(QStringLiteral("cannot write the old material under %1").arg(m_root));
    }
    if (::getuid() == 0) {
        if (::chown(QFile::encodeName(certificateFile()).constData(), 33, 33) != 0) {
            return fail(QStringLiteral("cannot chown %1").arg(certificateFile()));
        }
    }
    m_oldCertificateFile = FileSnapshot::of(certificateFile());
    m_oldKeyFile = FileSnapshot::of(keyFile());
    m_oldChainFile = FileSnapshot::of(chainFile());

    m_server = std::make_unique<WebServerFixture>(m_serverKind, m_root + QStringLiteral("/server"));
    TlsSite site;
    site.certificateFile = certificateFile();
    site.keyFile = keyFile();
    site.chainFile = chainFile();
    if (Status started = m_server->start(site); !started) {
        return started;
    }
    const QString served = servedFingerprint();
    if (served != m_old.fingerprint) {
        return fail(
            QStringLiteral("the server serves %1 instead of the old certificate %2").arg(served, m_old.fingerprint));
    }
    return {};
}

void DeployTestBench::tearDown()
{
    m_server.reset();
}

deploy::DeployRequest DeployTestBench::requestFor(const IssuedCertificate& certificate) const
{
    deploy::DeployRequest request;
    request.certificatePem = certificate.certificatePem;
    request.chainPem = m_chainPem;
    request.keyPem = certificate.keyPem;
    request.expectedFingerprint = certificate.fingerprint;
    request.verifyHost = QStringLiteral("127.0.0.1");
    request.verifyPort = m_server ? m_server->port() : 0;
    request.verifyServerName = QStringLiteral("www.example.test");
    request.verifyTimeoutMs = 10000;
    QVariantMap& fields = request.fields;
    fields[QStringLiteral("certificateFile")] = certificateFile();
    fields[QStringLiteral("keyFile")] = keyFile();
    fields[QStringLiteral("backupDirectory")] = stateDirectory();
    if (m_serverKind == WebServerFixture::Server::Nginx) {
        fields[QStringLiteral("nginxBinary")] = m_server->binary();
        fields[QStringLiteral("prefix")] = m_server->directory();
        fields[QStringLiteral("configFile")] = m_server->configFile();
    } else {
        fields[QStringLiteral("apacheBinary")] = m_server->binary();
        fields[QStringLiteral("serverRoot")] = m_server->directory();
        fields[QStringLiteral("configFile")] = m_server->configFile();
        fields[QStringLiteral("chainFile")] = chainFile();
    }
    return request;
}

QString DeployTestBench::servedFingerprint() const
{
    return m_server ? test::servedFingerprint(m_server->port(), QStringLiteral("www.example.test")) : QString();
}

QString DeployTestBench::waitUntilServed(const QString& fingerprint, int timeoutMs) const
{
    return m_server
               ? test::waitUntilServed(m_server->port(), QStringLiteral("www.example.test"), fingerprint, timeoutMs)
               : QString();
}

bool DeployTestBench::filesUnchanged(QString* difference) const
{
    const struct
    {
        QString path;
        const FileSnapshot& before;
    } files[] = {{certificateFile(), m_oldCertificateFile}, {keyFile(), m_oldKeyFile}, {chainFile(), m_oldChainFile}};
    QStringList differences;
    for (const auto& file : files) {
        if (file.path.isEmpty()) {
            continue;
        }
        const FileSnapshot now = FileSnapshot::of(file.path);
        if (!(now == file.before)) {
            differences << QStringLiteral("%1: was %2, is %3").arg(file.path, file.before.describe(), now.describe());
        }
    }
    *difference = differences.join(QLatin1Char('\n'));
    return differences.isEmpty();
}

} // namespace certdeck::test
