// CertificateFileReader on real files: PEM bundles (leaf first), DER, PKCS#12 with and without a password, JKS
// through the host's real keytool, and the files a scan cannot read: each gives the right leaf fingerprint or an
// error that says why, and hostile file names are read as they are.
#include "engine/crypto/Pkcs12.h"
#include "engine/discovery/CertificateFileReader.h"
#include "engine/discovery/InventoryImport.h"
#include "engine/discovery/config/ConfigParser.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"
#include "tests/support/TomcatFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;
using namespace certdeck::discovery;

namespace {

int certificatesIn(const QByteArray& pem)
{
    return int(pem.count("-----BEGIN CERTIFICATE-----"));
}

} // namespace

class TestCertificateFileReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pemFullChainLeafFirst();
    void pemBundleStartingWithCaIsTurnedAround();
    void derCertificate();
    void pkcs12WithoutPassword();
    void pkcs12WithPasswordNeedsIt();
    void jksThroughKeytool();
    void unreadableFilesSayWhy();
    void hostileFileName();
    void serversWithRsaAndEcdsaSideBySide();
    void fifoDeviceAndHugeFileAreRefusedWithoutHanging();

private:
    QTemporaryDir m_dir;
    test::TestPki m_pki;
    test::IssuedCert m_leaf;
    CertificateFileReader m_reader;
};

void TestCertificateFileReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir::setCurrent(m_dir.path());
    m_leaf = m_pki.issueLeaf(QStringList{QStringLiteral("reader.test")});
}

void TestCertificateFileReader::pemFullChainLeafFirst()
{
    const test::PemFiles files = test::writePemFiles(m_dir.path(), QStringLiteral("full"), m_leaf, m_pki.caChain());
    const QList<DiscoveredCertificateFile> read = m_reader.read(files.fullChain, QStringLiteral("nginx"));
    QCOMPARE(read.size(), 1);
    QVERIFY2(read.first().error.isEmpty(), qPrintable(read.first().error));
    QCOMPARE(read.first().format, QStringLiteral("PEM"));
    QCOMPARE(read.first().serverType, QStringLiteral("nginx"));
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
    QCOMPARE(certificatesIn(read.first().chainPem), 3);
    QCOMPARE(crypto::Certificate::fromPem(read.first().chainPem)->fingerprintSha256(), m_leaf.cert.fingerprintSha256());
}

void TestCertificateFileReader::pemBundleStartingWithCaIsTurnedAround()
{
    const QByteArray bundle = m_pki.intermediate().cert.toPem() + m_leaf.cert.toPem();
    const QString path = test::writeTestFile(m_dir.path(), QStringLiteral("ca-first.pem"), bundle);
    const QList<DiscoveredCertificateFile> read = m_reader.read(path, QStringLiteral("apache-http"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
    QCOMPARE(certificatesIn(read.first().chainPem), 2);
}

void TestCertificateFileReader::derCertificate()
{
    const QString path = test::writeTestFile(m_dir.path(), QStringLiteral("leaf.der"), m_leaf.cert.toDer());
    const QList<DiscoveredCertificateFile> read = m_reader.read(path, QStringLiteral("tomcat"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().format, QStringLiteral("DER"));
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
}

void TestCertificateFileReader::pkcs12WithoutPassword()
{
    const QString path =
        test::writeTestFile(m_dir.path(), QStringLiteral("open.p12"),
                            test::TomcatFixture::pkcs12WithoutPassword(m_leaf.key, m_leaf.cert, m_pki.caChain()));
    const QList<DiscoveredCertificateFile> read = m_reader.read(path, QStringLiteral("tomcat"));
    QCOMPARE(read.size(), 1);
    QVERIFY2(read.first().error.isEmpty(), qPrintable(read.first().error));
    QCOMPARE(read.first().format, QStringLiteral("PKCS12"));
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
    QCOMPARE(certificatesIn(read.first().chainPem), 3);
}

void TestCertificateFileReader::pkcs12WithPasswordNeedsIt()
{
    const Result<QByteArray> p12 = crypto::writePkcs12(m_leaf.key, m_leaf.cert, m_pki.caChain(), "changeit");
    QVERIFY2(p12.ok(), qPrintable(p12.message()));
    const QString path = test::writeTestFile(m_dir.path(), QStringLiteral("protected.p12"), *p12);
    const QList<DiscoveredCertificateFile> read = m_reader.read(path, QStringLiteral("tomcat"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().format, QStringLiteral("PKCS12"));
    QCOMPARE(read.first().error, QStringLiteral("needs the keystore password"));
    QVERIFY(read.first().chainPem.isEmpty());
    QVERIFY(read.first().fingerprintSha256.isEmpty());
}

void TestCertificateFileReader::jksThroughKeytool()
{
    const QString keytool = test::findProgram(QStringLiteral("keytool"));
    if (keytool.isEmpty()) {
        QSKIP("keytool is not installed (Debian package default-jdk-headless)");
    }
    const QString p12 =
        test::writeTestFile(m_dir.path(), QStringLiteral("for-jks.p12"),
                            test::TomcatFixture::pkcs12WithoutPassword(m_leaf.key, m_leaf.cert, m_pki.caChain()));
    // Test material only: the JKS store password comes from a file, not argv.
    const QString passwordFile = test::writeTestFile(m_dir.path(), QStringLiteral("storepass"), "changeit\n");
    const QString jks = m_dir.filePath(QStringLiteral("store.jks"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(keytool,
                  {QStringLiteral("-importkeystore"), QStringLiteral("-noprompt"), QStringLiteral("-srckeystore"), p12,
                   QStringLiteral("-srcstoretype"), QStringLiteral("PKCS12"), QStringLiteral("-srcstorepass"),
                   QString(), QStringLiteral("-destkeystore"), jks, QStringLiteral("-deststoretype"),
                   QStringLiteral("JKS"), QStringLiteral("-deststorepass:file"), passwordFile});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());

    const QList<DiscoveredCertificateFile> read = m_reader.read(jks, QStringLiteral("jetty"));
    QCOMPARE(read.size(), 1);
    QVERIFY2(read.first().error.isEmpty(), qPrintable(read.first().error));
    QCOMPARE(read.first().format, QStringLiteral("JKS"));
    QCOMPARE(read.first().path, jks + QStringLiteral("#tomcat"));
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
    QCOMPARE(certificatesIn(read.first().chainPem), 3);
}

void TestCertificateFileReader::unreadableFilesSayWhy()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such.pem"));
    QList<DiscoveredCertificateFile> read = m_reader.read(missing, QStringLiteral("nginx"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().path, missing);
    QVERIFY2(read.first().error.contains(QStringLiteral("does not exist")), qPrintable(read.first().error));

    const QString garbage = test::writeTestFile(m_dir.path(), QStringLiteral("garbage.crt"), QByteArray(300, '\x07'));
    read = m_reader.read(garbage, QStringLiteral("nginx"));
    QVERIFY2(read.first().error.contains(QStringLiteral("not a certificate file")), qPrintable(read.first().error));
    QVERIFY(read.first().chainPem.isEmpty());

    const QString keyOnly = test::writeTestFile(m_dir.path(), QStringLiteral("key-only.pem"), m_leaf.key.toPem());
    read = m_reader.read(keyOnly, QStringLiteral("nginx"));
    QVERIFY2(read.first().error.contains(QStringLiteral("no certificate")), qPrintable(read.first().error));

    const QByteArray truncated = m_leaf.cert.toPem().left(200);
    const QString broken = test::writeTestFile(m_dir.path(), QStringLiteral("broken.pem"), truncated);
    read = m_reader.read(broken, QStringLiteral("nginx"));
    QVERIFY(!read.first().error.isEmpty());
    QVERIFY(read.first().chainPem.isEmpty());
}

void TestCertificateFileReader::hostileFileName()
{
    const QString name = QStringLiteral("a \"b\" 'c'; $(touch canary) `touch canary2`\nline.pem");
    const QString path = test::writeTestFile(m_dir.path(), name, m_leaf.cert.toPem());
    const QList<DiscoveredCertificateFile> read = m_reader.read(path, QStringLiteral("nginx"));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().path, path);
    QCOMPARE(read.first().fingerprintSha256, m_leaf.cert.fingerprintSha256());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("canary"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("canary2"))));
}

// nginx, Apache and Tomcat configurations that serve an RSA and an ECDSA certificate at once, on real files: the
// scan's reader finds both certificates of each, with their fingerprints.
void TestCertificateFileReader::serversWithRsaAndEcdsaSideBySide()
{
    test::LeafOptions rsaOptions;
    rsaOptions.names = {QStringLiteral("dual.test")};
    rsaOptions.key = {crypto::KeyAlgorithm::Rsa, 2048};
    const test::IssuedCert rsa = m_pki.issueLeaf(rsaOptions);
    const test::IssuedCert ec = m_pki.issueLeaf(QStringList{QStringLiteral("dual.test")});
    const QString dir = m_dir.path() + QStringLiteral("/dual");
    const test::PemFiles rsaFiles = test::writePemFiles(dir, QStringLiteral("rsa"), rsa, m_pki.caChain());
    const test::PemFiles ecFiles = test::writePemFiles(dir, QStringLiteral("ecdsa"), ec, m_pki.caChain());
    const QStringList expected{rsa.cert.fingerprintSha256(), ec.cert.fingerprintSha256()};

    const QString nginxConf =
        test::writeTestFile(dir, QStringLiteral("nginx.conf"),
                            QStringLiteral("http {\n server {\n  listen 443 ssl;\n  server_name dual.test;\n"
                                           "  ssl_certificate %1;\n  ssl_certificate_key %2;\n"
                                           "  ssl_certificate %3;\n  ssl_certificate_key %4;\n }\n}\n")
                                .arg(rsaFiles.fullChain, rsaFiles.key, ecFiles.fullChain, ecFiles.key)
                                .toUtf8());
    const QString apacheConf =
        test::writeTestFile(dir, QStringLiteral("httpd.conf"),
                            QStringLiteral("<VirtualHost *:443>\nServerName dual.test\nSSLEngine on\n"
                                           "SSLCertificateFile %1\nSSLCertificateKeyFile %2\n"
                                           "SSLCertificateFile %3\nSSLCertificateKeyFile %4\n</VirtualHost>\n")
                                .arg(rsaFiles.cert, rsaFiles.key, ecFiles.cert, ecFiles.key)
                                .toUtf8());
    const QString serverXml = test::writeTestFile(
        dir, QStringLiteral("server.xml"),
        QStringLiteral("<Server><Service name=\"Catalina\"><Connector port=\"8443\" SSLEnabled=\"true\">\n"
                       "<SSLHostConfig hostName=\"dual.test\">\n"
                       "<Certificate type=\"RSA\" certificateFile=\"%1\" certificateKeyFile=\"%2\"/>\n"
                       "<Certificate type=\"EC\" certificateFile=\"%3\" certificateKeyFile=\"%4\"/>\n"
                       "</SSLHostConfig></Connector></Service></Server>\n")
            .arg(rsaFiles.cert, rsaFiles.key, ecFiles.cert, ecFiles.key)
            .toUtf8());

    const LocalConfigSource source;
    const QList<QPair<QString, ConfigFindings>> servers{
        {QStringLiteral("nginx"), parseNginxConfig(source, nginxConf, dir)},
        {QStringLiteral("apache-http"), parseApacheConfig(source, apacheConf, dir)},
        {QStringLiteral("tomcat"), parseTomcatServerXml(source, serverXml, dir)},
    };
    SystemScan scan;
    scan.hostname = QStringLiteral("dual-host");
    for (const auto& [type, findings] : servers) {
        DetectedServer server;
        server.serverType = type;
        server.running = true;
        server.config = findings;
        QCOMPARE(findings.endpoints.size(), 1);
        QStringList found;
        for (const DiscoveredCertificateFile& file : m_reader.readAll(server)) {
            QVERIFY2(file.error.isEmpty(), qPrintable(file.path + QStringLiteral(": ") + file.error));
            found << file.fingerprintSha256;
        }
        QVERIFY2(found == expected, qPrintable(type + QStringLiteral(": ") + found.join(QLatin1Char(' '))));
        if (type == QStringLiteral("nginx")) {
            scan.servers.append(server);
            scan.certificates = m_reader.readAll(server);
        }
    }

    // Imported into the inventory: both certificates, each with the endpoint that serves it.
    auto db = store::Database::open(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("dual.db")));
    QVERIFY2(db, qPrintable(db.message()));
    Bot bot;
    bot.name = QStringLiteral("local");
    bot.host = QStringLiteral("dual-host");
    const auto imported = InventoryImport(**db).importSystemScan(bot, scan);
    QVERIFY2(imported, qPrintable(imported.message()));
    QCOMPARE(imported->newCertificates, 2);
    auto records = store::CertificateRepository(**db).all();
    QVERIFY2(records, qPrintable(records.message()));
    QStringList inventory;
    for (const CertificateRecord& record : *records) {
        QCOMPARE(record.status, CertificateStatus::Discovered);
        QCOMPARE(record.port, 443);
        QCOMPARE(record.serverType, QStringLiteral("nginx"));
        inventory << record.fingerprintSha256;
    }
    inventory.sort();
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(inventory, sortedExpected);
}

void TestCertificateFileReader::fifoDeviceAndHugeFileAreRefusedWithoutHanging()
{
    // Another user names a FIFO, a device or a huge file as a certificate in a configuration the scan reads.
    const QString fifo = m_dir.filePath(QStringLiteral("fifo.pem"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
    const QString huge = m_dir.filePath(QStringLiteral("huge.pem"));
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(17 * 1024 * 1024)); // sparse
    file.close();
    const QString linkToDevice = m_dir.filePath(QStringLiteral("zero.pem"));
    QVERIFY(QFile::link(QStringLiteral("/dev/zero"), linkToDevice));

    QElapsedTimer timer;
    timer.start();
    QList<DiscoveredCertificateFile> read = m_reader.read(fifo, QStringLiteral("nginx"));
    QVERIFY2(read.first().error.contains(QStringLiteral("FIFO")), qPrintable(read.first().error));
    read = m_reader.read(linkToDevice, QStringLiteral("nginx"));
    QVERIFY2(read.first().error.contains(QStringLiteral("character device")), qPrintable(read.first().error));
    read = m_reader.read(huge, QStringLiteral("nginx"));
    QVERIFY2(read.first().error.contains(QStringLiteral("larger than 16 MiB")), qPrintable(read.first().error));
    QVERIFY2(timer.elapsed() < 5000, "the reader waited on the FIFO or read the device");
}

QTEST_GUILESS_MAIN(TestCertificateFileReader)
#include "TestCertificateFileReader.moc"
