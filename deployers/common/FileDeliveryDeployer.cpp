#include "deployers/common/FileDeliveryDeployer.h"

#include "deployers/common/KeyStoreMaterial.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/PrivateKey.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <openssl/crypto.h>

#include <algorithm>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FileDeliveryDeployer", text);
}

const QString kFormat = QStringLiteral("fileFormat");
const QString kPemFiles = QStringLiteral("PEM files");
const QString kKeyStore = QStringLiteral("Key store (PKCS12 or JKS)");
const QString kCertificateName = QStringLiteral("certificateName");
const QString kChainName = QStringLiteral("chainName");
const QString kFullChainName = QStringLiteral("fullChainName");
const QString kKeyName = QStringLiteral("keyName");
const QString kDeliverChain = QStringLiteral("deliverChain");
const QString kDeliverFullChain = QStringLiteral("deliverFullChain");
const QString kKeyStoreName = QStringLiteral("keyStoreName");
const QString kFileMode = QStringLiteral("fileMode");
const QString kKeyMode = QStringLiteral("keyMode");

bool isKeyStore(const FieldValues& values)
{
    return values.text(kFormat) == kKeyStore;
}

// A plain file name in the remote directory: no directory part, nothing a server would read as something else.
Status checkName(const QString& name, const QString& label)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._@+-]{0,127}$"));
    if (!plain.match(name).hasMatch() || name.contains(QStringLiteral(".."))) {
        return fail(tr("%1: \"%2\" is not a plain file name (letters, digits, \".\", \"_\", \"-\", \"@\", \"+\"; no "
                       "\"/\" or \"..\"); nothing was changed")
                        .arg(label, name.left(200)));
    }
    return {};
}

Result<uint> parseMode(const QString& text, const QString& label)
{
    static const QRegularExpression octal(QStringLiteral("^0?[0-7]{3}$"));
    if (!octal.match(text).hasMatch()) {
        return fail(
            tr("%1: \"%2\" is not a permission in octal such as 0644; nothing was changed").arg(label, text.left(50)));
    }
    return text.toUInt(nullptr, 8);
}

QString join(const QString& directory, const QString& name)
{
    return directory.endsWith(QLatin1Char('/')) ? QString(directory + name)
                                                : QString(directory + QLatin1Char('/') + name);
}

} // namespace

QList<DeployerField> FileDeliveryDeployer::serverFields() const
{
    DeployerField format = deploy::makeField(DeployerField::Kind::Choice, kFormat, tr("File format"), false, {},
                                             tr("PEM files for servers that read certificate and key files (nginx, "
                                                "HAProxy, Postfix); a key store for Java servers and Windows."),
                                             kPemFiles);
    format.choices = {kPemFiles, kKeyStore};
    QList<DeployerField> fields = connectionFields();
    fields
        << pathField(kDirectoryField, tr("Remote directory"), true, QStringLiteral("/etc/ssl/certdeck"),
                     tr("The directory on the target that receives the files. It must exist and lie in the write "
                        "trees of the bot's policy (write in /etc/certdeck/bot-policy.conf)."))
        << format
        << deploy::makeField(DeployerField::Kind::Text, kCertificateName, tr("Certificate file name"), false,
                             QStringLiteral("cert.pem"), tr("PEM: the certificate alone."), QStringLiteral("cert.pem"))
        << deploy::makeField(DeployerField::Kind::Text, kChainName, tr("Chain file name"), false,
                             QStringLiteral("chain.pem"), tr("PEM: the intermediate certificates."),
                             QStringLiteral("chain.pem"))
        << deploy::makeField(DeployerField::Kind::Flag, kDeliverChain, tr("Deliver the chain file"), false, {},
                             tr("PEM files: deliver the chain file too."), QStringLiteral("true"))
        << deploy::makeField(DeployerField::Kind::Text, kFullChainName, tr("Full chain file name"), false,
                             QStringLiteral("fullchain.pem"), tr("PEM: the certificate followed by its intermediates."),
                             QStringLiteral("fullchain.pem"))
        << deploy::makeField(DeployerField::Kind::Flag, kDeliverFullChain, tr("Deliver the full chain file"), false, {},
                             tr("PEM files: deliver the full chain file too (what nginx and HAProxy read)."),
                             QStringLiteral("true"))
        << deploy::makeField(
               DeployerField::Kind::Text, kKeyName, tr("Key file name"), false, QStringLiteral("privkey.pem"),
               tr("PEM: the private key (unencrypted, as servers read it)."), QStringLiteral("privkey.pem"))
        << deploy::makeField(DeployerField::Kind::Text, kKeyStoreName, tr("Key store file name"), false,
                             QStringLiteral("certificate.p12"),
                             tr("Key store format: the store that receives the key and its certificates. An existing "
                                "store keeps its other entries."),
                             QStringLiteral("certificate.p12"))
        << KeyStoreMaterial::fields(QStringLiteral("certificate"))
        << deploy::makeField(DeployerField::Kind::Text, kFileMode, tr("Certificate file permissions"), false,
                             QStringLiteral("0644"), tr("Octal, for the certificate, chain and full chain files."),
                             QStringLiteral("0644"))
        << deploy::makeField(DeployerField::Kind::Text, kKeyMode, tr("Key file permissions"), false,
                             QStringLiteral("0600"),
                             tr("Octal, for the key file or key store. Never readable by other users (0600 or 0640)."),
                             QStringLiteral("0600"));
    return fields;
}

Result<QList<MaterialFile>> FileDeliveryDeployer::namedFiles(const FieldValues& values, const Material& material) const
{
    auto fileMode = parseMode(values.text(kFileMode), tr("Certificate file permissions"));
    if (!fileMode) {
        return fileMode.error();
    }
    auto keyMode = parseMode(values.text(kKeyMode), tr("Key file permissions"));
    if (!keyMode) {
        return keyMode.error();
    }
    if ((*keyMode & 0007) != 0) {
        return fail(tr("Key file permissions: %1 would let every user of the target read the private key; use 0600 "
                       "or 0640. Nothing was changed.")
                        .arg(values.text(kKeyMode)));
    }
    struct Named
    {
        QString field;
        QString label;
        bool wanted;
        MaterialFile::Role role;
        QByteArray content;
        uint mode;
    };
    QList<Named> wanted;
    if (isKeyStore(values)) {
        wanted.append({kKeyStoreName, tr("Key store file name"), true, MaterialFile::Role::Key, {}, *keyMode});
    } else {
        wanted.append({kCertificateName, tr("Certificate file name"), true, MaterialFile::Role::Certificate,
                       material.leafPem, *fileMode});
        wanted.append({kChainName, tr("Chain file name"), values.flag(kDeliverChain), MaterialFile::Role::Chain,
                       material.chainPem, *fileMode});
        wanted.append({kFullChainName, tr("Full chain file name"), values.flag(kDeliverFullChain),
                       MaterialFile::Role::Chain, material.fullChainPem, *fileMode});
        wanted.append({kKeyName, tr("Key file name"), true, MaterialFile::Role::Key, material.keyPem, *keyMode});
    }
    const QString directory = values.text(kDirectoryField);
    QList<MaterialFile> files;
    for (const Named& named : wanted) {
        if (!named.wanted) {
            continue;
        }
        const QString name = values.text(named.field);
        if (Status plain = checkName(name, named.label); !plain) {
            return plain.error();
        }
        const QString path = join(directory, name);
        if (std::any_of(files.begin(), files.end(), [&](const MaterialFile& known) { return known.path == path; })) {
            return fail(tr("%1: %2 is also the name of another file of this delivery; nothing was changed")
                            .arg(named.label, name));
        }
        files << MaterialFile{path, named.role, named.content, named.mode};
    }
    return files;
}

QList<MaterialFile> FileDeliveryDeployer::materialFiles(const FieldValues& values, const Material& material) const
{
    if (isKeyStore(values)) {
        return {}; // a store may hold other entries: never deleted by remove()
    }
    auto files = namedFiles(values, material);
    return files ? files.value() : QList<MaterialFile>();
}

Result<QList<MaterialFile>> FileDeliveryDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                                  const deploy::TargetHost& host) const
{
    const QString directory = values.text(kDirectoryField);
    auto info = host.stat(directory);
    if (!info) {
        return fail(tr("Remote directory: %1 on %2 cannot be read: %3; nothing was changed")
                        .arg(directory, host.describe(), info.message()));
    }
    if (!info->exists || !info->isDirectory || info->isSymlink) {
        return fail(tr("Remote directory: %1 is not a directory on %2; create it there first (CertDeck does not "
                       "create directories on a target). Nothing was changed.")
                        .arg(directory, host.describe()));
    }
    auto files = namedFiles(values, material);
    if (!files || !isKeyStore(values)) {
        return files;
    }
    auto store = keyStoreFilesOn(values, files->first().path, tr("Key store file name"), material, host);
    if (store) {
        store->first().mode = files->first().mode;
    }
    return store;
}

ServerCommand FileDeliveryDeployer::configTestCommand(const FieldValues& values,
                                                      const deploy::TargetHost& /*host*/) const
{
    const QString directory = values.text(kDirectoryField);
    if (isKeyStore(values)) {
        return KeyStoreMaterial::checkCommand(values, join(directory, values.text(kKeyStoreName)));
    }
    const QString certificatePath = join(directory, values.text(kCertificateName));
    const QString keyPath = join(directory, values.text(kKeyName));
    return ServerCommand::check(
        tr("key/certificate check of %1 and %2").arg(certificatePath, keyPath),
        [certificatePath, keyPath](deploy::TargetHost& host) -> Status {
            auto certificateFile = MaterialFiles::readState(host, certificatePath);
            auto keyFile = MaterialFiles::readState(host, keyPath);
            Status result;
            if (!certificateFile || !keyFile || !certificateFile->exists || !keyFile->exists) {
                result = fail(tr("%1 and %2 are not both on %3").arg(certificatePath, keyPath, host.describe()));
            } else {
                auto certificate = crypto::Certificate::fromPem(certificateFile->content);
                auto key = crypto::PrivateKey::fromPem(keyFile->content);
                if (!certificate || !key) {
                    result = fail(tr("%1 is not a PEM certificate or %2 not a PEM key").arg(certificatePath, keyPath));
                } else if (!certificate->matchesKey(*key)) {
                    result = fail(
                        tr("the key in %1 does not belong to the certificate in %2").arg(keyPath, certificatePath));
                }
            }
            if (keyFile) {
                OPENSSL_cleanse(keyFile->content.data(), size_t(keyFile->content.size()));
            }
            return result;
        });
}

ServerCommand FileDeliveryDeployer::reloadCommand(const FieldValues& /*values*/,
                                                  const deploy::TargetHost& /*host*/) const
{
    return ServerCommand::check(tr("no step after the delivery"), [](deploy::TargetHost&) { return Status(); });
}

} // namespace certdeck::deployers
