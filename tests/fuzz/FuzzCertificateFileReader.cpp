// The system scan's certificate file reader (engine/discovery/CertificateFileReader): PEM, DER and PKCS#12 files
// named by a server's configuration. It reads from disk, so each input is written to a private temp dir first.
// Inputs that start with a JKS / JCEKS magic are skipped: those go to the host's keytool, not to our parser.
#include "CertificateInspection.h"
#include "FuzzInput.h"

#include "engine/crypto/Certificate.h"
#include "engine/discovery/CertificateFileReader.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstdlib>

namespace {

const QString& inputPath()
{
    static QTemporaryDir directory; // removed at exit
    static const QString path = directory.filePath(QStringLiteral("certificate.input"));
    if (!directory.isValid()) {
        std::abort();
    }
    return path;
}

bool startsWithKeytoolMagic(const QByteArray& data)
{
    return data.startsWith("\xFE\xED\xFE\xED") || data.startsWith("\xCE\xCE\xCE\xCE");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck;
    const QByteArray input = fuzz::bytesOf(data, size);
    if (startsWithKeytoolMagic(input)) {
        return 0;
    }
    QFile file(inputPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(input) != input.size()) {
        std::abort();
    }
    file.close();
    const discovery::CertificateFileReader reader;
    for (const discovery::DiscoveredCertificateFile& found : reader.read(inputPath(), QStringLiteral("nginx"))) {
        if (const auto chain = crypto::Certificate::chainFromPem(found.chainPem)) {
            fuzz::inspectChain(*chain);
        }
    }
    return 0;
}
