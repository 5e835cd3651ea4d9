#pragma once

#include "deployers/kubernetes/KubernetesSecret.h"
#include "engine/core/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace certdeck::deployers {

// What the Secrets of one deployment held before it, kept by the bot in its own state directory
// (<state>/kubernetes-backups/<id>.json, 0600 in a 0700 directory, written atomically with SecureFileIo), never on
// the cluster. A request names a backup by id only; a backup is restored only to the API server and namespace it
// was taken from. kKept backups are kept per Secret, the newest ones.
class KubernetesBackups
{
public:
    static constexpr int kKept = 5;

    struct SecretState
    {
        QString name;
        std::optional<KubernetesSecret> previous; // nullopt: the Secret did not exist (a rollback deletes it)
        // Set once the deployment changed the Secret: the resourceVersion it got (empty: the deployment deleted it).
        // A restore goes ahead only while the Secret is still at that version, so that it never undoes a change
        // someone made after the deployment.
        bool written = false;
        QString writtenResourceVersion;
    };
    struct Backup
    {
        QString id;
        QString server; // the API server URL
        QString namespaceName;
        QDateTime createdAt;
        QList<SecretState> secrets; // in the order they were written
    };

    explicit KubernetesBackups(QString stateDirectory);

    QString directory() const;
    static QString newId();

    // Writes (or rewrites, after a conflict re-read) the backup durably before the Secrets change.
    Status save(const Backup& backup) const;
    // The backup `id`, made for `server` and `namespaceName`; kind "notFound" when this bot has none by that id.
    Result<Backup> load(const QString& id, const QString& server, const QString& namespaceName) const;
    // Drops the oldest backups of `secretName` in that namespace beyond kKept, never `keep`.
    void prune(const QString& server, const QString& namespaceName, const QString& secretName,
               const QString& keep) const;

private:
    Result<Backup> read(const QString& id) const;

    QString m_stateDirectory;
};

} // namespace certdeck::deployers
