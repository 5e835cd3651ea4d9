// The built-in CA end to end, with the real Secret Service (gnome-keyring, started by with-keyring.sh),
// real SQLite and real OpenSSL: create, issue, revoke / suspend / resume, CRL, export.

#include "connectors/localca/LocalCaAdministration.h"
#include "engine/ca/CaRegistry.h"
#include "engine/crypto/Certificate.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/Database.h"
#include "engine/store/LocalCaRepository.h"
#include "tests/integration/localca/LocalCaTestHelpers.h"
#include "tests/unit/localca/CrlInspector.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUuid>

#include <optional>

using namespace certdeck;

namespace {

constexpr int CallTimeoutMs = 120000;
const char* ChildDbVariable = "CERTDECK_LOCALCA_CHILD_DB";

QString uniqueName(const QString& prefix)
{
    return prefix + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestLocalCa : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void createRootAndIntermediate();
    void issuedLeafVerifiesAgainstExportedRoot();
    void caKeyIsEncryptedAndPassphraseOnlyInKeychain();
    void revokeListsSerialWithReasonInCrl();
    void suspendResumeAndPermanentRevocation();
    void refusesBadRequests();
    void refusesCertificateOfAnotherCa();
    void rootOnlyCaIssuesWithoutChain();
    void callbackIsDroppedWithItsContext();
    void keychainFailureDuringCreateLeavesNoCaRow();
    void childCreateWithoutKeychain(); // helper run in a child process by the test above

private:
    Result<ca::LocalCaInfo> createCa(const ca::LocalCaSpec& spec);
    Result<ca::IssuedCertificate> issue(const QString& caName, const QByteArray& csrPem, int validityDays = 30);
    Status revoke(const QString& caName, const QByteArray& pem, ca::RevocationReason reason);
    Status suspend(const QString& caName, const QByteArray& pem);
    Status resume(const QString& caName, const QByteArray& pem);
    // Publishes the CRL to a file and reads it back with plain OpenSSL, checked against the issuing CA.
    test::CrlContents publishAndInspect(const QString& caName, const crypto::Certificate& issuer);
    crypto::Certificate issuingCertificate(const QString& caName);
    std::shared_ptr<ca::CaConnector> connector(const QString& caName) const;

    template <typename R, typename Call>
    R waitFor(Call call);

    bool m_childMode = false;
    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;
    ca::CaRegistry m_registry;
    std::unique_ptr<localca::LocalCaAdministration> m_admin;
    QString m_mainCa; // root + intermediate, EC P-384
    QStringList m_createdCas;
    int m_crlFiles = 0;
};

template <typename R, typename Call>
R TestLocalCa::waitFor(Call call)
{
    std::optional<R> result;
    call([&result](R value) { result.emplace(std::move(value)); });
    (void)QTest::qWaitFor([&result]() { return result.has_value(); }, CallTimeoutMs);
    if (!result) {
        return R(fail(QStringLiteral("no answer within %1 s").arg(CallTimeoutMs / 1000)));
    }
    return std::move(*result);
}

Result<ca::LocalCaInfo> TestLocalCa::createCa(const ca::LocalCaSpec& spec)
{
    auto result = waitFor<Result<ca::LocalCaInfo>>([&](auto done) { m_admin->create(spec, this, done); });
    if (result) {
        m_createdCas.append(spec.name);
    }
    return result;
}

Result<ca::IssuedCertificate> TestLocalCa::issue(const QString& caName, const QByteArray& csrPem, int validityDays)
{
    auto ca = connector(caName);
    if (!ca) {
        return fail(QStringLiteral("no connector registered for %1").arg(caName));
    }
    ca::IssueRequest request;
    request.csrPem = csrPem;
    request.validityDays = validityDays;
    return waitFor<Result<ca::IssuedCertificate>>([&](auto done) { ca->issue(request, this, done); });
}

Status TestLocalCa::revoke(const QString& caName, const QByteArray& pem, ca::RevocationReason reason)
{
    return waitFor<Status>([&](auto done) { connector(caName)->revoke(pem, reason, this, done); });
}

Status TestLocalCa::suspend(const QString& caName, const QByteArray& pem)
{
    return waitFor<Status>([&](auto done) { connector(caName)->suspend(pem, this, done); });
}

Status TestLocalCa::resume(const QString& caName, const QByteArray& pem)
{
    return waitFor<Status>([&](auto done) { connector(caName)->resume(pem, this, done); });
}

std::shared_ptr<ca::CaConnector> TestLocalCa::connector(const QString& caName) const
{
    return m_registry.find(QStringLiteral("localca"), caName);
}

crypto::Certificate TestLocalCa::issuingCertificate(const QString& caName)
{
    auto pem = m_admin->exportCertificates(caName);
    if (!pem) {
        return {};
    }
    auto chain = crypto::Certificate::chainFromPem(*pem);
    return chain && !chain->isEmpty() ? chain->last() : crypto::Certificate();
}

test::CrlContents TestLocalCa::publishAndInspect(const QString& caName, const crypto::Certificate& issuer)
{
    const QString path = m_dir.filePath(QStringLiteral("crl-%1.pem").arg(++m_crlFiles));
    const Status published = waitFor<Status>([&](auto done) { m_admin->publishCrl(caName, path, this, done); });
    if (!published) {
        qWarning("publishCrl failed: %s", qPrintable(published.message()));
        return {};
    }
    const QByteArray crl = readFile(path);
    test::CrlContents contents = test::inspectCrl(crl, issuer.get());

    // Independent check with the openssl command line tool.
    const QString issuerFile = m_dir.filePath(QStringLiteral("issuer-%1.pem").arg(m_crlFiles));
    if (!writeFile(issuerFile, issuer.toPem())) {
        contents.signatureValid = false;
        return contents;
    }
    const test::CliResult cli = test::verifyCrlWithCli(path, issuerFile);
    if (cli.exitCode != 0 || !cli.output.contains(QStringLiteral("verify OK"))) {
        qWarning("openssl crl -verify failed: %s", qPrintable(cli.output));
        contents.signatureValid = false;
    }
    return contents;
}

void TestLocalCa::initTestCase()
{
    m_childMode = qEnvironmentVariableIsSet(ChildDbVariable);
    if (!m_childMode && qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): the built-in CA keeps its passphrase in the "
              "Secret Service. Run this test through tests/support/with-keyring.sh (ctest does).");
    }
    QVERIFY(m_dir.isValid());
    const QString dbPath =
        m_childMode ? qEnvironmentVariable(ChildDbVariable) : m_dir.filePath(QStringLiteral("inventory.db"));
    auto db = store::Database::open(QStringLiteral("sqlite:") + dbPath);
    QVERIFY2(db.ok(), qPrintable(db.message()));
    m_db = *db;
    m_admin = std::make_unique<localca::LocalCaAdministration>(m_db, m_registry);
    if (m_childMode) {
        return;
    }

    ca::LocalCaSpec spec;
    spec.name = uniqueName(QStringLiteral("Office CA"));
    spec.commonName = QStringLiteral("CertDeck Test Root");
    spec.organization = QStringLiteral("CertDeck Tests");
    spec.keyAlgorithm = QStringLiteral("EC");
    spec.keySize = 384;
    spec.withIntermediate = true;
    auto created = createCa(spec);
    QVERIFY2(created.ok(), qPrintable(created.message()));
    m_mainCa = spec.name;
}

void TestLocalCa::cleanupTestCase()
{
    if (m_childMode) {
        return;
    }
    const secrets::SecretStore secrets;
    for (const QString& name : std::as_const(m_createdCas)) {
        const Status removed = secrets.removeBlocking(QStringLiteral("localca/%1/passphrase").arg(name));
        if (!removed) {
            qWarning("could not remove the keychain entry of %s: %s", qPrintable(name), qPrintable(removed.message()));
        }
    }
}

void TestLocalCa::createRootAndIntermediate()
{
    auto cas = m_admin->list();
    QVERIFY2(cas.ok(), qPrintable(cas.message()));
    auto it =
        std::find_if(cas->begin(), cas->end(), [&](const ca::LocalCaInfo& info) { return info.name == m_mainCa; });
    QVERIFY(it != cas->end());
    QVERIFY(it->hasIntermediate);
    QVERIFY(it->subject.contains(QStringLiteral("CertDeck Test Root")));
    QVERIFY(it->notAfter > QDateTime::currentDateTimeUtc().addDays(3640));

    auto registered = connector(m_mainCa);
    QVERIFY(registered);
    QCOMPARE(registered->caType(), QStringLiteral("localca"));
    QCOMPARE(registered->name(), m_mainCa);
    QVERIFY(registered->supportsSuspend());

    auto exported = m_admin->exportCertificates(m_mainCa);
    QVERIFY2(exported.ok(), qPrintable(exported.message()));
    auto chain = crypto::Certificate::chainFromPem(*exported);
    QVERIFY2(chain.ok(), qPrintable(chain.message()));
    QCOMPARE(chain->size(), 2);
    const crypto::Certificate& root = chain->at(0);
    const crypto::Certificate& intermediate = chain->at(1);
    QVERIFY(root.isCa() && root.isSelfSigned());
    QCOMPARE(root.fingerprintSha256(), it->fingerprintSha256);
    QCOMPARE(root.keyAlgorithm(), QStringLiteral("EC"));
    QCOMPARE(root.keyBits(), 384);
    QVERIFY(intermediate.isCa() && !intermediate.isSelfSigned());
    QCOMPARE(intermediate.issuer(), root.subject());
    QVERIFY(intermediate.notAfter() <= root.notAfter());
    QCOMPARE(X509_verify(intermediate.get(), X509_get0_pubkey(root.get())), 1);

    // A second CA of the same name is refused (it would overwrite the first one's keychain entry).
    ca::LocalCaSpec duplicate;
    duplicate.name = m_mainCa;
    duplicate.keySize = 256;
    auto again = waitFor<Result<ca::LocalCaInfo>>([&](auto done) { m_admin->create(duplicate, this, done); });
    QVERIFY(!again.ok());
    QVERIFY2(again.message().contains(QStringLiteral("already exists")), qPrintable(again.message()));
}

void TestLocalCa::issuedLeafVerifiesAgainstExportedRoot()
{
    const QStringList sans{QStringLiteral("www.example.test"), QStringLiteral("api.example.test"),
                           QStringLiteral("127.0.0.1")};
    const QByteArray csr = test::makeCsr(QStringLiteral("www.example.test"), sans);
    QVERIFY(!csr.isEmpty());
    const QDateTime requestedAt = QDateTime::currentDateTimeUtc();
    auto issued = issue(m_mainCa, csr, 45);
    QVERIFY2(issued.ok(), qPrintable(issued.message()));

    auto exported = m_admin->exportCertificates(m_mainCa);
    QVERIFY(exported.ok());
    auto chain = crypto::Certificate::chainFromPem(*exported);
    QVERIFY(chain.ok() && chain->size() == 2);
    // Only the root is trusted; the intermediate comes from the issued chain.
    const QByteArray rootPem = chain->at(0).toPem();
    QCOMPARE(issued->chainPem, chain->at(1).toPem());
    const test::ChainCheck check =
        test::verifyChain(issued->certificatePem, issued->chainPem, rootPem, QStringLiteral("api.example.test"));
    QVERIFY2(check.ok, qPrintable(check.error));
    // Without the intermediate the chain does not build: the check can fail.
    QVERIFY(!test::verifyChain(issued->certificatePem, {}, rootPem, QStringLiteral("api.example.test")).ok);

    auto leaf = crypto::Certificate::fromPem(issued->certificatePem);
    QVERIFY(leaf.ok());
    QVERIFY(test::hasServerAuthEku(*leaf));
    QVERIFY(!leaf->isCa());
    QCOMPARE(leaf->serialHex(), issued->serialHex);
    QStringList leafSans = leaf->subjectAltNames();
    QStringList expectedSans = sans;
    leafSans.sort();
    expectedSans.sort();
    QCOMPARE(leafSans, expectedSans);
    const qint64 deviation = std::abs(leaf->notAfter().secsTo(requestedAt.addDays(45)));
    QVERIFY2(deviation < 600, qPrintable(leaf->notAfter().toString(Qt::ISODate)));
    QVERIFY(leaf->notBefore() <= QDateTime::currentDateTimeUtc());
}

void TestLocalCa::caKeyIsEncryptedAndPassphraseOnlyInKeychain()
{
    const store::LocalCaRepository repository(*m_db);
    const secrets::SecretStore secrets;
    auto passphrase = secrets.readBlocking(QStringLiteral("localca/%1/passphrase").arg(m_mainCa));
    QVERIFY2(passphrase.ok(), qPrintable(passphrase.message()));
    QVERIFY(passphrase->size() >= 32);

    QList<QByteArray> unencryptedKeys;
    for (const QString& rowName : QStringList{m_mainCa, m_mainCa + QStringLiteral("/intermediate")}) {
        auto row = repository.findByName(rowName);
        QVERIFY2(row.ok() && row->has_value(), qPrintable(rowName));
        const QByteArray& stored = (*row)->encryptedKeyPem;
        QVERIFY(stored.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QVERIFY(!crypto::PrivateKey::fromPem(stored).ok());
        QVERIFY(!crypto::PrivateKey::fromPem(stored, "wrong passphrase").ok());
        auto key = crypto::PrivateKey::fromPem(stored, *passphrase);
        QVERIFY2(key.ok(), qPrintable(key.message()));
        auto certificate = crypto::Certificate::fromPem((*row)->certificatePem);
        QVERIFY(certificate.ok() && certificate->matchesKey(*key));
        unencryptedKeys.append(key->toPem());
    }

    // Neither the passphrase nor a plain key is anywhere in the database files (main, WAL, shared memory).
    m_db.reset();
    QByteArray bytes;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        bytes += readFile(m_dir.filePath(QStringLiteral("inventory.db") + suffix));
    }
    QVERIFY(bytes.size() > 1000);
    QVERIFY(bytes.contains(m_mainCa.toUtf8())); // the grep can find what is there
    QVERIFY(!bytes.contains(*passphrase));
    for (const QByteArray& pem : std::as_const(unencryptedKeys)) {
        const QByteArray body = pem.split('\n').value(1); // first base64 line of the plain key
        QVERIFY(body.size() > 20);
        QVERIFY(!bytes.contains(body));
    }
    auto reopened = store::Database::open(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db")));
    QVERIFY2(reopened.ok(), qPrintable(reopened.message()));
    m_db = *reopened;
    m_admin = std::make_unique<localca::LocalCaAdministration>(m_db, m_registry);
    m_registry.removeAll(QStringLiteral("localca"));
    QVERIFY(m_admin->registerExisting().ok());
    QVERIFY(connector(m_mainCa));
}

void TestLocalCa::revokeListsSerialWithReasonInCrl()
{
    const crypto::Certificate issuer = issuingCertificate(m_mainCa);
    QVERIFY(!issuer.isNull());
    auto first = issue(m_mainCa, test::makeCsr(QStringLiteral("revoked.example.test"), {}));
    auto second = issue(m_mainCa, test::makeCsr(QStringLiteral("kept.example.test"), {}));
    QVERIFY2(first.ok(), qPrintable(first.message()));
    QVERIFY2(second.ok(), qPrintable(second.message()));

    const Status revoked = revoke(m_mainCa, first->certificatePem, ca::RevocationReason::KeyCompromise);
    QVERIFY2(revoked.ok(), qPrintable(revoked.message()));

    const test::CrlContents crl = publishAndInspect(m_mainCa, issuer);
    QVERIFY(crl.parsed);
    QCOMPARE(crl.version, 1L);
    QVERIFY(crl.signatureValid);
    QVERIFY(crl.crlNumber >= 1);
    QCOMPARE(crl.akiKeyId, test::subjectKeyId(issuer.get()));
    QCOMPARE(crl.entries.value(test::normalizedSerial(first->serialHex), -1), int(ca::RevocationReason::KeyCompromise));
    QVERIFY(!crl.entries.contains(test::normalizedSerial(second->serialHex)));

    // The CRL number grows with every publication.
    const test::CrlContents next = publishAndInspect(m_mainCa, issuer);
    QVERIFY(next.crlNumber > crl.crlNumber);

    // A CRL that cannot be written names the file; nothing is left behind in its place.
    const QString unwritable = m_dir.filePath(QStringLiteral("no-such-folder/crl.pem"));
    const Status notWritten =
        waitFor<Status>([&](auto done) { m_admin->publishCrl(m_mainCa, unwritable, this, done); });
    QVERIFY(!notWritten.ok());
    QVERIFY2(notWritten.message().contains(unwritable), qPrintable(notWritten.message()));

    // Revoking again says so.
    const Status again = revoke(m_mainCa, first->certificatePem, ca::RevocationReason::Superseded);
    QVERIFY(!again.ok());
    QVERIFY2(again.message().contains(QStringLiteral("already revoked")), qPrintable(again.message()));
}

void TestLocalCa::suspendResumeAndPermanentRevocation()
{
    const crypto::Certificate issuer = issuingCertificate(m_mainCa);
    auto issued = issue(m_mainCa, test::makeCsr(QStringLiteral("held.example.test"), {}));
    QVERIFY2(issued.ok(), qPrintable(issued.message()));
    const QString serial = test::normalizedSerial(issued->serialHex);

    const Status suspended = suspend(m_mainCa, issued->certificatePem);
    QVERIFY2(suspended.ok(), qPrintable(suspended.message()));
    test::CrlContents crl = publishAndInspect(m_mainCa, issuer);
    QVERIFY(crl.signatureValid);
    QCOMPARE(crl.entries.value(serial, -1), int(ca::RevocationReason::CertificateHold));

    const Status resumed = resume(m_mainCa, issued->certificatePem);
    QVERIFY2(resumed.ok(), qPrintable(resumed.message()));
    crl = publishAndInspect(m_mainCa, issuer);
    QVERIFY(crl.signatureValid);
    QVERIFY(!crl.entries.contains(serial));

    // Resuming a certificate that is not on hold says so.
    const Status notHeld = resume(m_mainCa, issued->certificatePem);
    QVERIFY(!notHeld.ok());
    QVERIFY2(notHeld.message().contains(QStringLiteral("not suspended")), qPrintable(notHeld.message()));

    // Hold, then revoke for good: the CRL carries the final reason and resume is refused.
    QVERIFY(suspend(m_mainCa, issued->certificatePem).ok());
    const Status revoked = revoke(m_mainCa, issued->certificatePem, ca::RevocationReason::KeyCompromise);
    QVERIFY2(revoked.ok(), qPrintable(revoked.message()));
    crl = publishAndInspect(m_mainCa, issuer);
    QCOMPARE(crl.entries.value(serial, -1), int(ca::RevocationReason::KeyCompromise));

    const Status cannotResume = resume(m_mainCa, issued->certificatePem);
    QVERIFY(!cannotResume.ok());
    QVERIFY2(cannotResume.message().contains(QStringLiteral("cannot be resumed")), qPrintable(cannotResume.message()));
    const Status cannotSuspend = suspend(m_mainCa, issued->certificatePem);
    QVERIFY(!cannotSuspend.ok());
    crl = publishAndInspect(m_mainCa, issuer);
    QCOMPARE(crl.entries.value(serial, -1), int(ca::RevocationReason::KeyCompromise));
}

void TestLocalCa::refusesBadRequests()
{
    const QByteArray good = test::makeCsr(QStringLiteral("bad.example.test"), {});
    const QByteArray damaged = test::damageCsrSignature(good);
    QVERIFY(!damaged.isEmpty() && damaged != good);
    auto badSignature = issue(m_mainCa, damaged);
    QVERIFY(!badSignature.ok());
    QVERIFY2(badSignature.message().contains(QStringLiteral("refused the CSR")) &&
                 badSignature.message().contains(QStringLiteral("signature"), Qt::CaseInsensitive),
             qPrintable(badSignature.message()));

    const QByteArray weak = test::makeWeakRsaCsr(QStringLiteral("weak.example.test"));
    QVERIFY(!weak.isEmpty());
    auto weakKey = issue(m_mainCa, weak);
    QVERIFY(!weakKey.ok());
    QVERIFY2(weakKey.message().contains(QStringLiteral("1024")) && weakKey.message().contains(QStringLiteral("2048")),
             qPrintable(weakKey.message()));

    // Beyond the issuing CA's notAfter: refused, and the message says why and that nothing was shortened.
    ca::LocalCaSpec shortLived;
    shortLived.name = uniqueName(QStringLiteral("Short CA"));
    shortLived.keyAlgorithm = QStringLiteral("RSA");
    shortLived.keySize = 2048;
    shortLived.rootValidityDays = 20;
    shortLived.intermediateValidityDays = 10;
    auto created = createCa(shortLived);
    QVERIFY2(created.ok(), qPrintable(created.message()));
    auto tooLong = issue(shortLived.name, good, 30);
    QVERIFY(!tooLong.ok());
    QVERIFY2(tooLong.message().contains(QStringLiteral("expires")) &&
                 tooLong.message().contains(QStringLiteral("refuses")),
             qPrintable(tooLong.message()));
    auto fits = issue(shortLived.name, good, 5);
    QVERIFY2(fits.ok(), qPrintable(fits.message()));

    // The RSA-2048 CA signs leaves whose chain verifies too.
    auto exported = m_admin->exportCertificates(shortLived.name);
    QVERIFY(exported.ok());
    auto chain = crypto::Certificate::chainFromPem(*exported);
    QVERIFY(chain.ok() && chain->size() == 2);
    QCOMPARE(chain->at(0).keyAlgorithm(), QStringLiteral("RSA"));
    const test::ChainCheck check = test::verifyChain(fits->certificatePem, fits->chainPem, chain->at(0).toPem(),
                                                     QStringLiteral("bad.example.test"));
    QVERIFY2(check.ok, qPrintable(check.error));
}

void TestLocalCa::refusesCertificateOfAnotherCa()
{
    ca::LocalCaSpec otherSpec;
    otherSpec.name = uniqueName(QStringLiteral("Other CA"));
    otherSpec.keySize = 256;
    otherSpec.withIntermediate = false;
    QVERIFY(createCa(otherSpec).ok());
    auto foreign = issue(otherSpec.name, test::makeCsr(QStringLiteral("foreign.example.test"), {}));
    QVERIFY2(foreign.ok(), qPrintable(foreign.message()));

    const Status refused = revoke(m_mainCa, foreign->certificatePem, ca::RevocationReason::KeyCompromise);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QStringLiteral("was not issued by")), qPrintable(refused.message()));
    const test::CrlContents crl = publishAndInspect(m_mainCa, issuingCertificate(m_mainCa));
    QVERIFY(!crl.entries.contains(test::normalizedSerial(foreign->serialHex)));
}

void TestLocalCa::rootOnlyCaIssuesWithoutChain()
{
    ca::LocalCaSpec spec;
    spec.name = uniqueName(QStringLiteral("Flat CA"));
    spec.keyAlgorithm = QStringLiteral("EC");
    spec.keySize = 256;
    spec.withIntermediate = false;
    auto created = createCa(spec);
    QVERIFY2(created.ok(), qPrintable(created.message()));
    QVERIFY(!created->hasIntermediate);
    auto exported = m_admin->exportCertificates(spec.name);
    QVERIFY(exported.ok());
    QCOMPARE(crypto::Certificate::chainFromPem(*exported)->size(), 1);

    auto issued = issue(spec.name, test::makeCsr(QStringLiteral("flat.example.test"), {}));
    QVERIFY2(issued.ok(), qPrintable(issued.message()));
    QVERIFY(issued->chainPem.isEmpty());
    const test::ChainCheck check =
        test::verifyChain(issued->certificatePem, {}, *exported, QStringLiteral("flat.example.test"));
    QVERIFY2(check.ok, qPrintable(check.error));

    QVERIFY(suspend(spec.name, issued->certificatePem).ok());
    auto root = crypto::Certificate::fromPem(*exported);
    const test::CrlContents crl = publishAndInspect(spec.name, *root);
    QVERIFY(crl.signatureValid);
    QCOMPARE(crl.entries.value(test::normalizedSerial(issued->serialHex), -1), 6);
}

void TestLocalCa::callbackIsDroppedWithItsContext()
{
    auto ca = connector(m_mainCa);
    QVERIFY(ca);
    ca::IssueRequest request;
    request.csrPem = test::makeCsr(QStringLiteral("dropped.example.test"), {});
    bool called = false;
    bool liveCalled = false;
    {
        QObject context;
        ca->issue(request, &context, [&called](Result<ca::IssuedCertificate>) { called = true; });
    } // context destroyed while the worker may still run
    QObject live;
    ca->issue(request, &live, [&liveCalled](Result<ca::IssuedCertificate>) { liveCalled = true; });
    QVERIFY(QThreadPool::globalInstance()->waitForDone(CallTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(liveCalled, CallTimeoutMs); // the same delivery path still works
    QCoreApplication::sendPostedEvents();
    QVERIFY(!called);
}

void TestLocalCa::keychainFailureDuringCreateLeavesNoCaRow()
{
    // A child process of this test creates a CA with its D-Bus session pointing at a socket that does not exist:
    // a real keychain failure, not a mock.
    const QString dbPath = m_dir.filePath(QStringLiteral("no-keychain.db"));
    {
        auto db = store::Database::open(QStringLiteral("sqlite:") + dbPath);
        QVERIFY2(db.ok(), qPrintable(db.message()));
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(ChildDbVariable), dbPath);
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-such-bus")));
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childCreateWithoutKeychain")});
    QVERIFY(child.waitForFinished(CallTimeoutMs));
    const QString output = QString::fromLocal8Bit(child.readAll());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("PASS   : TestLocalCa::childCreateWithoutKeychain")), qPrintable(output));

    auto db = store::Database::open(QStringLiteral("sqlite:") + dbPath);
    QVERIFY2(db.ok(), qPrintable(db.message()));
    auto rows = store::LocalCaRepository(**db).all();
    QVERIFY2(rows.ok(), qPrintable(rows.message()));
    QVERIFY(rows->isEmpty());
}

void TestLocalCa::childCreateWithoutKeychain()
{
    if (!m_childMode) {
        QSKIP("Runs only as the child process of keychainFailureDuringCreateLeavesNoCaRow.");
    }
    ca::LocalCaSpec spec;
    spec.name = QStringLiteral("No Keychain CA");
    spec.keySize = 256;
    auto created = waitFor<Result<ca::LocalCaInfo>>([&](auto done) { m_admin->create(spec, this, done); });
    QVERIFY(!created.ok());
    QVERIFY2(created.message().contains(secrets::SecretStore::unavailableHelp()), qPrintable(created.message()));
    QVERIFY(!connector(spec.name));
    auto rows = store::LocalCaRepository(*m_db).all();
    QVERIFY(rows.ok() && rows->isEmpty());
}

QTEST_GUILESS_MAIN(TestLocalCa)
#include "TestLocalCa.moc"
