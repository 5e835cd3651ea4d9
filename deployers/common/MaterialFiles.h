#pragma once

#include "deployers/common/BackupIndex.h"
#include "deployers/common/SecureFileIo.h"
#include "engine/core/Result.h"
#include "engine/deploy/TargetHost.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

namespace certdeck::deployers {

// One file of deployed material and what it holds.
struct MaterialFile
{
    enum class Role { Certificate, Key, Chain };

    QString path; // absolute
    Role role = Role::Certificate;
    QByteArray content; // for a key: secret, never logged
    uint mode = 0;      // of a new file; 0: by role (a key 0600, others 0644)
};

// The certificate, key and chain files of a server: backs them up byte-for-byte (content, mode, owner)
// under <stateDirectory>/backups/<id> (0700), writes new ones atomically (temp file in the same directory,
// fsync, rename, fsync of the directory; keys 0600, certificates 0644) and restores a backup. Everything happens
// on `host` (null: this host): the backups of an agentless target stay on that host, next to its files.
// With an index (deployers always pass the bot's), every backup is recorded there and only a recorded backup whose
// manifest is unchanged is ever read back (see BackupIndex).
class MaterialFiles
{
public:
    // stateDirectory empty: the host's default (this host: defaultStateDirectory()).
    explicit MaterialFiles(QString stateDirectory, std::shared_ptr<deploy::TargetHost> host = {},
                           std::shared_ptr<const BackupIndex> index = {});

    // A regular file on `host`, without following a symbolic link (refused with a message that says what to enter
    // instead). A missing file (or parent) is exists=false.
    static Result<fileio::FileState> readState(const deploy::TargetHost& host, const QString& path);

    // Saves the current state of every target path (also "did not exist") and returns the backup id.
    // Refuses symbolic links and duplicate paths before anything is written.
    Result<QString> backup(const QList<MaterialFile>& targets);

    // Replaces the file atomically. An existing file keeps its owner.
    Status write(const MaterialFile& file);
    // Reads every file back from the host and compares it byte-for-byte with `expected` (content empty: the file must
    // not exist, or be empty). The message names the first file that differs.
    Status readBack(const QList<MaterialFile>& expected) const;

    // Puts every file of the backup back as it was (bytes, mode, owner); removes files that did not exist.
    Status restore(const QString& backupId);

    // The targets recorded in a backup (content = the saved bytes; empty for a file that did not exist).
    Result<QList<MaterialFile>> backedUpFiles(const QString& backupId) const;

    QString backupDirectory(const QString& backupId) const;
    QString stateDirectory() const { return m_stateDirectory; }
    const std::shared_ptr<deploy::TargetHost>& host() const { return m_host; }

    // Removes old backups: keeps the newest `keep` per set of target files, and never one in `keepAlways`
    // (backups that an in-progress deployment needs).
    void prune(int keep, const QSet<QString>& keepAlways);

    // CERTDECK_BOT_STATE_DIR, else /var/lib/certdeck-bot for root, else ~/.local/share/certdeck-bot.
    static QString defaultStateDirectory();

private:
    struct Entry;
    Result<QList<Entry>> readManifest(const QString& backupId) const;

    QString hostName() const; // empty: this host

    std::shared_ptr<deploy::TargetHost> m_host;
    QString m_stateDirectory;
    std::shared_ptr<const BackupIndex> m_index;
};

} // namespace certdeck::deployers
