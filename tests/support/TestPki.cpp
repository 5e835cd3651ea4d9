#include "tests/support/TestPki.h"

#include "engine/crypto/CertificateRequest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtGlobal>

namespace certdeck::test {

using namespace certdeck::crypto;

namespace {

template <typename T>
T require(Result<T> result, const char* what)
{
    if (!result) {
        qFatal("TestPki: %s failed: %s", what, qPrintable(result.message()));
    }
    return std::move(result).value();
}

QDateTime defaultNotAfter(const QDateTime& notAfter, int days)
{
    return notAfter.isValid() ? notAfter : QDateTime::currentDateTimeUtc().addDays(days);
}

} // namespace

PrivateKey TestPki::makeKey(const KeySpec& spec)
{
    return require(PrivateKey::generate(spec), "key generation");
}

IssuedCert TestPki::makeRoot(const QString& commonName, const KeySpec& keySpec)
{
    IssuedCert root;
    root.key = makeKey(keySpec);
    CertificateSpec spec;
    spec.profile = CertificateProfile::RootCa;
    spec.subjectCommonName = commonName;
    spec.subjectOrganization = QStringLiteral("CertDeck Tests");
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(5);
    root.cert = require(CertificateBuilder::selfSigned(spec, root.key), "root CA");
    return root;
}

IssuedCert TestPki::makeIntermediate(const IssuedCert& issuer, const QString& commonName, const KeySpec& keySpec)
{
    IssuedCert ca;
    ca.key = makeKey(keySpec);
    CertificateSpec spec;
    spec.profile = CertificateProfile::IntermediateCa;
    spec.subjectCommonName = commonName;
    spec.subjectOrganization = QStringLiteral("CertDeck Tests");
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(3);
    ca.cert = require(CertificateBuilder::signKey(spec, ca.key, issuer.cert, issuer.key), "intermediate CA");
    return ca;
}

IssuedCert TestPki::makeLeaf(const IssuedCert& issuer, const LeafOptions& options)
{
    if (options.names.isEmpty()) {
        qFatal("TestPki: a leaf needs at least one name");
    }
    IssuedCert leaf;
    leaf.key = makeKey(options.key);
    CsrSubject subject;
    subject.commonName = options.names.first();
    subject.sans = options.names.mid(1);
    const CertificateRequest csr = require(CertificateRequest::create(subject, leaf.key), "CSR");
    CertificateSpec spec;
    spec.profile = CertificateProfile::TlsServer;
    spec.notBefore = options.notBefore;
    spec.notAfter = defaultNotAfter(options.notAfter, 30);
    spec.crlDistributionPoint = options.crlDistributionPoint;
    leaf.cert = require(CertificateBuilder::signRequest(spec, csr, issuer.cert, issuer.key), "leaf certificate");
    return leaf;
}

IssuedCert TestPki::makeSelfSigned(const LeafOptions& options)
{
    if (options.names.isEmpty()) {
        qFatal("TestPki: a certificate needs at least one name");
    }
    IssuedCert cert;
    cert.key = makeKey(options.key);
    CertificateSpec spec;
    spec.profile = CertificateProfile::TlsServer;
    spec.subjectCommonName = options.names.first();
    spec.sans = options.names.mid(1);
    spec.notBefore = options.notBefore;
    spec.notAfter = defaultNotAfter(options.notAfter, 30);
    cert.cert = require(CertificateBuilder::selfSigned(spec, cert.key), "self-signed certificate");
    return cert;
}

TestPki::TestPki(const KeySpec& caKey, const QString& name)
    : m_root(makeRoot(name + QStringLiteral(" Root CA"), caKey))
    , m_intermediate(makeIntermediate(m_root, name + QStringLiteral(" Intermediate CA"), caKey))
{
}

IssuedCert TestPki::issueLeaf(const LeafOptions& options) const
{
    return makeLeaf(m_intermediate, options);
}

IssuedCert TestPki::issueLeaf(const QStringList& names) const
{
    LeafOptions options;
    options.names = names;
    return makeLeaf(m_intermediate, options);
}

QList<Certificate> TestPki::caChain() const
{
    return {m_intermediate.cert, m_root.cert};
}

QString writeTestFile(const QString& dir, const QString& name, const QByteArray& data)
{
    if (!QDir().mkpath(dir)) {
        qFatal("TestPki: cannot create %s", qPrintable(dir));
    }
    const QString path = QDir(dir).absoluteFilePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        qFatal("TestPki: cannot write %s: %s", qPrintable(path), qPrintable(file.errorString()));
    }
    return path;
}

PemFiles writePemFiles(const QString& dir, const QString& baseName, const IssuedCert& leaf,
                       const QList<Certificate>& caChain)
{
    PemFiles files;
    files.cert = writeTestFile(dir, baseName + QStringLiteral(".crt"), leaf.cert.toPem());
    files.key = writeTestFile(dir, baseName + QStringLiteral(".key"), leaf.key.toPem());
    QFile::setPermissions(files.key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!caChain.isEmpty()) {
        files.chain = writeTestFile(dir, baseName + QStringLiteral("-chain.crt"), chainToPem(caChain));
    }
    files.fullChain =
        writeTestFile(dir, baseName + QStringLiteral("-fullchain.crt"), leaf.cert.toPem() + chainToPem(caChain));
    return files;
}

} // namespace certdeck::test
