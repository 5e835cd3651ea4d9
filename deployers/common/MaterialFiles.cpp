#include "deployers/common/MaterialFiles.h"

#include "deployers/common/LocalHost.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <openssl/crypto.h>

#include <algorithm>
#include <atomic>

#include <unistd.h>

namespace certdeck::deployers {

namespace {

const QString kManifest = QStringLiteral("manifest.json");

QString tr(const char* text)
{
    return QCoreApplication::translate("MaterialFiles", text);
}

QString roleName(MaterialFile::Role role)
{
    switch (role) {
    case MaterialFile::Role::Certificate:
        return QStringLiteral("certificate");
    case MaterialFile::Role::Key:
        return QStringLiteral("key");
    case MaterialFile::Role::Chain:
        return QStringLiteral("chain");
    }
    return {};
}

MaterialFile::Role roleFromName(const QString& name)
{
    if (name == QLatin1String("key")) {
        return MaterialFile::Role::Key;
    }
    return name == QLatin1String("chain") ? MaterialFile::Role::Chain : MaterialFile::Role::Certificate;
}

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
        secret.clear();
    }
}

bool isValidBackupId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

// The creation time of a backup, strictly increasing within this process: prune() orders the backups of the same
// files by it, and several taken in one millisecond (a batch) must still keep the order they were made in.
QString newCreatedAt()
{
    static std::atomic<qint64> last{0};
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 previous = last.load();
    do {
        now = std::max(now, previous + 1);
    } while (!last.compare_exchange_weak(previous, now));
    return QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString newBackupId()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")) +
           QStringLiteral("-%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

// A replaced key file keeps its owner, so the owner of what is there now can read the new private key. That is
// fine for root, the bot's own user and the owner of the directory (who can replace the file anyway); any other
// owner may have planted the file to read the next key.
Status checkKeyOwner(const deploy::TargetHost& host, const QString& path, uid_t owner)
{
    if (owner == 0) {
        return {};
    }
    const Result<uint> self = host.userId();
    if (self && *self == owner) {
        return {};
    }
    const QString directory = path.left(std::max<qsizetype>(path.lastIndexOf(QLatin1Char('/')), 1));
    const Result<deploy::HostFileInfo> parent = host.stat(directory);
    if (parent && parent->exists && parent->uid == owner) {
        return {};
    }
    return fail(tr("refused to write the private key %1 on %2: the file there belongs to uid %3, which is not root, "
                   "the bot's user%4 or the owner of %5, and a replaced key keeps its owner, so that user could read "
                   "the new key. Another user may have planted the file: check who created it, remove it (or give "
                   "it to root), then deploy again.")
                    .arg(path, host.describe())
                    .arg(owner)
                    .arg(self ? QStringLiteral(" (uid %1)").arg(*self) : QString())
                    .arg(directory));
}

} // namespace

struct MaterialFiles::Entry
{
    QString path;
    MaterialFile::Role role = MaterialFile::Role::Certificate;
    bool existed = false;
    mode_t mode = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    QString copy; // file name inside the backup directory
};

MaterialFiles::MaterialFiles(QString stateDirectory, std::shared_ptr<deploy::TargetHost> host,
                             std::shared_ptr<const BackupIndex> index)
    : m_host(LocalHost::orThisHost(host))
    , m_stateDirectory(stateDirectory.isEmpty() ? m_host->stateDirectory() : std::move(stateDirectory))
    , m_index(std::move(index))
{
}

QString MaterialFiles::hostName() const
{
    return m_host->isLocal() ? QString() : m_host->describe();
}

Result<fileio::FileState> MaterialFiles::readState(const deploy::TargetHost& host, const QString& path)
{
    fileio::FileState state;
    auto info = host.stat(path);
    if (!info) {
        return info.error();
    }
    if (!info->exists) {
        return state;
    }
    if (info->isSymlink) {
        return fail(tr("%1 is a symbolic link. Enter the path of the file it points to, so that CertDeck "
                       "replaces that file and can restore it.")
                        .arg(path));
    }
    if (info->isDirectory) {
        return fail(tr("%1 is not a regular file. Enter the path of a certificate or key file.").arg(path));
    }
    auto content = host.readFile(path); // this host: O_NOFOLLOW and a regular-file check again, no race
    if (!content) {
        if (content.error().kind == QLatin1String("notFound")) {
            return state;
        }
        return content.error();
    }
    state.exists = true;
    state.content = std::move(content.value());
    state.mode = static_cast<mode_t>(info->mode);
    state.uid = static_cast<uid_t>(info->uid);
    state.gid = static_cast<gid_t>(info->gid);
    return state;
}

QString MaterialFiles::defaultStateDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("CERTDECK_BOT_STATE_DIR");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    if (::geteuid() == 0) {
        return QStringLiteral("/var/lib/certdeck-bot");
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/certdeck-bot");
}

QString MaterialFiles::backupDirectory(const QString& backupId) const
{
    return m_stateDirectory + QStringLiteral("/backups/") + backupId;
}

Result<QString> MaterialFiles::backup(const QList<MaterialFile>& targets)
{
    QSet<QString> seen;
    QList<Entry> entries;
    QList<QByteArray> contents;
    auto wipeAll = [&contents] {
        for (QByteArray& content : contents) {
            wipe(content);
        }
    };
    for (const MaterialFile& target : targets) {
        if (seen.contains(target.path)) {
            wipeAll();
            return fail(
                tr("%1 is entered for two different files. Enter a separate path for each file.").arg(target.path));
        }
        seen.insert(target.path);
        auto state = readState(*m_host, target.path);
        if (!state) {
            wipeAll();
            return state.error();
        }
        Entry entry{target.path, target.role, state->exists, state->mode, state->uid, state->gid, {}};
        if (entry.existed) {
            entry.copy = QString::number(entries.size());
        }
        entries << entry;
        contents << std::move(state->content);
    }

    const QString id = newBackupId();
    const QString directory = backupDirectory(id);
    Status prepared = m_host->makeDirectories(m_stateDirectory + QStringLiteral("/backups"), 0700);
    if (prepared) {
        prepared = m_host->makeDirectories(directory, 0700);
    }
    QJsonArray manifest;
    for (qsizetype i = 0; prepared && i < entries.size(); ++i) {
        const Entry& entry = entries[i];
        if (entry.existed) {
            prepared = m_host->writeFileAtomic(directory + QLatin1Char('/') + entry.copy, contents[i], 0600);
        }
        manifest.append(QJsonObject{{QStringLiteral("path"), entry.path},
                                    {QStringLiteral("role"), roleName(entry.role)},
                                    {QStringLiteral("existed"), entry.existed},
                                    {QStringLiteral("mode"), static_cast<int>(entry.mode)},
                                    {QStringLiteral("uid"), static_cast<qint64>(entry.uid)},
                                    {QStringLiteral("gid"), static_cast<qint64>(entry.gid)},
                                    {QStringLiteral("copy"), entry.copy}});
    }
    wipeAll();
    if (prepared) {
        const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                          {QStringLiteral("createdAt"), newCreatedAt()},
                                                          {QStringLiteral("files"), manifest}})
                                    .toJson();
        prepared = m_host->writeFileAtomic(directory + QLatin1Char('/') + kManifest, json, 0600);
        if (prepared && m_index) {
            prepared = m_index->add({id, hostName(), m_stateDirectory, BackupIndex::sha256(json)});
        }
    }
    if (!prepared) {
        return fail(tr("could not save a backup in %1: %2").arg(directory, prepared.message()));
    }
    return id;
}

Status MaterialFiles::write(const MaterialFile& file)
{
    auto current = readState(*m_host, file.path);
    if (!current) {
        return current.error();
    }
    wipe(current->content);
    if (current->exists && file.role == MaterialFile::Role::Key) {
        if (Status trusted = checkKeyOwner(*m_host, file.path, current->uid); !trusted) {
            return trusted;
        }
    }
    const uint mode = file.mode != 0 ? file.mode : file.role == MaterialFile::Role::Key ? 0600 : 0644;
    const int uid = current->exists ? int(current->uid) : -1;
    const int gid = current->exists ? int(current->gid) : -1;
    return m_host->writeFileAtomic(file.path, file.content, mode, uid, gid);
}

Status MaterialFiles::readBack(const QList<MaterialFile>& expected) const
{
    for (const MaterialFile& file : expected) {
        auto current = readState(*m_host, file.path);
        if (!current) {
            return fail(
                tr("%1 could not be read back from %2: %3").arg(file.path, m_host->describe(), current.message()));
        }
        const bool same = current->exists ? current->content.size() == file.content.size() &&
                                                CRYPTO_memcmp(current->content.constData(), file.content.constData(),
                                                              size_t(file.content.size())) == 0
                                          : file.content.isEmpty();
        wipe(current->content);
        if (!same) {
            return fail(
                current->exists
                    ? tr("%1 read back from %2 differs from what was written").arg(file.path, m_host->describe())
                    : tr("%1 is missing on %2 after it was written").arg(file.path, m_host->describe()));
        }
    }
    return {};
}

Result<QList<MaterialFiles::Entry>> MaterialFiles::readManifest(const QString& backupId) const
{
    if (!isValidBackupId(backupId)) {
        return fail(tr("\"%1\" is not a backup id. Use the id from the deployment report.").arg(backupId));
    }
    auto manifest = readState(*m_host, backupDirectory(backupId) + QLatin1Char('/') + kManifest);
    if (!manifest) {
        return manifest.error();
    }
    if (!manifest->exists) {
        return fail(tr("there is no backup %1 in %2. Check the backup directory in the deployment details.")
                        .arg(backupId, m_stateDirectory + QStringLiteral("/backups")),
                    QStringLiteral("notFound"));
    }
    if (m_index) {
        if (Status ours = m_index->verify(backupId, hostName(), m_stateDirectory, manifest->content); !ours) {
            return ours.error();
        }
    }
    const QJsonArray files =
        QJsonDocument::fromJson(manifest->content).object().value(QStringLiteral("files")).toArray();
    QList<Entry> entries;
    for (const QJsonValue& value : files) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.path = object.value(QStringLiteral("path")).toString();
        entry.role = roleFromName(object.value(QStringLiteral("role")).toString());
        entry.existed = object.value(QStringLiteral("existed")).toBool();
        entry.mode = static_cast<mode_t>(object.value(QStringLiteral("mode")).toInt());
        entry.uid = static_cast<uid_t>(object.value(QStringLiteral("uid")).toInteger());
        entry.gid = static_cast<gid_t>(object.value(QStringLiteral("gid")).toInteger());
        entry.copy = object.value(QStringLiteral("copy")).toString();
        if (!entry.path.startsWith(QLatin1Char('/')) || (entry.existed && !isValidBackupId(entry.copy))) {
            return fail(tr("the backup %1 is damaged (%2). Restore the files by hand from %3.")
                            .arg(backupId, kManifest, backupDirectory(backupId)));
        }
        entries << entry;
    }
    if (entries.isEmpty()) {
        return fail(tr("the backup %1 is damaged or empty. Restore the files by hand from %2.")
                        .arg(backupId, backupDirectory(backupId)));
    }
    return entries;
}

Status MaterialFiles::restore(const QString& backupId)
{
    auto entries = readManifest(backupId);
    if (!entries) {
        return entries.error();
    }
    QStringList problems;
    for (const Entry& entry : *entries) {
        if (!entry.existed) {
            if (Status removed = m_host->removeFile(entry.path); !removed) {
                problems << removed.message();
            }
            continue;
        }
        auto saved = readState(*m_host, backupDirectory(backupId) + QLatin1Char('/') + entry.copy);
        if (!saved || !saved->exists) {
            problems << tr("the saved copy of %1 is missing from %2").arg(entry.path, backupDirectory(backupId));
            continue;
        }
        const Status written =
            m_host->writeFileAtomic(entry.path, saved->content, entry.mode, int(entry.uid), int(entry.gid));
        wipe(saved->content);
        if (!written) {
            problems << written.message();
        }
    }
    if (!problems.isEmpty()) {
        return fail(tr("could not restore every file of backup %1: %2. The saved copies are in %3.")
                        .arg(backupId, problems.join(QStringLiteral("; ")), backupDirectory(backupId)));
    }
    return {};
}

Result<QList<MaterialFile>> MaterialFiles::backedUpFiles(const QString& backupId) const
{
    auto entries = readManifest(backupId);
    if (!entries) {
        return entries.error();
    }
    QList<MaterialFile> files;
    for (const Entry& entry : *entries) {
        MaterialFile file{entry.path, entry.role, {}};
        if (entry.existed) {
            auto saved = readState(*m_host, backupDirectory(backupId) + QLatin1Char('/') + entry.copy);
            if (!saved) {
                return saved.error();
            }
            file.content = saved->content;
        }
        files << file;
    }
    return files;
}

void MaterialFiles::prune(int keep, const QSet<QString>& keepAlways)
{
    struct Backup
    {
        QString id;
        QString createdAt;
    };
    QMap<QString, QList<Backup>> byTargets; // sorted target paths -> backups
    auto listed = m_host->listDirectory(m_stateDirectory + QStringLiteral("/backups"));
    if (!listed) {
        return; // pruning is housekeeping: try again next time
    }
    for (const QString& id : listed.value()) {
        if (!isValidBackupId(id)) {
            continue;
        }
        auto manifest = readState(*m_host, backupDirectory(id) + QLatin1Char('/') + kManifest);
        if (!manifest || !manifest->exists) {
            continue; // not ours, or being written: leave it
        }
        const QJsonObject object = QJsonDocument::fromJson(manifest->content).object();
        QStringList paths;
        for (const QJsonValue& file : object.value(QStringLiteral("files")).toArray()) {
            paths << file.toObject().value(QStringLiteral("path")).toString();
        }
        paths.sort();
        const QString createdAt = object.value(QStringLiteral("createdAt")).toString(); // absent: an old backup
        byTargets[paths.join(QLatin1Char('\n'))].append(
            {id, (createdAt.isEmpty() ? QStringLiteral("0000") : createdAt) + QLatin1Char('|') + id});
    }
    for (QList<Backup>& list : byTargets) {
        std::sort(list.begin(), list.end(), [](const Backup& a, const Backup& b) { return a.createdAt > b.createdAt; });
        for (qsizetype i = keep; i < list.size(); ++i) {
            if (!keepAlways.contains(list.at(i).id)) {
                // Housekeeping: a backup that cannot be removed now is tried again at the next prune.
                if (m_host->removeTree(backupDirectory(list.at(i).id)) && m_index) {
                    [[maybe_unused]] const Status forgotten = m_index->remove(list.at(i).id);
                }
            }
        }
    }
}

} // namespace certdeck::deployers
