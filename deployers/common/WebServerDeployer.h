#pragma once

#include "deployers/common/FieldValues.h"
#include "deployers/common/MaterialFiles.h"
#include "deployers/common/ServerCommand.h"
#include "engine/deploy/Deployer.h"

#include <memory>
#include <vector>

namespace certdeck::deployers {

// A server that reads its certificate and key from PEM files and is reloaded by its own tool (nginx,
// Apache HTTP). Runs the whole deployment: validate fields -> key/certificate match -> backup -> write ->
// config test -> reload -> verify by handshake; on a failure (with rollbackOnFailure) restore the backup,
// reload when the server had been reloaded, and verify that the old certificate is served again.
// Subclasses say which fields they need, which files to write and how to test and reload.
class WebServerDeployer : public deploy::Deployer
{
public:
    // The server fields plus the backup directory.
    QList<deploy::DeployerField> fields() const final;

    Result<deploy::DeployReport> deploy(const deploy::DeployRequest& request, const deploy::ProgressFn& progress) final;
    // Same server instance (same reload command): one config test and one reload for the whole batch.
    QString batchKey(const deploy::DeployRequest& request) const final;
    QList<Result<deploy::DeployReport>> deployBatch(const QList<deploy::DeployRequest>& requests,
                                                    const QList<deploy::ProgressFn>& progress) final;
    Result<deploy::DeployReport> rollback(const QString& backupId, const deploy::DeployRequest& request,
                                          const deploy::ProgressFn& progress) final;

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
    virtual ServerCommand configTestCommand(const FieldValues& values) const = 0;
    virtual ServerCommand reloadCommand(const FieldValues& values) const = 0;

    // A Path field (file or directory) of a subclass's schema.
    static deploy::DeployerField pathField(const QString& id, const QString& label, bool required,
                                           const QString& placeholder, const QString& help,
                                           const QString& defaultValue = {});

private:
    class Run;
    struct BatchItem;
    void applyBatch(std::vector<std::unique_ptr<BatchItem>>& items);
    void retryOneByOne(const std::vector<BatchItem*>& written, const QString& failure, bool reloadAttempted);
    void rollBack(const std::vector<BatchItem*>& failedItems, bool reloadAttempted);
};

} // namespace certdeck::deployers
