#include "engine/core/ResponseBodyLimit.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>

namespace certdeck {

namespace {

constexpr const char* kLimit = "certdeck.bodyLimit";
constexpr const char* kErrorLimit = "certdeck.bodyErrorLimit";
constexpr const char* kCutAt = "certdeck.bodyCutAt"; // set when the cap aborted the reply

qint64 limitFor(const QNetworkReply* reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return reply->property(status >= 400 ? kErrorLimit : kLimit).toLongLong();
}

void enforce(QNetworkReply* reply)
{
    if (reply->property(kCutAt).isValid() || reply->isFinished()) {
        return;
    }
    const qint64 limit = limitFor(reply);
    bool announced = false;
    const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&announced);
    if ((announced && length > limit) || reply->bytesAvailable() > limit) {
        reply->setProperty(kCutAt, limit);
        reply->abort();
    }
}

QString sizeText(qint64 bytes)
{
    return bytes % (1024 * 1024) == 0 ? QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024))
                                      : QStringLiteral("%1 KiB").arg(bytes / 1024);
}

} // namespace

void limitResponseBody(QNetworkReply* reply, qint64 limit, qint64 errorLimit)
{
    reply->setProperty(kLimit, limit);
    reply->setProperty(kErrorLimit, errorLimit);
    // Back-pressure: without a bound the network thread keeps reading whatever the server sends while this thread is
    // busy; with it, at most twice the cap waits in memory, and the cap is crossed before the buffer is full.
    reply->setReadBufferSize(2 * std::max(limit, errorLimit) + 1);
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [reply] { enforce(reply); });
    QObject::connect(reply, &QIODevice::readyRead, reply, [reply] { enforce(reply); });
}

Result<QByteArray> readResponseBody(QNetworkReply* reply, const QString& action)
{
    const QVariant cutAt = reply->property(kCutAt);
    qint64 limit = cutAt.isValid() ? cutAt.toLongLong() : limitFor(reply);
    QByteArray body;
    if (!cutAt.isValid()) {
        body = limit > 0 ? reply->read(limit + 1) : reply->readAll();
    }
    if (cutAt.isValid() || (limit > 0 && body.size() > limit)) {
        return fail(QStringLiteral("Could not %1: the answer of %2 is larger than %3, the most CertDeck reads; it "
                                   "was cut off. The server is misbehaving or is not the one configured: check the "
                                   "URL.")
                        .arg(action, reply->url().host(), sizeText(limit)),
                    QStringLiteral("responseTooLarge"));
    }
    return body;
}

} // namespace certdeck
