#include "deployers/kubernetes/KubernetesBackups.h"

#include "deployers/common/SecureFileIo.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesBackups", text);
}

bool isValidId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^k8s-[0-9A-Za-z-]{1,60}$"));
    return pattern.match(id).hasMatch();
}

// The Secret as a backup holds it: what a restore writes back (type, data, annotations, labels).
QJsonObject stateJson(const KubernetesBackups::SecretState& state)
{
    QJsonObject object{{QStringLiteral("name"), state.name},
                       {QStringLiteral("existed"), state.previous.has_value()},
                       {QStringLiteral("written"), state.written},
                       {QStringLiteral("writtenResourceVersion"), state.writtenResourceVersion}};
    if (state.previous) {
        object.insert(QStringLiteral("secret"), state.previous->toJson());
    }
    return object;
}

} // namespace

KubernetesBackups::KubernetesBackups(QString stateDirectory)
    : m_stateDirectory(std::move(stateDirectory))
{
}

QString KubernetesBackups::directory() const
{
    return m_stateDirectory + QStringLiteral("/kubernetes-backups");
}

QString KubernetesBackups::newId()
{
    return QStringLiteral("k8s-%1-%2")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")))
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

Status KubernetesBackups::save(const Backup& backup) const
{
    if (!isValidId(backup.id)) {
        return fail(tr("\"%1\" cannot name a backup").arg(backup.id.left(80)));
    }
    if (Status made = fileio::makePrivateDirectory(directory()); !made) {
        return fail(tr("could not keep the backup of the Secrets in %1: %2; nothing was changed")
                        .arg(directory(), made.message()));
    }
    QJsonArray secrets;
    for (const SecretState& state : backup.secrets) {
        secrets.append(stateJson(state));
    }
    const QJsonObject object{{QStringLiteral("version"), 1},
                             {QStringLiteral("id"), backup.id},
                             {QStringLiteral("server"), backup.server},
                             {QStringLiteral("namespace"), backup.namespaceName},
                             {QStringLiteral("createdAt"), backup.createdAt.toUTC().toString(Qt::ISODateWithMs)},
                             {QStringLiteral("secrets"), secrets}};
    const QString path = directory() + QLatin1Char('/') + backup.id + QStringLiteral(".json");
    if (Status written = fileio::writeAtomically(path, QJsonDocument(object).toJson(QJsonDocument::Compact), {0600});
        !written) {
        return fail(
            tr("could not keep the backup of the Secrets in %1: %2; nothing was changed").arg(path, written.message()));
    }
    return {};
}

Result<KubernetesBackups::Backup> KubernetesBackups::read(const QString& id) const
{
    const QString notOurs =
        tr("backup %1 was not made by this bot (it is not in %2); nothing was restored").arg(id.left(80), directory());
    if (!isValidId(id)) {
        return fail(notOurs, QStringLiteral("notFound"));
    }
    auto file = fileio::readFile(directory() + QLatin1Char('/') + id + QStringLiteral(".json"));
    if (!file) {
        return file.error();
    }
    if (!file->exists) {
        return fail(notOurs, QStringLiteral("notFound"));
    }
    const QJsonObject object = QJsonDocument::fromJson(file->content).object();
    if (object.value(QStringLiteral("id")).toString() != id) {
        return fail(tr("the backup %1 in %2 is damaged; nothing was restored").arg(id, directory()));
    }
    Backup backup;
    backup.id = id;
    backup.server = object.value(QStringLiteral("server")).toString();
    backup.namespaceName = object.value(QStringLiteral("namespace")).toString();
    backup.createdAt = QDateTime::fromString(object.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    for (const QJsonValue& value : object.value(QStringLiteral("secrets")).toArray()) {
        const QJsonObject entry = value.toObject();
        SecretState state;
        state.name = entry.value(QStringLiteral("name")).toString();
        state.written = entry.value(QStringLiteral("written")).toBool();
        state.writtenResourceVersion = entry.value(QStringLiteral("writtenResourceVersion")).toString();
        if (entry.value(QStringLiteral("existed")).toBool()) {
            state.previous = KubernetesSecret::fromJson(entry.value(QStringLiteral("secret")).toObject());
        }
        backup.secrets.append(state);
    }
    return backup;
}

Result<KubernetesBackups::Backup> KubernetesBackups::load(const QString& id, const QString& server,
                                                          const QString& namespaceName) const
{
    auto backup = read(id);
    if (!backup) {
        return backup.error();
    }
    if (backup->server != server || backup->namespaceName != namespaceName) {
        return fail(tr("backup %1 holds Secrets of namespace %2 at %3, not of namespace %4 at %5; nothing was "
                       "restored")
                        .arg(id, backup->namespaceName, backup->server, namespaceName, server),
                    QStringLiteral("policy"));
    }
    return backup;
}

void KubernetesBackups::prune(const QString& server, const QString& namespaceName, const QString& secretName,
                              const QString& keep) const
{
    QList<Backup> ofSecret;
    const QStringList files = QDir(directory()).entryList({QStringLiteral("k8s-*.json")}, QDir::Files);
    for (const QString& file : files) {
        auto backup = read(file.chopped(5));
        if (backup && backup->server == server && backup->namespaceName == namespaceName &&
            !backup->secrets.isEmpty() && backup->secrets.front().name == secretName) {
            ofSecret << *backup;
        }
    }
    std::sort(ofSecret.begin(), ofSecret.end(),
              [](const Backup& a, const Backup& b) { return a.createdAt > b.createdAt; });
    for (qsizetype i = kKept; i < ofSecret.size(); ++i) {
        if (ofSecret.at(i).id != keep) {
            (void)fileio::removeFile(directory() + QLatin1Char('/') + ofSecret.at(i).id + QStringLiteral(".json"));
        }
    }
}

} // namespace certdeck::deployers
