// Team mode against a REAL PostgreSQL with ssl = on and a throw-away CA: a server that is not on this machine is
// reached with sslmode=verify-full by default; the right CA connects, another CA or a name the certificate does not
// carry is refused with a message that says why; the password comes from the keychain (stored by certdeckctl db
// password set from stdin), never from the URL, argv or the environment. 127.0.0.2 is a loopback address that is
// not "local" to CertDeck, so it stands in for a remote server; the role "team" must log in over TLS with its
// password (scram-sha-256). Run under tests/support/with-keyring.sh.
#include "engine/secrets/SecretStore.h"
#include "engine/store/Database.h"
#include "engine/store/DatabaseUrl.h"
#include "engine/store/SettingsRepository.h"
#include "tests/integration/store/PostgresCluster.h"
#include "tests/support/TestPki.h"

#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestPostgresTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::PostgresCluster> m_cluster;
    QString m_ca;      // the CA that issued the server certificate
    QString m_otherCa; // a CA that did not
    const QByteArray m_password = "s3cret-'\"; pw";
    int m_databases = 0;

    QString newDatabase()
    {
        const QString name = QStringLiteral("tls_%1").arg(++m_databases);
        const Status created = m_cluster->execAdmin(QStringLiteral("CREATE DATABASE \"%1\" OWNER team").arg(name));
        if (!created) {
            qFatal("%s", qPrintable(created.message()));
        }
        return name;
    }

    QString url(const QString& host, const QString& database, const QString& query = {},
                const QString& user = QStringLiteral("team")) const
    {
        return QStringLiteral("postgresql://%5@%1:%2/%3%4")
            .arg(host)
            .arg(m_cluster->port())
            .arg(database, query.isEmpty() ? QString() : QLatin1Char('?') + query, user);
    }

    static bool sessionUsesTls(const store::Database& db)
    {
        QSqlQuery query(db.connection());
        return query.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) && query.next() &&
               query.value(0).toBool();
    }

    int ctl(const QStringList& arguments, const QByteArray& input, QString* output)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"), arguments);
        if (!process.waitForStarted(10000)) {
            return -1;
        }
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        *output = QString::fromUtf8(process.readAll());
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::PostgresCluster::binDir().isEmpty()) {
            QSKIP("PostgreSQL server binaries are not installed (Debian package postgresql).");
        }
        QVERIFY(m_dir.isValid());
        test::TestPki pki;
        test::TestPki other({crypto::KeyAlgorithm::Ec, 256}, QStringLiteral("Someone Else"));
        const test::IssuedCert server = pki.issueLeaf({QStringLiteral("localhost"), QStringLiteral("127.0.0.2")});
        const test::PemFiles files = test::writePemFiles(m_dir.path(), QStringLiteral("server"), server, pki.caChain());
        m_ca = test::writeTestFile(m_dir.path(), QStringLiteral("ca.pem"), pki.root().cert.toPem());
        m_otherCa = test::writeTestFile(m_dir.path(), QStringLiteral("other-ca.pem"), other.root().cert.toPem());

        test::PostgresCluster::Options options;
        options.listenAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("127.0.0.2")};
        options.sslCertFile = files.fullChain;
        options.sslKeyFile = files.key;
        options.hbaLines = {QStringLiteral("hostnossl all team all reject"),
                            QStringLiteral("hostssl all team all scram-sha-256")};
        m_cluster = std::make_unique<test::PostgresCluster>();
        const Status started = m_cluster->start(options);
        QVERIFY2(started, qPrintable(started.message()));
        QVERIFY(m_cluster->execAdmin(QStringLiteral("CREATE ROLE team LOGIN PASSWORD '%1'")
                                         .arg(QString::fromUtf8(m_password).replace("'", "''"))));
    }

    void cleanupTestCase() { m_cluster.reset(); }

    void remoteHostDefaultsToVerifyFull()
    {
        const auto parsed = store::DatabaseUrl::parse(url(QStringLiteral("db.example.com"), QStringLiteral("x")));
        QVERIFY(parsed);
        QCOMPARE(parsed->sslMode, QStringLiteral("verify-full"));
        const auto local = store::DatabaseUrl::parse(url(QStringLiteral("127.0.0.1"), QStringLiteral("x")));
        QVERIFY(local);
        QCOMPARE(local->sslMode, QString()); // libpq's default (prefer), as before
        // Without a CA to check the server against, verify-full refuses (no ~/.postgresql/root.crt here).
        const QString database = newDatabase();
        auto db = store::Database::open(url(QStringLiteral("127.0.0.2"), database), QString::fromUtf8(m_password));
        QVERIFY(!db);
        qInfo("refused: %s", qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("sslrootcert")), qPrintable(db.message()));
    }

    void passwordInTheUrlIsRefused()
    {
        auto db = store::Database::open(
            QStringLiteral("postgresql://certdeck:hunter2@127.0.0.2:%1/x").arg(m_cluster->port()));
        QVERIFY(!db);
        qInfo("refused: %s", qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("certdeckctl db password set")), qPrintable(db.message()));
        QVERIFY2(!db.message().contains(QStringLiteral("hunter2")), qPrintable(db.message()));
    }

    // The operator stores the password once; every open then finds it in the keychain.
    void rightCaConnectsWithThePasswordFromTheKeychain()
    {
        const QString database = newDatabase();
        const QString target = url(QStringLiteral("127.0.0.2"), database, QStringLiteral("sslrootcert=") + m_ca);
        (void)secrets::SecretStore().removeBlocking(store::DatabaseUrl::parse(target)->passwordKey());
        auto without = store::Database::open(target);
        QVERIFY(!without);
        QVERIFY2(without.message().contains(QStringLiteral("certdeckctl db password set")),
                 qPrintable(without.message()));

        QString output;
        const int code = ctl(
            {QStringLiteral("db"), QStringLiteral("password"), QStringLiteral("set"), QStringLiteral("--url"), target},
            m_password + "\n", &output);
        QVERIFY2(code == 0, qPrintable(output));
        QVERIFY(!output.contains(QString::fromUtf8(m_password)));

        auto db = store::Database::open(target);
        QVERIFY2(db, qPrintable(db.message()));
        QVERIFY(sessionUsesTls(**db));
        QVERIFY(store::SettingsRepository(**db).setValue(QStringLiteral("team"), QStringLiteral("yes")));
        QVERIFY(!(*db)->url().contains(QString::fromUtf8(m_password)));
        QFile environ(QStringLiteral("/proc/self/environ"));
        QVERIFY(environ.open(QIODevice::ReadOnly));
        QVERIFY(!environ.readAll().contains(m_password));

        // "localhost" is a name the certificate carries too.
        const QString byName =
            url(QStringLiteral("localhost"), database, QStringLiteral("sslmode=verify-full&sslrootcert=") + m_ca,
                QStringLiteral("certdeck"));
        auto named = store::Database::open(byName);
        QVERIFY2(named, qPrintable(named.message()));
        QVERIFY(sessionUsesTls(**named));
    }

    void anotherCaIsRefused()
    {
        const QString database = newDatabase();
        auto db = store::Database::open(
            url(QStringLiteral("127.0.0.2"), database, QStringLiteral("sslrootcert=") + m_otherCa),
            QString::fromUtf8(m_password));
        QVERIFY(!db);
        qInfo("refused: %s", qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("could not be verified")), qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("certificate")), qPrintable(db.message()));
    }

    void hostNameTheCertificateDoesNotCarryIsRefused()
    {
        const QString database = newDatabase();
        // The superuser is trusted without a password on 127.0.0.1: only TLS can refuse this one.
        auto db = store::Database::open(url(QStringLiteral("127.0.0.1"), database,
                                            QStringLiteral("sslmode=verify-full&sslrootcert=") + m_ca,
                                            QStringLiteral("certdeck")));
        QVERIFY(!db);
        qInfo("refused: %s", qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("does not match host name \"127.0.0.1\"")),
                 qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("could not be verified")), qPrintable(db.message()));
        // The same server by a name its certificate carries is accepted.
        auto good = store::Database::open(url(QStringLiteral("localhost"), database,
                                              QStringLiteral("sslmode=verify-full&sslrootcert=") + m_ca,
                                              QStringLiteral("certdeck")));
        QVERIFY2(good, qPrintable(good.message()));
    }

    void unknownUrlOptionIsRefused()
    {
        auto db = store::Database::open(
            url(QStringLiteral("127.0.0.2"), QStringLiteral("x"), QStringLiteral("sslmode=verify-full&host=/tmp")));
        QVERIFY(!db);
        qInfo("refused: %s", qPrintable(db.message()));
        QVERIFY2(db.message().contains(QStringLiteral("\"host\"")), qPrintable(db.message()));
    }
};

QTEST_GUILESS_MAIN(TestPostgresTls)
#include "TestPostgresTls.moc"
