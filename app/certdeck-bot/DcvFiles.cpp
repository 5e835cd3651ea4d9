#include "app/certdeck-bot/DcvFiles.h"

#include "engine/bots/BotProtocol.h"
#include "engine/core/Log.h"

#include <QFile>
#include <QJsonValue>
#include <QRandomGenerator>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace certdeck::bot {
namespace {

using namespace certdeck::bots::protocol;

const QString kWellKnown = QStringLiteral(".well-known");
const QString kAcmeChallenge = QStringLiteral("acme-challenge");

std::shared_ptr<spdlog::logger> logger()
{
    return log::get("bot.dcv");
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Shows a refused value readably: control characters and quotes escaped, long values cut.
QString quoted(const QString& value)
{
    QString shown;
    for (const QChar c : value.left(80)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            shown += QLatin1Char('\\') + c;
        } else {
            shown += c;
        }
    }
    if (value.size() > 80) {
        shown += QStringLiteral("...");
    }
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

HandlerOutcome refusedParams(const QString& message)
{
    return HandlerOutcome::failure(InvalidParams, message);
}

HandlerOutcome refusedOnHost(const QString& message)
{
    logger()->warn("{}", message.toStdString());
    return HandlerOutcome::failure(OperationFailed, message);
}

HandlerOutcome cannotWrite(const QString& what, const QString& path, int error)
{
    return refusedOnHost(QStringLiteral("cannot write the DCV token: %1 %2 failed: %3; check that the bot's user may "
                                        "write to the DCV path and that its file system is not read-only")
                             .arg(what, path, systemError(error)));
}

QByteArray nativePath(const QString& path)
{
    return QFile::encodeName(path);
}

QString displayPath(const QByteArray& path)
{
    return QFile::decodeName(path);
}

std::optional<QByteArray> realPath(const QByteArray& path, int* error)
{
    char buffer[PATH_MAX];
    if (!::realpath(path.constData(), buffer)) {
        *error = errno;
        return std::nullopt;
    }
    return QByteArray(buffer);
}

bool isInside(const QByteArray& base, const QByteArray& path)
{
    if (base == "/") {
        return path.startsWith('/');
    }
    return path == base || path.startsWith(QByteArray(base + '/'));
}

struct Request
{
    QString dcvPath;
    QString token;
    QByteArray content;
};

// Checks the parameters shared by dcv.put and dcv.remove. errorCode 0: fine.
HandlerOutcome parseRequest(const QJsonObject& params, bool withContent, Request* request)
{
    const QJsonValue dcvPath = params.value(QStringLiteral("dcvPath"));
    const QJsonValue token = params.value(QStringLiteral("token"));
    if (!dcvPath.isString() || dcvPath.toString().isEmpty()) {
        return refusedParams(QStringLiteral("refused the DCV request: \"dcvPath\" is missing; configure the bot's DCV "
                                            "path (the web root the domain serves)"));
    }
    request->dcvPath = dcvPath.toString();
    if (!token.isString()) {
        return refusedParams(
            QStringLiteral("refused the DCV request for DCV path %1: \"token\" is missing").arg(request->dcvPath));
    }
    request->token = token.toString();
    if (!DcvFiles::isBase64UrlToken(request->token)) {
        return refusedParams(QStringLiteral("refused the DCV token %1 for DCV path %2: a token must be base64url "
                                            "(only A-Z, a-z, 0-9, \"-\" and \"_\", 1 to %3 characters); check the "
                                            "token the CA sent")
                                 .arg(quoted(request->token), request->dcvPath)
                                 .arg(DcvFiles::kMaxTokenLength));
    }
    if (request->dcvPath.contains(QChar(0))) {
        return refusedParams(
            QStringLiteral("refused the DCV path %1: it contains a NUL character").arg(quoted(request->dcvPath)));
    }
    if (!request->dcvPath.startsWith(QLatin1Char('/'))) {
        return refusedParams(QStringLiteral("refused the DCV path %1: it is not absolute; configure the full path of "
                                            "the web root, e.g. /var/www/html")
                                 .arg(quoted(request->dcvPath)));
    }
    if (withContent) {
        const QJsonValue content = params.value(QStringLiteral("content"));
        if (!content.isString()) {
            return refusedParams(QStringLiteral("refused the DCV token %1 for DCV path %2: \"content\" is missing")
                                     .arg(request->token, request->dcvPath));
        }
        request->content = content.toString().toUtf8();
    }
    return HandlerOutcome::success({});
}

// Resolves the DCV directory itself: it must exist and be a directory (it may be reached through symlinks).
HandlerOutcome resolveBase(const QString& dcvPath, QByteArray* baseReal)
{
    struct stat info = {};
    if (::stat(nativePath(dcvPath).constData(), &info) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            return refusedOnHost(QStringLiteral("refused the DCV path %1: it does not exist; create it or correct the "
                                                "bot's DCV path")
                                     .arg(dcvPath));
        }
        return refusedOnHost(
            QStringLiteral("refused the DCV path %1: it cannot be accessed: %2").arg(dcvPath, systemError(error)));
    }
    if (!S_ISDIR(info.st_mode)) {
        return refusedOnHost(QStringLiteral("refused the DCV path %1: it is not a directory; configure the web root "
                                            "directory")
                                 .arg(dcvPath));
    }
    int error = 0;
    const std::optional<QByteArray> real = realPath(nativePath(dcvPath), &error);
    if (!real) {
        return refusedOnHost(
            QStringLiteral("refused the DCV path %1: it cannot be resolved: %2").arg(dcvPath, systemError(error)));
    }
    *baseReal = *real;
    return HandlerOutcome::success({});
}

class FdCloser
{
public:
    explicit FdCloser(int fd)
        : m_fd(fd)
    {
    }
    ~FdCloser()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FdCloser(const FdCloser&) = delete;
    FdCloser& operator=(const FdCloser&) = delete;

private:
    int m_fd;
};

// Creates <parentReal>/<name> 0755 through descriptors: mkdirat in the opened parent, then the new directory is
// opened (O_NOFOLLOW) and its mode set with fchmod. A chmod by path could be redirected by a symlink another user
// swaps in after the mkdir; the descriptor is the directory that was created (checked: it belongs to the bot).
HandlerOutcome makeChild(const QByteArray& parentReal, const QString& name)
{
    const QByteArray child = parentReal + '/' + nativePath(name);
    const int parentFd = ::open(parentReal.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (parentFd < 0) {
        return cannotWrite(QStringLiteral("opening the directory"), displayPath(parentReal), errno);
    }
    const FdCloser parentCloser(parentFd);
    if (::mkdirat(parentFd, nativePath(name).constData(), 0755) != 0) {
        // Another request of the same order may have created it a moment ago: what it is is checked by the caller.
        if (errno != EEXIST) {
            return cannotWrite(QStringLiteral("creating the directory"), displayPath(child), errno);
        }
        return HandlerOutcome::success({});
    }
    const int fd = ::openat(parentFd, nativePath(name).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        return refusedOnHost(QStringLiteral("refused to write the DCV token: the directory %1 was replaced right after "
                                            "the bot created it (%2); check who changes the web root")
                                 .arg(displayPath(child), systemError(errno)));
    }
    const FdCloser closer(fd);
    struct stat info = {};
    if (::fstat(fd, &info) != 0 || info.st_uid != ::geteuid()) {
        return refusedOnHost(QStringLiteral("refused to write the DCV token: the directory %1 was replaced by one of "
                                            "uid %2 right after the bot created it; check who changes the web root")
                                 .arg(displayPath(child))
                                 .arg(info.st_uid));
    }
    // The umask may have narrowed the mode: the web server must be able to read it.
    if (::fchmod(fd, 0755) != 0) {
        return cannotWrite(QStringLiteral("setting mode 0755 on"), displayPath(child), errno);
    }
    return HandlerOutcome::success({});
}

// One level below the DCV directory (.well-known, then acme-challenge): created 0755 when missing and create is
// set; refused when it resolves outside baseReal or is not a directory. *missing when absent and !create.
HandlerOutcome resolveChild(const QString& dcvPath, const QByteArray& baseReal, const QByteArray& parentReal,
                            const QString& name, bool create, QByteArray* childReal, bool* missing)
{
    const QByteArray child = parentReal + '/' + nativePath(name);
    struct stat info = {};
    if (::lstat(child.constData(), &info) != 0) {
        const int error = errno;
        if (error != ENOENT) {
            return cannotWrite(QStringLiteral("inspecting"), displayPath(child), error);
        }
        if (!create) {
            *missing = true;
            return HandlerOutcome::success({});
        }
        if (HandlerOutcome made = makeChild(parentReal, name); made.errorCode != 0) {
            return made;
        }
    }
    int error = 0;
    const std::optional<QByteArray> real = realPath(child, &error);
    if (!real) {
        return refusedOnHost(QStringLiteral("refused to write the DCV token: %1 is a symlink that cannot be resolved "
                                            "(%2), so it may point outside the DCV path %3; remove the symlink")
                                 .arg(displayPath(child), systemError(error), dcvPath));
    }
    if (!isInside(baseReal, *real)) {
        return refusedOnHost(QStringLiteral("refused to write the DCV token: %1 resolves to %2, outside the DCV path "
                                            "%3 (a symlink points elsewhere); remove the symlink or configure the "
                                            "directory the web server really serves")
                                 .arg(displayPath(child), displayPath(*real), dcvPath));
    }
    struct stat target = {};
    if (::stat(real->constData(), &target) != 0 || !S_ISDIR(target.st_mode)) {
        return refusedOnHost(QStringLiteral("cannot write the DCV token: %1 is not a directory (a file of that name "
                                            "is in the way); remove it so that the bot can create the directory")
                                 .arg(displayPath(child)));
    }
    *childReal = *real;
    return HandlerOutcome::success({});
}

// <dcvPath>/.well-known/acme-challenge, resolved and checked. *missing when a level is absent and !create.
HandlerOutcome resolveChallengeDirectory(const QString& dcvPath, bool create, QByteArray* baseReal,
                                         QByteArray* challengeReal, bool* missing)
{
    HandlerOutcome outcome = resolveBase(dcvPath, baseReal);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    QByteArray wellKnownReal;
    outcome = resolveChild(dcvPath, *baseReal, *baseReal, kWellKnown, create, &wellKnownReal, missing);
    if (outcome.errorCode != 0 || *missing) {
        return outcome;
    }
    return resolveChild(dcvPath, *baseReal, wellKnownReal, kAcmeChallenge, create, challengeReal, missing);
}

// Opens the resolved challenge directory and checks, through the kernel's view of the open descriptor, that it
// is still inside the DCV directory (a symlink swapped in after the checks above is caught here).
HandlerOutcome openChallengeDirectory(const QString& dcvPath, const QByteArray& baseReal, const QByteArray& directory,
                                      int* fd)
{
    *fd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (*fd < 0) {
        return cannotWrite(QStringLiteral("opening the directory"), displayPath(directory), errno);
    }
    char target[PATH_MAX];
    const QByteArray link = "/proc/self/fd/" + QByteArray::number(*fd);
    const ssize_t length = ::readlink(link.constData(), target, sizeof target - 1);
    if (length > 0 && !isInside(baseReal, QByteArray(target, int(length)))) {
        const QString opened = QString::fromLocal8Bit(target, int(length));
        ::close(*fd);
        *fd = -1;
        return refusedOnHost(QStringLiteral("refused to write the DCV token: %1 resolves to %2, outside the DCV path "
                                            "%3 (it was replaced while the bot wrote); check who changes the web root")
                                 .arg(displayPath(directory), opened, dcvPath));
    }
    return HandlerOutcome::success({});
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, static_cast<size_t>(data.size() - written));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        written += n;
    }
    return true;
}

// Writes content to <directory>/<token> through a temporary file in the same directory and a rename.
HandlerOutcome writeTokenFile(int dirFd, const QByteArray& directory, const QString& token, const QByteArray& content)
{
    const QByteArray finalName = nativePath(token);
    const QByteArray tempName =
        '.' + finalName + ".tmp-" + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    const QString finalPath = displayPath(directory + '/' + finalName);
    const int fd = ::openat(dirFd, tempName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        return cannotWrite(QStringLiteral("creating a temporary file for"), finalPath, errno);
    }
    int error = 0;
    QString step;
    if (!writeAll(fd, content)) {
        error = errno;
        step = QStringLiteral("writing");
    } else if (::fchmod(fd, 0644) != 0) {
        error = errno;
        step = QStringLiteral("setting mode 0644 on");
    } else if (::fsync(fd) != 0) {
        error = errno;
        step = QStringLiteral("flushing");
    }
    if (::close(fd) != 0 && error == 0) {
        error = errno;
        step = QStringLiteral("closing");
    }
    if (error == 0 && ::renameat(dirFd, tempName.constData(), dirFd, finalName.constData()) != 0) {
        error = errno;
        step = QStringLiteral("renaming the temporary file to");
    }
    if (error != 0) {
        ::unlinkat(dirFd, tempName.constData(), 0);
        return cannotWrite(step, finalPath, error);
    }
    ::fsync(dirFd);
    logger()->info("wrote DCV token file {}", finalPath.toStdString());
    return HandlerOutcome::success({{QStringLiteral("path"), finalPath}});
}

} // namespace

bool DcvFiles::isBase64UrlToken(const QString& token)
{
    if (token.isEmpty() || token.size() > kMaxTokenLength) {
        return false;
    }
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        const bool allowed =
            (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

HandlerOutcome DcvFiles::put(const QJsonObject& params)
{
    Request request;
    HandlerOutcome outcome = parseRequest(params, true, &request);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    QByteArray baseReal;
    QByteArray challengeReal;
    bool missing = false;
    outcome = resolveChallengeDirectory(request.dcvPath, true, &baseReal, &challengeReal, &missing);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    int dirFd = -1;
    outcome = openChallengeDirectory(request.dcvPath, baseReal, challengeReal, &dirFd);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    const FdCloser dirCloser(dirFd);
    return writeTokenFile(dirFd, challengeReal, request.token, request.content);
}

HandlerOutcome DcvFiles::remove(const QJsonObject& params)
{
    Request request;
    HandlerOutcome outcome = parseRequest(params, false, &request);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    QByteArray baseReal;
    QByteArray challengeReal;
    bool missing = false;
    outcome = resolveChallengeDirectory(request.dcvPath, false, &baseReal, &challengeReal, &missing);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    if (missing) {
        return HandlerOutcome::success({{QStringLiteral("removed"), false}});
    }
    int dirFd = -1;
    outcome = openChallengeDirectory(request.dcvPath, baseReal, challengeReal, &dirFd);
    if (outcome.errorCode != 0) {
        return outcome;
    }
    const FdCloser dirCloser(dirFd);
    const QByteArray path = challengeReal + '/' + nativePath(request.token);
    if (::unlinkat(dirFd, nativePath(request.token).constData(), 0) != 0) {
        const int error = errno;
        if (error == ENOENT) {
            return HandlerOutcome::success({{QStringLiteral("removed"), false}});
        }
        return refusedOnHost(QStringLiteral("cannot remove the DCV token file %1: %2; check that the bot's user may "
                                            "write to the DCV path")
                                 .arg(displayPath(path), systemError(error)));
    }
    logger()->info("removed DCV token file {}", displayPath(path).toStdString());
    return HandlerOutcome::success({{QStringLiteral("removed"), true}});
}

} // namespace certdeck::bot
