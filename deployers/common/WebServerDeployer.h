#pragma once

#include "deployers/common/DeploymentJournal.h"
#include "deployers/common/FieldValues.h"
#include "deployers/common/MaterialFiles.h"
#include "deployers/common/ServerCommand.h"
#include "engine/deploy/BotPolicy.h"
#include "engine/deploy/Deployer.h"

#include <memory>
#include <vector>

namespace certdeck::deployers {

// A server that reads its certificate and key from PEM files and is reloaded by its own tool (nginx,
// Apache HTTP). Runs the whole deployment: validate fields -> key/certificate match -> backup -> write ->
// config test -> reload -> verify by handshake; on a failure (with rollbackOnFailure) restore the backup,
// reload when the server had been reloaded, and verify that the old certificate is served again.
// Subclasses say which fields they need, which files to write and how to test and reload.
//
// With a journal (the bot passes one), every deployment and rollback is recorded there before the first target
// file changes, and recover() finishes what a killed bot left behind. Empty backup directory: the journal's state
// directory (this host) or the target host's state directory (agentless).
//
// Every file and server command goes through the request's deploy::TargetHost (this host, or an SSH host for an
// agentless target): the same sequence and guarantees both ways. The journal always stays on the bot's host; a
// record of an agentless target names that host (JournalRecord::targetHost) and is recovered only through a
// connection to it (the next deployment, rollback or removal there), never blindly at the bot's start.
//
// The bot's policy (deploy::BotPolicy) decides before anything is touched: the server program is the policy's
// (the request only picks one of them), configuration paths, target files and the backup directory must lie in the
// policy's trees, reloads must be allowed. Rollback and recovery read only backups in the bot's BackupIndex.
class WebServerDeployer : public deploy::Deployer
{
public:
    // policy null: the policy of the host it runs on (deploy::BotPolicy::load()).
    explicit WebServerDeployer(std::shared_ptr<DeploymentJournal> journal = {},
                               std::shared_ptr<const deploy::BotPolicy> policy = {});

    static constexpr int kBackupsKept = 5; // per set of target files

    // The server fields plus the backup directory.
    QList<deploy::DeployerField> fields() const final;

    Result<deploy::DeployReport> deploy(const deploy::DeployRequest& request, const deploy::ProgressFn& progress) final;
    // Same server instance (same reload command): one config test and one reload for the whole batch.
    QString batchKey(const deploy::DeployRequest& request) const final;
    QList<Result<deploy::DeployReport>> deployBatch(const QList<deploy::DeployRequest>& requests,
                                                    const QList<deploy::ProgressFn>& progress) final;
    Result<deploy::DeployReport> rollback(const QString& backupId, const deploy::DeployRequest& request,
                                          const deploy::ProgressFn& progress) final;
    // Backs up and deletes the certificate, key and chain files of the fields, then the config test: when the
    // server still needs them they are restored byte-for-byte and the failure names them ("nginx still uses
    // ..."); otherwise the server is reloaded. Journaled like a deployment (a killed bot puts the files back).
    Result<deploy::DeployReport> remove(const deploy::DeployRequest& request, const deploy::ProgressFn& progress) final;

    // Puts the target of an interrupted deployment or rollback back as it was: restores the backup, runs the config
    // test and the reload, and verifies that the previous certificate is served again (when it is known).
    // outcome: "recovered", "unverified" (restored and reloaded, the old certificate not proven) or "failed" (the
    // record stays, so that the next start or deployment to these files tries again).
    struct RecoveryOutcome
    {
        QString outcome;
        QString message;
    };
    // `host`: the connection to the record's agentless target (null: this host). A record of another host fails
    // (and stays) without touching anything.
    // `secrets`: the Secret fields of the request that leads to the recovery (a key store or manager password, which
    // the journal never holds); without them a server that needs one is restored but not tested and reloaded.
    RecoveryOutcome recover(const JournalRecord& record, const std::shared_ptr<deploy::TargetHost>& host = {},
                            const QVariantMap& secrets = {});

    // The PEM material of a request, checked: leaf, chain, key that matches the leaf.
    struct Material
    {
        QByteArray leafPem;
        QByteArray chainPem;     // intermediates, may be empty
        QByteArray fullChainPem; // leaf followed by the intermediates
        QByteArray keyPem;
        QString fingerprint; // of the leaf
    };

protected:
    virtual QString serverName() const = 0; // "nginx", for reports
    virtual QList<deploy::DeployerField> serverFields() const = 0;
    virtual QList<MaterialFile> materialFiles(const FieldValues& values, const Material& material) const = 0;
    // The files of a deployment, made from what is on the target now: a key store keeps its other entries. The
    // default is materialFiles(). An error refuses the request before anything is touched.
    virtual Result<QList<MaterialFile>> materialFilesOn(const FieldValues& values, const Material& material,
                                                        const deploy::TargetHost& host) const;
    virtual ServerCommand configTestCommand(const FieldValues& values, const deploy::TargetHost& host) const = 0;
    virtual ServerCommand reloadCommand(const FieldValues& values, const deploy::TargetHost& host) const = 0;
    // The field that picks the server program (resolved through the bot's policy), and the fields whose paths are
    // handed to that program (configuration file, server root, prefix): they must lie in the policy's config trees.
    // Empty: no program (a server reloaded through its API, or a reload method that runs none).
    virtual QString programField(const FieldValues& values) const = 0;
    virtual QStringList configFields() const = 0;

    // Where a request acts: request.host (an agentless target over SSH) or this host. A deployer that reaches its
    // target by a protocol of its own (FTP) connects here from its fields; one that only serves other hosts (SFTP)
    // refuses this one. An error refuses the request before anything is touched.
    virtual Result<std::shared_ptr<deploy::TargetHost>> targetHost(const deploy::DeployRequest& request,
                                                                   const FieldValues& values) const;
    // The name of that target without connecting to it (batch keys): request.host's, or this host's.
    virtual QString targetName(const deploy::DeployRequest& request, const FieldValues& values) const;

    // The bot's policy (a deployer that connects to its target itself checks it before connecting).
    const deploy::BotPolicy& policy() const { return *m_policy; }

    // The bot's policy on a file the deployer is about to read or write (a key store it updates): in its write trees.
    Status admitTargetFile(const QString& path, const QString& what, const deploy::TargetHost& host) const
    {
        return admitPaths({path}, what, host);
    }
    // The key store at `path` as the deployment's one file, its other aliases kept (KeyStoreMaterial::file), once the
    // policy admitted the path: the store is read before it is written. `what` names the field in messages.
    Result<QList<MaterialFile>> keyStoreFilesOn(const FieldValues& values, const QString& path, const QString& what,
                                                const Material& material, const deploy::TargetHost& host) const;

    // A Path field (file or directory) of a subclass's schema.
    static deploy::DeployerField pathField(const QString& id, const QString& label, bool required,
                                           const QString& placeholder, const QString& help,
                                           const QString& defaultValue = {});
    // A field of any kind (Text, Secret, Choice: set its choices) of a subclass's schema.

private:
    class Run;
    struct BatchItem;
    void applyBatch(std::vector<std::unique_ptr<BatchItem>>& items);
    void retryOneByOne(const std::vector<BatchItem*>& written, const QString& failure, bool reloadAttempted);
    void rollBack(const std::vector<BatchItem*>& failedItems, bool reloadAttempted);
    QString storeDirectory(const FieldValues& values, const deploy::TargetHost& host) const;
    MaterialFiles storeAt(const QString& directory, const std::shared_ptr<deploy::TargetHost>& host) const;
    // The request's fields as the bot's policy lets them run (the program resolved to an allowed one), or why not.
    Result<QVariantMap> admit(const QVariantMap& fields, const deploy::TargetHost& host) const;
    // Every target file (and, for a backup directory, the directory) in the policy's write trees.
    Status admitPaths(const QStringList& paths, const QString& what, const deploy::TargetHost& host) const;
    Status admitFiles(const QList<MaterialFile>& files, const deploy::TargetHost& host) const;
    JournalRecord recordFor(const QString& kind, const QString& id, const QString& restoreBackupId,
                            const QString& store, const deploy::DeployRequest& request,
                            const QList<MaterialFile>& files, const QString& previous,
                            const QString& fingerprint) const;
    void finishRecord(BatchItem* item);
    QString recoverInterrupted(const QList<MaterialFile>& files, const std::shared_ptr<deploy::TargetHost>& host,
                               const QVariantMap& requestFields, QStringList* steps);
    void pruneBackups(const QList<MaterialFiles>& stores);

    std::shared_ptr<DeploymentJournal> m_journal;
    std::shared_ptr<const deploy::BotPolicy> m_policy;
    std::shared_ptr<const BackupIndex> m_index;
};

} // namespace certdeck::deployers
