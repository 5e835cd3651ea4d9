#include "engine/notify/EventHook.h"

#include "engine/store/SettingsRepository.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::notify {
namespace {

constexpr qint64 kMaxConfigBytes = 64 * 1024;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString setHelp()
{
    return QStringLiteral("Set the hook again with: certdeckctl hook set [--timeout SECS] /path/to/program [args...]");
}

// The folder of the hook file must not let another user replace the file.
Status checkFolder(const QString& path)
{
    const QString folder = QFileInfo(path).absolutePath();
    struct stat st = {};
    if (::stat(QFile::encodeName(folder).constData(), &st) != 0) {
        return fail(
            QStringLiteral("Could not check the folder of the event hook file %1: %2.").arg(folder, errnoText()));
    }
    if ((st.st_uid != ::geteuid() && st.st_uid != 0) || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return fail(QStringLiteral("The event hook file %1 is refused: its folder %2 may be written by other users "
                                   "(owner uid %3, mode %4), so someone else could replace it. Make the folder "
                                   "yours and not writable by others (chmod 700 %2).")
                        .arg(path, folder)
                        .arg(st.st_uid)
                        .arg(QString::number(st.st_mode & 07777, 8)),
                    QStringLiteral("unsafeHookFile"));
    }
    return {};
}

Result<HookConfig> parseConfig(const QString& path, const QByteArray& content)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(content, &error);
    const QJsonObject object = doc.object();
    const QJsonValue program = object.value(QStringLiteral("program"));
    const QJsonValue arguments = object.value(QStringLiteral("arguments"));
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !program.isString() ||
        !(arguments.isUndefined() || arguments.isArray())) {
        return fail(QStringLiteral("The event hook file %1 is not a JSON object with \"program\" (a string) and "
                                   "\"arguments\" (an array of strings). %2")
                        .arg(path, setHelp()));
    }
    HookConfig config;
    config.program = program.toString();
    for (const QJsonValue& value : arguments.toArray()) {
        if (!value.isString()) {
            return fail(
                QStringLiteral("The event hook file %1 has an argument that is not a string. %2").arg(path, setHelp()));
        }
        config.arguments.append(value.toString());
    }
    if (!config.program.isEmpty() && !QDir::isAbsolutePath(config.program)) {
        return fail(QStringLiteral("The event hook program \"%1\" in %2 is not an absolute path. %3")
                        .arg(config.program, path, setHelp()));
    }
    const int secs = object.value(QStringLiteral("timeoutSecs")).toInt(30);
    config.timeoutSecs = secs > 0 ? secs : 30;
    return config;
}

} // namespace

QString defaultHookConfigPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/event-hook.json");
}

Result<HookConfig> loadHookConfig(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) {
            return HookConfig{};
        }
        if (errno == ELOOP) {
            return fail(
                QStringLiteral("The event hook file %1 is refused: it is a symbolic link. %2").arg(path, setHelp()),
                QStringLiteral("unsafeHookFile"));
        }
        return fail(QStringLiteral("Could not read the event hook file %1: %2.").arg(path, errnoText()));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(QStringLiteral("Could not read the event hook file %1.").arg(path));
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        return fail(QStringLiteral("Could not check the event hook file %1: %2.").arg(path, errnoText()));
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(QStringLiteral("The event hook file %1 is refused: it is not a regular file.").arg(path),
                    QStringLiteral("unsafeHookFile"));
    }
    if (st.st_uid != ::geteuid()) {
        return fail(QStringLiteral("The event hook file %1 is refused: it belongs to another user (uid %2), not to "
                                   "you (uid %3). Remove it, then %4")
                        .arg(path)
                        .arg(st.st_uid)
                        .arg(::geteuid())
                        .arg(setHelp()),
                    QStringLiteral("unsafeHookFile"));
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return fail(QStringLiteral("The event hook file %1 is refused: other users may write it (mode %2). Make it "
                                   "yours alone: chmod 600 %1")
                        .arg(path, QString::number(st.st_mode & 07777, 8)),
                    QStringLiteral("unsafeHookFile"));
    }
    if (Status folder = checkFolder(path); !folder) {
        return folder.error();
    }
    const QByteArray content = file.read(kMaxConfigBytes + 1);
    if (content.size() > kMaxConfigBytes) {
        return fail(QStringLiteral("The event hook file %1 is larger than 64 KiB. %2").arg(path, setHelp()));
    }
    return parseConfig(path, content);
}

Status saveHookConfig(const QString& path, const HookConfig& config)
{
    if (config.program.isEmpty()) {
        return fail(QStringLiteral("The event hook needs a program to run."));
    }
    if (!QDir::isAbsolutePath(config.program)) {
        return fail(QStringLiteral("The event hook program \"%1\" must be an absolute path.").arg(config.program));
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo::exists(folder)) {
        // The missing folders are the operator's alone (0700).
        QStringList missing;
        for (QString dir = folder; !QFileInfo::exists(dir) && !QDir(dir).isRoot();
             dir = QFileInfo(dir).absolutePath()) {
            missing.prepend(dir);
        }
        for (const QString& dir : std::as_const(missing)) {
            if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST) {
                return fail(QStringLiteral("Could not create the folder %1 for the event hook file: %2.")
                                .arg(dir, errnoText()));
            }
        }
    }
    if (Status safe = checkFolder(path); !safe) {
        return safe;
    }
    QJsonObject object{{QStringLiteral("program"), config.program},
                       {QStringLiteral("arguments"), QJsonArray::fromStringList(config.arguments)},
                       {QStringLiteral("timeoutSecs"), config.timeoutSecs > 0 ? config.timeoutSecs : 30}};
    const QByteArray content = QJsonDocument(object).toJson(QJsonDocument::Indented);
    const QString temporary = path + QStringLiteral(".new");
    ::unlink(QFile::encodeName(temporary).constData());
    const int fd =
        ::open(QFile::encodeName(temporary).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return fail(QStringLiteral("Could not write the event hook file %1: %2.").arg(temporary, errnoText()));
    }
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, content.constData(), content.size()) == content.size() && ::fsync(fd) == 0;
    const QString writeError = errnoText();
    ::close(fd);
    if (!written || ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        ::unlink(QFile::encodeName(temporary).constData());
        return fail(QStringLiteral("Could not write the event hook file %1: %2.").arg(path, writeError));
    }
    return {};
}

Status clearHookConfig(const QString& path)
{
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT) {
        return fail(QStringLiteral("Could not remove the event hook file %1: %2.").arg(path, errnoText()));
    }
    return {};
}

Result<QString> inventoryHookProgram(const store::Database& db)
{
    return store::SettingsRepository(db).value(QStringLiteral("eventHook.program"));
}

HookRun::HookRun(const HookConfig& config, Done done, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_done(std::move(done))
    , m_process(new QProcess(this))
{
}

HookRun::~HookRun()
{
    // Going away with the hook still running (the notifier is shut down): take its whole group with it.
    if (m_process->state() != QProcess::NotRunning) {
        killGroup();
        m_process->waitForFinished(2000);
    }
}

void HookRun::killGroup()
{
    if (m_groupId > 0) {
        ::kill(static_cast<pid_t>(-m_groupId), SIGKILL);
    } else {
        m_process->kill();
    }
}

HookRun* HookRun::start(const HookConfig& config, const QByteArray& stdinData, Done done, QObject* parent)
{
    auto* run = new HookRun(config, std::move(done), parent);
    QProcess* process = run->m_process;
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardOutputFile(QProcess::nullDevice());
    // A session (and process group) of its own: the timeout can then kill everything the hook started.
    process->setChildProcessModifier([] { ::setsid(); });
    QObject::connect(process, &QProcess::started, run, [run, process, stdinData]() {
        run->m_groupId = process->processId(); // setsid(): group id = the hook's pid
        process->write(stdinData);
        process->closeWriteChannel();
    });
    QObject::connect(process, &QProcess::errorOccurred, run, [run](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            run->finish(QStringLiteral("the hook program %1 could not be started (%2); check the path and that it "
                                       "is executable")
                            .arg(run->m_config.program, run->m_process->errorString()));
        }
    });
    QObject::connect(process, &QProcess::finished, run, [run](int exitCode, QProcess::ExitStatus status) {
        if (run->m_timedOut) {
            run->finish(QStringLiteral("the hook program %1 did not finish within %2 s and was killed with every "
                                       "process it started")
                            .arg(run->m_config.program)
                            .arg(run->m_config.timeoutSecs));
        } else if (status == QProcess::CrashExit) {
            run->finish(QStringLiteral("the hook program %1 crashed").arg(run->m_config.program));
        } else if (exitCode != 0) {
            run->finish(
                QStringLiteral("the hook program %1 exited with code %2").arg(run->m_config.program).arg(exitCode));
        } else {
            run->finish({});
        }
    });
    auto* timer = new QTimer(run);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, run, [run]() {
        if (run->m_process->state() != QProcess::NotRunning) {
            run->m_timedOut = true;
            run->killGroup();
        }
    });
    timer->start(std::chrono::seconds(qMax(1, config.timeoutSecs)));
    process->start(config.program, config.arguments, QIODevice::ReadWrite);
    return run;
}

void HookRun::finish(const QString& failure)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_done) {
        m_done(failure);
    }
    deleteLater();
}

QString runHookAndWait(const HookConfig& config, const QByteArray& stdinData)
{
    QEventLoop loop;
    QString result;
    bool done = false;
    HookRun::start(config, stdinData, [&](const QString& failure) {
        result = failure;
        done = true;
        loop.quit();
    });
    if (!done) {
        loop.exec();
    }
    return result;
}

} // namespace certdeck::notify
