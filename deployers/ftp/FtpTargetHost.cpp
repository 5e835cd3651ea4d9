#include "deployers/ftp/FtpTargetHost.h"

#include "deployers/ftp/FtpTls.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUrl>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <algorithm>

namespace certdeck::deployers {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FtpTargetHost", text);
}

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

QString nameOf(const QString& path)
{
    return path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
}

QString cleanPath(QString path)
{
    while (path.size() > 1 && path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path;
}

size_t collectBody(char* data, size_t size, size_t count, void* user);
size_t feedUpload(char* data, size_t size, size_t count, void* user);

// One line of a Unix-style LIST (vsftpd: "drwxr-xr-x    2 0        0            4096 Dec 07 17:00 name"). vsftpd
// has no MLST, so this is the only way to get type and size of dot files ("LIST -a").
bool parseListLine(const QString& line, QString* name, deploy::HostFileInfo* info)
{
    const QStringList fields = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (fields.size() < 9 || fields.at(0).size() < 10) {
        return false;
    }
    // The name is what follows the 8th field, spaces included.
    qsizetype position = 0;
    for (int field = 0; field < 8; ++field) {
        position = line.indexOf(fields.at(field), position) + fields.at(field).size();
    }
    QString text = line.mid(position).trimmed();
    const QChar type = fields.at(0).at(0);
    if (type == QLatin1Char('l')) {
        text = text.left(text.indexOf(QLatin1String(" -> ")));
    }
    *name = text;
    info->exists = true;
    info->isDirectory = type == QLatin1Char('d');
    info->isSymlink = type == QLatin1Char('l');
    info->size = fields.at(4).toLongLong();
    // Permission bits are shown, so they are parsed; uid/gid are not reliable over FTP (names or numbers,
    // depending on the server) and stay 0.
    uint mode = 0;
    const QString bits = fields.at(0).mid(1, 9);
    for (int i = 0; i < 9; ++i) {
        if (bits.at(i) != QLatin1Char('-')) {
            mode |= 1u << (8 - i);
        }
    }
    info->mode = mode;
    return true;
}

} // namespace

struct FtpTargetHost::Handle
{
    CURL* curl = nullptr;
    FtpPinCheck pin;
    char errorText[CURL_ERROR_SIZE] = {};
    QByteArray body;
    qint64 cap = kMaxReadBytes;
    bool overCap = false;
    QByteArray upload;
    qint64 uploadPosition = 0;
    QByteArray lastResponses;    // the server's replies (header callback), for error messages
    bool repliesAreBody = false; // STAT: the listing arrives as reply lines on the control connection

    ~Handle()
    {
        if (curl) {
            curl_easy_cleanup(curl);
        }
    }
};

namespace {

size_t collectBody(char* data, size_t size, size_t count, void* user)
{
    auto* handle = static_cast<FtpTargetHost::Handle*>(user);
    const size_t bytes = size * count;
    if (handle->body.size() + qint64(bytes) > handle->cap) {
        handle->overCap = true;
        return 0; // aborts the transfer
    }
    handle->body.append(data, qsizetype(bytes));
    return bytes;
}

size_t collectResponse(char* data, size_t size, size_t count, void* user)
{
    auto* handle = static_cast<FtpTargetHost::Handle*>(user);
    if (handle->repliesAreBody) {
        return collectBody(data, size, count, user);
    }
    handle->lastResponses.append(data, qsizetype(size * count));
    if (handle->lastResponses.size() > 4096) {
        handle->lastResponses = handle->lastResponses.right(2048);
    }
    return size * count;
}

size_t feedUpload(char* data, size_t size, size_t count, void* user)
{
    auto* handle = static_cast<FtpTargetHost::Handle*>(user);
    const qint64 chunk = std::min<qint64>(qint64(size * count), handle->upload.size() - handle->uploadPosition);
    std::copy_n(handle->upload.constData() + handle->uploadPosition, chunk, data);
    handle->uploadPosition += chunk;
    return size_t(chunk);
}

// The URL of an absolute server path: "%2F" makes curl send it as absolute; each component is percent-encoded.
QByteArray urlOf(const FtpEndpoint& endpoint, const QString& path, bool directory)
{
    QByteArray url = endpoint.tls == FtpEndpoint::Tls::Implicit ? "ftps://" : "ftp://";
    url += QUrl::toAce(endpoint.host).isEmpty() ? endpoint.host.toUtf8() : QUrl::toAce(endpoint.host);
    if (endpoint.host.contains(QLatin1Char(':'))) {
        url = url.left(url.indexOf("//") + 2) + '[' + endpoint.host.toUtf8() + ']';
    }
    url += ':' + QByteArray::number(endpoint.port) + "/%2F";
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QByteArrayList encoded;
    for (const QString& part : parts) {
        encoded.append(QUrl::toPercentEncoding(part));
    }
    url += encoded.join('/');
    if (directory && !encoded.isEmpty()) {
        url += '/';
    }
    return url;
}

} // namespace

FtpTargetHost::FtpTargetHost(const FtpEndpoint& endpoint, const QByteArray& password, int timeoutMs)
    : m_endpoint(endpoint)
    , m_password(password)
    , m_timeoutMs(timeoutMs)
    , m_handle(std::make_unique<Handle>())
{
}

FtpTargetHost::~FtpTargetHost()
{
    OPENSSL_cleanse(m_password.data(), size_t(m_password.size()));
}

Result<std::shared_ptr<FtpTargetHost>> FtpTargetHost::connect(const FtpEndpoint& endpoint, const QByteArray& password,
                                                              int timeoutMs)
{
    if (endpoint.tls == FtpEndpoint::Tls::None && !endpoint.allowPlainFtp) {
        return fail(tr("refused to deliver to %1 over plain FTP: the private key and the password would cross the "
                       "network in clear. Use FTPS (explicit or implicit TLS), or allow plain FTP explicitly.")
                        .arg(endpoint.hostPort()));
    }
    if (endpoint.tls != FtpEndpoint::Tls::None && endpoint.caPem.isEmpty() && endpoint.pinnedSha256.isEmpty()) {
        return fail(tr("cannot trust the FTP server %1: give its CA bundle or pin the SHA-256 fingerprint of its "
                       "certificate")
                        .arg(endpoint.hostPort()));
    }
    std::shared_ptr<FtpTargetHost> host(new FtpTargetHost(endpoint, password, timeoutMs));
    if (!endpoint.pinnedSha256.isEmpty()) {
        const Result<QByteArray> pin = parseSha256Fingerprint(endpoint.pinnedSha256);
        if (!pin) {
            return pin.error();
        }
        host->m_handle->pin.pinnedSha256 = *pin;
    }
    host->m_handle->curl = curl_easy_init();
    if (!host->m_handle->curl) {
        return fail(tr("cannot start an FTP client for %1 (libcurl failed to initialise)").arg(endpoint.hostPort()));
    }
    std::lock_guard lock(host->m_mutex);
    // No body on the root: log in, PWD, done. Proves the trust and the login once.
    const Status login = host->commandsLocked({}, tr("log in"));
    if (!login) {
        return login.error();
    }
    return host;
}

namespace {

void prepare(FtpTargetHost::Handle& handle, const FtpEndpoint& endpoint, const QByteArray& password, int timeoutMs,
             const QByteArray& url)
{
    CURL* curl = handle.curl;
    curl_easy_reset(curl); // keeps the open connection and the TLS session cache
    handle.body.clear();
    handle.overCap = false;
    handle.lastResponses.clear();
    handle.repliesAreBody = false;
    handle.errorText[0] = 0;
    handle.pin.mismatch = false;
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L); // verbose output would show the PASS command
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle.errorText);
    curl_easy_setopt(curl, CURLOPT_USERNAME, endpoint.user.toUtf8().constData());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    curl_easy_setopt(curl, CURLOPT_FTP_FILEMETHOD, long(CURLFTPMETHOD_NOCWD));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(timeoutMs));
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, long(std::max(1, timeoutMs / 1000)));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, long(std::max(1, timeoutMs / 1000)));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &handle);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectResponse);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &handle);
    if (endpoint.tls == FtpEndpoint::Tls::None) {
        return;
    }
    curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL)); // AUTH TLS, PROT P, or fail: never plain
    // TLS 1.2 at most: vsftpd (require_ssl_reuse=YES, its default) refuses a data connection that does not resume
    // the control connection's session ("522 SSL connection failed"). Under TLS 1.3 the session ticket arrives
    // after the handshake, so a data connection opened right after may have none to resume: seen intermittently
    // with vsftpd 3.0.3 / OpenSSL 3 (about 1 in 3 runs of TestFtpTargetHost); TLS 1.2 resumes by session id.
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2) | long(CURL_SSLVERSION_MAX_TLSv1_2));
    curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr); // the system store is never consulted
    curl_easy_setopt(curl, CURLOPT_CAINFO, nullptr);
    if (!handle.pin.pinnedSha256.isEmpty()) {
        // The pin replaces chain and name checks; it runs inside the handshake (FtpTls.cpp), before USER/PASS.
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, installPinCheck);
        curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &handle.pin);
    } else {
        curl_blob blob{const_cast<char*>(endpoint.caPem.constData()), size_t(endpoint.caPem.size()), CURL_BLOB_COPY};
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    }
}

} // namespace

// Runs `commands` (FTP commands, "*" prefix: may fail) after login on the same connection.
Status FtpTargetHost::commandsLocked(const QStringList& commands, const QString& what) const
{
    prepare(*m_handle, m_endpoint, m_password, m_timeoutMs, urlOf(m_endpoint, QStringLiteral("/"), true));
    curl_slist* list = nullptr;
    QList<QByteArray> keep;
    for (const QString& command : commands) {
        keep.append(command.toUtf8());
        list = curl_slist_append(list, keep.last().constData());
    }
    curl_easy_setopt(m_handle->curl, CURLOPT_NOBODY, 1L);
    if (list) {
        curl_easy_setopt(m_handle->curl, CURLOPT_QUOTE, list);
    }
    const CURLcode code = curl_easy_perform(m_handle->curl);
    curl_slist_free_all(list);
    if (code == CURLE_OK) {
        return {};
    }
    if (m_handle->pin.mismatch) {
        return fail(tr("the FTP server %1 presented certificate %2, not the pinned %3; nothing was changed")
                        .arg(m_endpoint.hostPort(), m_handle->pin.presented,
                             formatSha256Fingerprint(m_handle->pin.pinnedSha256)),
                    QStringLiteral("pinMismatch"));
    }
    QString detail = QString::fromUtf8(m_handle->errorText).trimmed();
    if (detail.isEmpty()) {
        detail = QString::fromUtf8(curl_easy_strerror(code));
    }
    const QString lastReply =
        QString::fromUtf8(m_handle->lastResponses).trimmed().split(QLatin1Char('\n')).value(-1).trimmed();
    switch (code) {
    case CURLE_LOGIN_DENIED:
        return fail(tr("the FTP server %1 refused the login of %2 (login refused: check the user and password)")
                        .arg(m_endpoint.hostPort(), m_endpoint.user),
                    QStringLiteral("loginRefused"));
    case CURLE_USE_SSL_FAILED:
        return fail(tr("the FTP server %1 does not offer TLS (AUTH TLS refused); nothing was sent in clear")
                        .arg(m_endpoint.hostPort()),
                    QStringLiteral("noTls"));
    case CURLE_PEER_FAILED_VERIFICATION:
        return fail(tr("the FTP server %1 presented a certificate the configured CA bundle does not trust (%2); "
                       "nothing was changed")
                        .arg(m_endpoint.hostPort(), detail),
                    QStringLiteral("untrusted"));
    case CURLE_OPERATION_TIMEDOUT:
        return fail(tr("FTP %1 on %2 timed out after %3 ms").arg(what, m_endpoint.hostPort()).arg(m_timeoutMs),
                    QStringLiteral("timeout"));
    default:
        return fail(tr("FTP %1 on %2 failed: %3%4")
                        .arg(what, m_endpoint.hostPort(), detail,
                             lastReply.isEmpty() ? QString() : tr(" (server: %1)").arg(lastReply)));
    }
}

// The listing of `directory`, dot files included. First "STAT -a" (RFC 959 STAT with a path): the listing comes
// back as reply lines on the control connection, so no data connection is opened. That matters for speed: with
// libcurl 7.88 each command sent while a data connection's TLS handshake is pending waits 200 ms to 1 s for its
// reply (measured with vsftpd 3.0.3: 6.5 s to deliver four files over LIST, see TestFtpDelivery). A server that
// refuses STAT with a path is asked with "LIST -a" instead. "-a": vsftpd hides dot files (the temporary files,
// the backup directory) otherwise. A missing directory lists as empty on vsftpd (verified for both commands).
Result<QList<FtpTargetHost::Entry>> FtpTargetHost::listLocked(const QString& directory) const
{
    prepare(*m_handle, m_endpoint, m_password, m_timeoutMs, urlOf(m_endpoint, QStringLiteral("/"), true));
    const QByteArray status = QStringLiteral("*STAT -a %1").arg(directory).toUtf8();
    curl_slist* quote = curl_slist_append(nullptr, status.constData());
    curl_easy_setopt(m_handle->curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(m_handle->curl, CURLOPT_QUOTE, quote);
    m_handle->cap = 4 * 1024 * 1024;
    m_handle->repliesAreBody = true;
    CURLcode code = curl_easy_perform(m_handle->curl);
    curl_slist_free_all(quote);
    m_handle->repliesAreBody = false;
    QByteArray listing = m_handle->body;
    const bool statusListed =
        code == CURLE_OK && (listing.contains("\n211 ") || listing.contains("\n212 ") || listing.contains("\n213 "));
    if (!statusListed) {
        prepare(*m_handle, m_endpoint, m_password, m_timeoutMs, urlOf(m_endpoint, directory, true));
        curl_easy_setopt(m_handle->curl, CURLOPT_CUSTOMREQUEST, "LIST -a");
        m_handle->cap = 4 * 1024 * 1024;
        code = curl_easy_perform(m_handle->curl);
        listing = m_handle->body;
    }
    m_handle->cap = kMaxReadBytes;
    if (code == CURLE_REMOTE_FILE_NOT_FOUND || code == CURLE_FTP_COULDNT_RETR_FILE) {
        return QList<Entry>{};
    }
    if (code != CURLE_OK || m_handle->overCap) {
        return fail(tr("cannot list %1 on %2: %3")
                        .arg(directory, describe(),
                             m_handle->overCap ? tr("the listing is larger than 4 MiB")
                                               : QString::fromUtf8(m_handle->errorText).trimmed()));
    }
    QList<Entry> entries;
    const QStringList lines = QString::fromUtf8(listing).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString line : lines) {
        line.remove(QLatin1Char('\r'));
        Entry entry;
        // Reply framing ("213-Status follows:", "213 End of status") has too few fields to parse as an entry.
        if (parseListLine(line, &entry.name, &entry.info) && entry.name != QLatin1String(".") &&
            entry.name != QLatin1String("..")) {
            entries.append(entry);
        }
    }
    return entries;
}

Result<deploy::HostFileInfo> FtpTargetHost::statLocked(const QString& rawPath) const
{
    const QString path = cleanPath(rawPath);
    if (path == QLatin1String("/")) {
        deploy::HostFileInfo root;
        root.exists = true;
        root.isDirectory = true;
        return root;
    }
    const auto entries = listLocked(parentOf(path));
    if (!entries) {
        return entries.error();
    }
    for (const Entry& entry : *entries) {
        if (entry.name == nameOf(path)) {
            return entry.info;
        }
    }
    return deploy::HostFileInfo{};
}

Result<uint> FtpTargetHost::userId() const
{
    // FTP shows no uid of the login. An error (not 0) keeps MaterialFiles' owner check honest: it then relies
    // on the owner stat() reports, which is 0 ("unknown") over FTP, so no check pretends to know more.
    return fail(tr("FTP does not tell which user %1 logs in as").arg(describe()));
}

Result<deploy::HostFileInfo> FtpTargetHost::stat(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    return statLocked(path);
}

Result<QByteArray> FtpTargetHost::readFile(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    const auto info = statLocked(path);
    if (!info) {
        return info.error();
    }
    if (!info->exists) {
        return fail(tr("cannot read %1 on %2: there is no such file").arg(path, describe()),
                    QStringLiteral("notFound"));
    }
    if (info->isDirectory || info->isSymlink) {
        return fail(tr("refused to read %1 on %2: it is a %3, not a regular file")
                        .arg(path, describe(), info->isDirectory ? tr("directory") : tr("symbolic link")));
    }
    if (info->size > kMaxReadBytes) {
        return fail(tr("refused to read %1 on %2: it is larger than %3 MiB, too large for certificate material")
                        .arg(path, describe())
                        .arg(kMaxReadBytes / (1024 * 1024)));
    }
    prepare(*m_handle, m_endpoint, m_password, m_timeoutMs, urlOf(m_endpoint, path, false));
    // No SIZE (the listing gave it; the cap still holds while reading): one command less while the data
    // connection's handshake is pending (see listLocked).
    curl_easy_setopt(m_handle->curl, CURLOPT_IGNORE_CONTENT_LENGTH, 1L);
    const CURLcode code = curl_easy_perform(m_handle->curl);
    if (m_handle->overCap) { // it grew while it was read
        return fail(tr("refused to read %1 on %2: it is larger than %3 MiB, too large for certificate material")
                        .arg(path, describe())
                        .arg(kMaxReadBytes / (1024 * 1024)));
    }
    if (code != CURLE_OK) {
        return fail(
            tr("cannot read %1 on %2: %3").arg(path, describe(), QString::fromUtf8(m_handle->errorText).trimmed()));
    }
    return m_handle->body;
}

Status FtpTargetHost::writeFileAtomic(const QString& path, const QByteArray& data, uint mode, int, int)
{
    // uid/gid are ignored: FTP cannot give files away; the server decides the owner (vsftpd: the login user).
    std::lock_guard lock(m_mutex);
    const QString directory = parentOf(path);
    const QString temporary = QStringLiteral("%1/.%2.certdeck-%3")
                                  .arg(directory == QLatin1String("/") ? QString() : directory, nameOf(path))
                                  .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const auto existing = statLocked(path);
    if (!existing) {
        return existing.error();
    }
    if (existing->isDirectory || existing->isSymlink) {
        return fail(tr("refused to write %1 on %2: a %3 is there, not a regular file")
                        .arg(path, describe(), existing->isDirectory ? tr("directory") : tr("symbolic link")));
    }
    prepare(*m_handle, m_endpoint, m_password, m_timeoutMs, urlOf(m_endpoint, temporary, false));
    m_handle->upload = data;
    m_handle->uploadPosition = 0;
    curl_easy_setopt(m_handle->curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(m_handle->curl, CURLOPT_READFUNCTION, feedUpload);
    curl_easy_setopt(m_handle->curl, CURLOPT_READDATA, m_handle.get());
    curl_easy_setopt(m_handle->curl, CURLOPT_INFILESIZE_LARGE, curl_off_t(data.size()));
    // After the upload, on the same connection: SITE CHMOD may be refused (vsftpd refuses it to anonymous users
    // and with chmod_enable=NO; "*": not fatal; the server's umask then decides, vsftpd's default anon_umask 077
    // gives 0600). Then RNFR/RNTO: rename(2) over the target on vsftpd, atomic.
    const QByteArray chmod = QStringLiteral("*SITE CHMOD %1 %2").arg(mode, 0, 8).arg(temporary).toUtf8();
    const QByteArray renameFrom = QStringLiteral("RNFR %1").arg(temporary).toUtf8();
    const QByteArray renameTo = QStringLiteral("RNTO %1").arg(path).toUtf8();
    curl_slist* after = nullptr;
    after = curl_slist_append(after, chmod.constData());
    after = curl_slist_append(after, renameFrom.constData());
    after = curl_slist_append(after, renameTo.constData());
    curl_easy_setopt(m_handle->curl, CURLOPT_POSTQUOTE, after);
    const CURLcode code = curl_easy_perform(m_handle->curl);
    curl_slist_free_all(after);
    OPENSSL_cleanse(m_handle->upload.data(), size_t(m_handle->upload.size()));
    m_handle->upload.clear();
    if (code == CURLE_OK) {
        return {};
    }
    const QString detail = QString::fromUtf8(m_handle->errorText).trimmed();
    // The target was never opened for writing; remove the partial temporary file (a new connection if the old
    // one died).
    (void)commandsLocked({QStringLiteral("*DELE %1").arg(temporary)}, tr("clean up"));
    return fail(tr("cannot write %1 on %2: %3; the file there was left unchanged").arg(path, describe(), detail));
}

Status FtpTargetHost::removeFile(const QString& path)
{
    std::lock_guard lock(m_mutex);
    const auto info = statLocked(path);
    if (!info) {
        return info.error();
    }
    if (!info->exists) {
        return {};
    }
    return commandsLocked({QStringLiteral("DELE %1").arg(cleanPath(path))}, tr("remove %1").arg(path));
}

Status FtpTargetHost::makeDirectories(const QString& path, uint)
{
    // The mode is the server's choice (vsftpd: anon_umask / local_umask); FTP has no mode on MKD.
    std::lock_guard lock(m_mutex);
    QStringList commands;
    QString prefix;
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        prefix += QLatin1Char('/') + part;
        commands.append(QStringLiteral("*MKD %1").arg(prefix)); // an existing one refuses: fine, checked below
    }
    const Status made = commandsLocked(commands, tr("create %1").arg(path));
    if (!made) {
        return made;
    }
    const auto info = statLocked(path);
    if (!info) {
        return info.error();
    }
    if (!info->exists || !info->isDirectory) {
        return fail(tr("cannot create the directory %1 on %2 (the server refused, or a file is in the way)")
                        .arg(path, describe()));
    }
    return {};
}

Result<QStringList> FtpTargetHost::listDirectory(const QString& path) const
{
    std::lock_guard lock(m_mutex);
    const auto entries = listLocked(cleanPath(path));
    if (!entries) {
        return entries.error();
    }
    QStringList names;
    for (const Entry& entry : *entries) {
        names.append(entry.name);
    }
    return names;
}

Status FtpTargetHost::removeTreeLocked(const QString& path)
{
    const auto info = statLocked(path);
    if (!info) {
        return info.error();
    }
    if (!info->exists) {
        return {};
    }
    if (!info->isDirectory) { // a symlink is removed, never followed
        return commandsLocked({QStringLiteral("DELE %1").arg(path)}, tr("remove %1").arg(path));
    }
    const auto entries = listLocked(path);
    if (!entries) {
        return entries.error();
    }
    for (const Entry& entry : *entries) {
        const QString child = path + QLatin1Char('/') + entry.name;
        const Status removed = entry.info.isDirectory
                                   ? removeTreeLocked(child)
                                   : commandsLocked({QStringLiteral("DELE %1").arg(child)}, tr("remove %1").arg(child));
        if (!removed) {
            return removed;
        }
    }
    return commandsLocked({QStringLiteral("RMD %1").arg(path)}, tr("remove %1").arg(path));
}

Status FtpTargetHost::removeTree(const QString& path)
{
    std::lock_guard lock(m_mutex);
    const QString clean = cleanPath(path);
    if (clean == QLatin1String("/")) {
        return fail(tr("refused to remove the whole login root of %1").arg(describe()));
    }
    return removeTreeLocked(clean);
}

QString FtpTargetHost::stateDirectory() const
{
    return m_endpoint.stateDirectory.isEmpty() ? QStringLiteral("/.certdeck-backups") : m_endpoint.stateDirectory;
}

Result<deploy::HostCommandResult> FtpTargetHost::run(const QStringList& argv, int, const QByteArray&)
{
    return fail(tr("FTP cannot run programs on %1 (asked to run %2)").arg(m_endpoint.host, argv.value(0)));
}

} // namespace certdeck::deployers
