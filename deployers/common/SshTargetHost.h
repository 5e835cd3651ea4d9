#pragma once

#include "engine/bots/SshSession.h"
#include "engine/deploy/TargetHost.h"

#include <memory>
#include <mutex>

namespace certdeck::deployers {

// Another host reached over SSH (agentless deployment): files over SFTP (temporary file, fsync, rename), programs
// over an exec channel (argv quoted by bots::shellCommand), with `sudo -n` when configured. One connected
// bots::SshSession, used by one thread at a time (calls are serialised here).
class SshTargetHost final : public deploy::TargetHost
{
public:
    // `session` must be connected. stateDirectory: where backups go when the operator chose none (empty: the login
    // user's ~/.local/share/certdeck-bot, found on the host).
    SshTargetHost(std::unique_ptr<bots::SshSession> session, bool useSudo, QString stateDirectory = {});

    QString describe() const override; // "ssh deploy@web01:22"
    bool isLocal() const override { return false; }
    QString address() const override;

    Result<uint> userId() const override; // `id -u` of the login, asked once
    Result<deploy::HostFileInfo> stat(const QString& path) const override;
    Result<QByteArray> readFile(const QString& path) const override;
    Status writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int uid = -1, int gid = -1) override;
    Status removeFile(const QString& path) override;
    Status makeDirectories(const QString& path, uint mode) override;
    Result<QStringList> listDirectory(const QString& path) const override;
    Status removeTree(const QString& path) override;
    QString stateDirectory() const override;
    Result<deploy::HostCommandResult> run(const QStringList& argv, int timeoutMs,
                                          const QByteArray& stdinData = {}) override;

private:
    Result<deploy::HostCommandResult> runLocked(const QStringList& argv, int timeoutMs, const QByteArray& stdinData,
                                                bool sudo) const;
    std::unique_ptr<bots::SshSession> m_session;
    bool m_useSudo = false;
    QString m_describe;
    mutable QString m_stateDirectory;
    mutable int m_userId = -1;
    mutable std::mutex m_mutex;
};

} // namespace certdeck::deployers
