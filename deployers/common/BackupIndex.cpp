#include "deployers/common/BackupIndex.h"

#include "deployers/common/SecureFileIo.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace certdeck::deployers {

namespace {

constexpr qsizetype kMaxEntryBytes = 16 * 1024;

QString tr(const char* text)
{
    return QCoreApplication::translate("BackupIndex", text);
}

bool isValidId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9A-Za-z-]{1,64}$"));
    return pattern.match(id).hasMatch();
}

} // namespace

BackupIndex::BackupIndex(QString stateDirectory)
    : m_stateDirectory(std::move(stateDirectory))
{
}

QString BackupIndex::directory() const
{
    return m_stateDirectory + QStringLiteral("/backup-index");
}

QString BackupIndex::sha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

Status BackupIndex::add(const Entry& entry) const
{
    if (!isValidId(entry.id)) {
        return fail(tr("\"%1\" cannot name a backup").arg(entry.id));
    }
    if (Status made = fileio::makePrivateDirectory(directory()); !made) {
        return fail(tr("could not record backup %1 in %2: %3").arg(entry.id, directory(), made.message()));
    }
    const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                      {QStringLiteral("id"), entry.id},
                                                      {QStringLiteral("host"), entry.host},
                                                      {QStringLiteral("store"), QDir::cleanPath(entry.store)},
                                                      {QStringLiteral("manifestSha256"), entry.manifestSha256}})
                                .toJson(QJsonDocument::Compact);
    if (Status written =
            fileio::writeAtomically(directory() + QLatin1Char('/') + entry.id + QStringLiteral(".json"), json, {0600});
        !written) {
        return fail(tr("could not record backup %1 in %2: %3").arg(entry.id, directory(), written.message()));
    }
    return {};
}

Result<BackupIndex::Entry> BackupIndex::find(const QString& id) const
{
    const QString notOurs = tr("backup %1 was not made by this bot (it is not in its index %2); nothing was restored")
                                .arg(id.left(80), directory());
    if (!isValidId(id)) {
        return fail(notOurs, QStringLiteral("notFound"));
    }
    auto read = fileio::readFile(directory() + QLatin1Char('/') + id + QStringLiteral(".json"));
    if (!read) {
        return read.error();
    }
    if (!read->exists) {
        return fail(notOurs, QStringLiteral("notFound"));
    }
    if (read->content.size() > kMaxEntryBytes) {
        return fail(tr("the index entry of backup %1 in %2 is damaged").arg(id, directory()));
    }
    const QJsonObject object = QJsonDocument::fromJson(read->content).object();
    Entry entry{object.value(QStringLiteral("id")).toString(), object.value(QStringLiteral("host")).toString(),
                object.value(QStringLiteral("store")).toString(),
                object.value(QStringLiteral("manifestSha256")).toString()};
    if (entry.id != id || !entry.store.startsWith(QLatin1Char('/')) || entry.manifestSha256.size() != 64) {
        return fail(tr("the index entry of backup %1 in %2 is damaged").arg(id, directory()));
    }
    return entry;
}

Status BackupIndex::verify(const QString& id, const QString& host, const QString& store,
                           const QByteArray& manifest) const
{
    auto entry = find(id);
    if (!entry) {
        return entry.error();
    }
    const QString where = host.isEmpty() ? tr("this host") : host;
    if (entry->host != host || entry->store != QDir::cleanPath(store)) {
        return fail(tr("backup %1 was made in %2 on %3, not in %4 on %5; nothing was restored")
                        .arg(id, entry->store, entry->host.isEmpty() ? tr("this host") : entry->host, store, where),
                    QStringLiteral("policy"));
    }
    if (sha256(manifest) != entry->manifestSha256) {
        return fail(tr("the manifest of backup %1 in %2 was changed after the bot wrote it; nothing was restored. "
                       "Inspect %2 on %3: someone else can write there.")
                        .arg(id, store, where),
                    QStringLiteral("policy"));
    }
    return {};
}

Status BackupIndex::remove(const QString& id) const
{
    if (!isValidId(id)) {
        return {};
    }
    return fileio::removeFile(directory() + QLatin1Char('/') + id + QStringLiteral(".json"));
}

} // namespace certdeck::deployers
