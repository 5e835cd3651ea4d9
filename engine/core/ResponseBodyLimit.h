#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

class QNetworkReply;

namespace certdeck {

// The most of a server's HTTP response the engine reads. Real answers are far smaller (an ACME order or
// directory is a few KiB, a problem document well under 1 KiB, a certificate chain a few KiB); the caps stop a
// hostile or broken server from filling memory.
namespace bodylimit {
constexpr qint64 json = 1024 * 1024;                 // ACME directory, account, order, authorization
constexpr qint64 problem = 256 * 1024;               // any 4xx/5xx answer (an RFC 7807 problem document)
constexpr qint64 certificateChain = 4 * 1024 * 1024; // a PEM chain (many intermediates at most)
constexpr qint64 validationFile = 64 * 1024;         // an http-01 key authorization fetched back
} // namespace bodylimit

// Caps the body of `reply`. Call it right after the request is sent, before control returns to the event loop:
// as soon as the announced Content-Length or the body received so far passes the cap (`errorLimit` once the
// status is 4xx/5xx), the reply is aborted, which ends it with finished().
void limitResponseBody(QNetworkReply* reply, qint64 limit, qint64 errorLimit = bodylimit::problem);

// After finished(): the body, or, when the cap stopped it, an error (kind "responseTooLarge") that names the
// server, `action` ("read the ACME directory ...") and the cap. Never returns more than the cap.
Result<QByteArray> readResponseBody(QNetworkReply* reply, const QString& action);

} // namespace certdeck
