#pragma once

#include "deployers/ftp/FtpEndpoint.h"
#include "engine/deploy/TargetHost.h"

#include <memory>
#include <mutex>

namespace certdeck::deployers {

// A remote directory reached over FTP with TLS (file delivery): files only, no programs. One libcurl easy handle
// (one control connection, reused by a batch), used by one thread at a time (calls are serialised here). Paths are
// absolute as the FTP server shows them (after its chroot).
class FtpTargetHost final : public deploy::TargetHost
{
public:
    ~FtpTargetHost() override;
    // Logs in once (after the trust check: the pin or CA is proven before the password is sent).
    static Result<std::shared_ptr<FtpTargetHost>> connect(const FtpEndpoint& endpoint, const QByteArray& password,
                                                          int timeoutMs);

    QString describe() const override { return m_endpoint.describe(); }
    bool isLocal() const override { return false; }
    QString address() const override { return m_endpoint.host; }

    Result<uint> userId() const override; // always an error: FTP does not tell uids
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

    static constexpr qint64 kMaxReadBytes = 16 * 1024 * 1024; // like SFTP: certificate material, not archives

    struct Handle; // the libcurl state (FtpTargetHost.cpp)

private:
    FtpTargetHost(const FtpEndpoint& endpoint, const QByteArray& password, int timeoutMs);
    struct Entry
    {
        QString name;
        deploy::HostFileInfo info;
    };
    Result<QList<Entry>> listLocked(const QString& directory) const;
    Result<deploy::HostFileInfo> statLocked(const QString& path) const;
    Status commandsLocked(const QStringList& commands, const QString& what) const;
    Status removeTreeLocked(const QString& path);

    FtpEndpoint m_endpoint;
    QByteArray m_password;
    int m_timeoutMs = 0;
    std::unique_ptr<Handle> m_handle;
    mutable std::mutex m_mutex;
};

} // namespace certdeck::deployers
