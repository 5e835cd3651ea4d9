#pragma once

#include "engine/deploy/TargetHost.h"

#include <QProcessEnvironment>

#include <memory>

namespace certdeck::deployers {

// This host (agent-based deployment): files through SecureFileIo (O_CREAT|O_EXCL|O_NOFOLLOW temp file, fsync,
// rename, fsync of the directory; the owner kept), programs through QProcess with an argument list.
class LocalHost final : public deploy::TargetHost
{
public:
    // stateDirectory empty: MaterialFiles::defaultStateDirectory().
    explicit LocalHost(QString stateDirectory = {});

    // The host of a request: its own, or this one.
    static std::shared_ptr<deploy::TargetHost> orThisHost(const std::shared_ptr<deploy::TargetHost>& host);

    QString describe() const override;
    bool isLocal() const override { return true; }
    QString address() const override { return QStringLiteral("127.0.0.1"); }

    Result<uint> userId() const override;
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
    // run() with variables added to the inherited environment (never secrets).
    Result<deploy::HostCommandResult> run(const QStringList& argv, const QProcessEnvironment& extraEnvironment,
                                          int timeoutMs, const QByteArray& stdinData = {});

private:
    QString m_stateDirectory;
};

} // namespace certdeck::deployers
