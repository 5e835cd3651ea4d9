// WebServerDeployer: what the bot's policy lets a request do, checked before anything on the host is touched.
#include "deployers/common/WebServerDeployer.h"
#include "deployers/common/WebServerDeployerRun.h"

#include <QDir>

namespace certdeck::deployers {

using deploy::DeployerField;
using namespace webserver;

namespace {

QString labelOf(const QList<DeployerField>& schema, const QString& id)
{
    for (const DeployerField& field : schema) {
        if (field.id == id) {
            return field.label;
        }
    }
    return id;
}

} // namespace

Result<QVariantMap> WebServerDeployer::admit(const QVariantMap& requestFields, const deploy::TargetHost& host) const
{
    const deploy::BotPolicy& policy = *m_policy;
    const bool onThisHost = host.isLocal();
    if (!onThisHost) {
        if (Status allowed = policy.checkAgentless(); !allowed) {
            return allowed.error();
        }
    }
    if (Status allowed = policy.checkReload(); !allowed) {
        return allowed.error();
    }
    const QList<DeployerField> schema = fields();
    QVariantMap admitted = requestFields;
    const FieldValues values(schema, requestFields); // with the schema's defaults, as the commands will use them
    const QString programId = programField(values);
    if (!programId.isEmpty()) { // a server reloaded through its API (Tomcat's manager) runs no program
        const QString requested = values.text(programId);
        auto program = policy.resolveProgram(serverType(), requested, [&host](const QString& path) {
            auto info = host.stat(path);
            return info && info->exists && !info->isDirectory;
        });
        if (!program) {
            return fail(tr("%1: %2").arg(labelOf(schema, programId), program.message()), program.error().kind);
        }
        admitted[programId] = program.value();
    }
    for (const QString& id : configFields()) {
        const QString path = values.text(id);
        if (path.isEmpty()) {
            continue;
        }
        if (Status inside = policy.checkConfig(path, labelOf(schema, id), onThisHost); !inside) {
            return inside.error();
        }
    }
    // A backup directory the operator chose must be in the write trees; the host's own state directory (where
    // backups go by default, and what journal records name) always may be used.
    const QString backupDirectory = values.text(kBackupDirectoryField);
    const QString defaultStore = storeDirectory(FieldValues(schema, {}), host);
    if (!backupDirectory.isEmpty() && backupDirectory != defaultStore &&
        (!onThisHost || backupDirectory != MaterialFiles::defaultStateDirectory())) {
        if (Status inside = policy.checkWritable(backupDirectory, labelOf(schema, kBackupDirectoryField), onThisHost);
            !inside) {
            return inside.error();
        }
    }
    return admitted;
}

Status WebServerDeployer::admitPaths(const QStringList& paths, const QString& what,
                                     const deploy::TargetHost& host) const
{
    for (const QString& path : paths) {
        if (Status inside = m_policy->checkWritable(path, what, host.isLocal()); !inside) {
            return inside;
        }
    }
    return {};
}

Status WebServerDeployer::admitFiles(const QList<MaterialFile>& files, const deploy::TargetHost& host) const
{
    for (const MaterialFile& file : files) {
        const QString what = file.role == MaterialFile::Role::Key     ? tr("Key file")
                             : file.role == MaterialFile::Role::Chain ? tr("Chain file")
                                                                      : tr("Certificate file");
        if (Status inside = admitPaths({file.path}, what, host); !inside) {
            return inside;
        }
    }
    return {};
}

MaterialFiles WebServerDeployer::storeAt(const QString& directory,
                                         const std::shared_ptr<deploy::TargetHost>& host) const
{
    return MaterialFiles(directory, host, m_index);
}

} // namespace certdeck::deployers
