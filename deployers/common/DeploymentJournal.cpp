#include "deployers/common/DeploymentJournal.h"

#include "deployers/common/SecureFileIo.h"
#include "engine/domain/ServerType.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::deployers {

namespace {

constexpr qsizetype kMaxRecordBytes = 256 * 1024;
const QString kSuffix = QStringLiteral(".json");

QString tr(const char* text)
{
    return QCoreApplication::translate("DeploymentJournal", text);
}

bool isValidId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

QJsonObject toJson(const JournalRecord& record)
{
    return {{QStringLiteral("version"), 1},
            {QStringLiteral("id"), record.id},
            {QStringLiteral("kind"), record.kind},
            {QStringLiteral("restoreBackupId"), record.restoreBackupId},
            {QStringLiteral("backupStore"), record.backupStore},
            {QStringLiteral("targetHost"), record.targetHost},
            {QStringLiteral("serverType"), record.serverType},
            {QStringLiteral("fields"), QJsonObject::fromVariantMap(record.fields)},
            {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), record.verifyHost},
                                                   {QStringLiteral("port"), record.verifyPort},
                                                   {QStringLiteral("serverName"), record.verifyServerName},
                                                   {QStringLiteral("timeoutMs"), record.verifyTimeoutMs}}},
            {QStringLiteral("previousFingerprint"), record.previousFingerprint},
            {QStringLiteral("fingerprint"), record.fingerprint},
            {QStringLiteral("paths"), QJsonArray::fromStringList(record.paths)},
            {QStringLiteral("startedAt"), record.startedAt.toUTC().toString(Qt::ISODateWithMs)}};
}

} // namespace

DeploymentJournal::DeploymentJournal(QString stateDirectory)
    : m_stateDirectory(std::move(stateDirectory))
{
}

QString DeploymentJournal::directory() const
{
    return m_stateDirectory + QStringLiteral("/journal");
}

Status DeploymentJournal::begin(const JournalRecord& record)
{
    if (!isValidId(record.id)) {
        return fail(tr("\"%1\" cannot name a journal record").arg(record.id));
    }
    if (Status made = fileio::makePrivateDirectory(directory()); !made) {
        return made;
    }
    const QByteArray json = QJsonDocument(toJson(record)).toJson(QJsonDocument::Indented);
    if (Status written = fileio::writeAtomically(directory() + QLatin1Char('/') + record.id + kSuffix, json, {0600});
        !written) {
        return fail(tr("could not record the deployment in progress: %1").arg(written.message()));
    }
    return {};
}

Status DeploymentJournal::finish(const QString& id)
{
    if (!isValidId(id)) {
        return fail(tr("\"%1\" cannot name a journal record").arg(id));
    }
    return fileio::removeFile(directory() + QLatin1Char('/') + id + kSuffix);
}

Result<JournalRecord> DeploymentJournal::parse(const QString& file, const QByteArray& json) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(tr("it is not a JSON object (%1)").arg(error.errorString()));
    }
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("version")).toInt() != 1) {
        return fail(tr("it has an unknown version"));
    }
    JournalRecord record;
    record.id = object.value(QStringLiteral("id")).toString();
    record.kind = object.value(QStringLiteral("kind")).toString();
    record.restoreBackupId = object.value(QStringLiteral("restoreBackupId")).toString();
    record.backupStore = object.value(QStringLiteral("backupStore")).toString();
    record.targetHost = object.value(QStringLiteral("targetHost")).toString();
    record.serverType = object.value(QStringLiteral("serverType")).toString();
    record.fields = object.value(QStringLiteral("fields")).toObject().toVariantMap();
    const QJsonObject verify = object.value(QStringLiteral("verify")).toObject();
    record.verifyHost = verify.value(QStringLiteral("host")).toString();
    record.verifyPort = verify.value(QStringLiteral("port")).toInt();
    record.verifyServerName = verify.value(QStringLiteral("serverName")).toString();
    record.verifyTimeoutMs = std::clamp(verify.value(QStringLiteral("timeoutMs")).toInt(15000), 1000, 300000);
    record.previousFingerprint = object.value(QStringLiteral("previousFingerprint")).toString();
    record.fingerprint = object.value(QStringLiteral("fingerprint")).toString();
    for (const QJsonValue& path : object.value(QStringLiteral("paths")).toArray()) {
        record.paths << path.toString();
    }
    record.startedAt = QDateTime::fromString(object.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs);

    ServerType type;
    if (!isValidId(record.id) || file != record.id + kSuffix) {
        return fail(tr("its id does not match its file name"));
    }
    if (record.kind != QLatin1String("deploy") && record.kind != QLatin1String("rollback") &&
        record.kind != QLatin1String("remove")) {
        return fail(tr("it names no known operation"));
    }
    if (!isValidId(record.restoreBackupId)) {
        return fail(tr("it names no valid backup"));
    }
    if (!serverTypeFromId(record.serverType, &type)) {
        return fail(tr("it names an unknown server type"));
    }
    if (record.verifyHost.isEmpty() || record.verifyPort < 1 || record.verifyPort > 65535) {
        return fail(tr("it has no valid endpoint to verify"));
    }
    if (record.paths.isEmpty() || std::any_of(record.paths.begin(), record.paths.end(), [](const QString& path) {
            return !path.startsWith(QLatin1Char('/')) || path.contains(QLatin1String("/../"));
        })) {
        return fail(tr("its target files are not absolute paths"));
    }
    // The record is the bot's own (its private journal directory); the backup it names is restored only when the
    // bot's BackupIndex lists it there with an unchanged manifest, and its paths only within the bot's policy.
    if (!record.backupStore.startsWith(QLatin1Char('/')) || QDir::cleanPath(record.backupStore) != record.backupStore) {
        return fail(tr("its backup directory %1%2 is not a normal absolute path")
                        .arg(record.backupStore,
                             record.targetHost.isEmpty() ? QString() : tr(" on %1").arg(record.targetHost)));
    }
    return record;
}

QList<DeploymentJournal::Entry> DeploymentJournal::entries() const
{
    QList<Entry> entries;
    const QDir dir(directory());
    if (!dir.exists()) {
        return entries;
    }
    struct stat info = {};
    const bool dirIsOurs = ::lstat(QFile::encodeName(directory()).constData(), &info) == 0 && S_ISDIR(info.st_mode) &&
                           info.st_uid == ::geteuid() && (info.st_mode & 022) == 0;
    for (const QString& file : dir.entryList({QStringLiteral("*") + kSuffix}, QDir::Files | QDir::System, QDir::Name)) {
        Entry entry;
        entry.file = dir.filePath(file);
        if (!dirIsOurs) {
            entry.problem =
                tr("the journal directory %1 is not owned by this user or is writable by others").arg(directory());
            entries << entry;
            continue;
        }
        struct stat fileInfo = {};
        auto read = fileio::readFile(entry.file);
        if (!read || !read->exists) {
            entry.problem = read ? tr("it vanished") : read.message();
        } else if (::lstat(QFile::encodeName(entry.file).constData(), &fileInfo) != 0 ||
                   fileInfo.st_uid != ::geteuid() || (fileInfo.st_mode & 022) != 0) {
            entry.problem = tr("it is not owned by this user or is writable by others");
        } else if (read->content.size() > kMaxRecordBytes) {
            entry.problem = tr("it is too large");
        } else if (auto record = parse(file, read->content); !record) {
            entry.problem = record.message();
        } else {
            entry.record = std::move(record.value());
        }
        entries << entry;
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        const QDateTime left = a.record ? a.record->startedAt : QDateTime();
        const QDateTime right = b.record ? b.record->startedAt : QDateTime();
        return left > right;
    });
    return entries;
}

QSet<QString> DeploymentJournal::referencedBackups() const
{
    QSet<QString> ids;
    for (const Entry& entry : entries()) {
        if (entry.record) {
            ids << entry.record->id << entry.record->restoreBackupId;
        } else {
            // A refused record may still be someone's: keep what its name points at.
            ids << QFileInfo(entry.file).completeBaseName();
        }
    }
    return ids;
}

} // namespace certdeck::deployers
