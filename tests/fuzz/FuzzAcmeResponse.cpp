// What the ACME connector reads from a CA's answers (connectors/acme): the JSON body and problem documents
// (AcmeProblem), Retry-After, Link headers for alternate chains and the directory index, renewalInfo, and the
// downloaded PEM chain. The input is an HTTP answer without its status line:
//   header lines ("Retry-After: 120", "Link: <...>;rel=\"alternate\""), an empty line, then the body.
// AcmeSession::finish and the readers in AcmeOrder / AcmeClient take their values from these same functions and
// from QJsonObject lookups on the decoded body.
#include "FuzzInput.h"

#include "connectors/acme/AcmeCertificates.h"
#include "connectors/acme/AcmeProblem.h"

#include <QJsonDocument>
#include <QUrl>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck::acme;
    const QByteArray input = certdeck::fuzz::bytesOf(data, size);
    qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split < 0 ? QByteArray() : input.left(split);
    const QByteArray body = split < 0 ? input : input.mid(split + 2);

    QByteArray retryAfterHeader;
    QList<QByteArray> links;
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0) {
            continue;
        }
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "retry-after") {
            retryAfterHeader = value;
        } else if (name == "link") {
            links.append(value);
        }
    }
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC); // fixed: runs are reproducible
    const std::optional<QDateTime> retryAfter = AcmeProblem::parseRetryAfter(retryAfterHeader, now);
    (void)linkTargets(links, QStringLiteral("alternate"), QUrl(QStringLiteral("https://acme.example.test/cert/1")));
    (void)linkTargets(links, QStringLiteral("index"), QUrl());

    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonObject json = document.isObject() ? document.object() : QJsonObject();
    (void)AcmeProblem::kindOf(json);
    (void)AcmeProblem::toError(json, QStringLiteral("create the order for www.example.test"), 400, retryAfter, now);
    (void)AcmeProblem::httpError(503, body, QStringLiteral("read the ACME directory"));
    (void)parseRenewalInfo(json, retryAfter, now);
    (void)PollPolicy{}.delay(3, retryAfter, now);

    (void)splitIssuedChain(body);
    (void)choosePreferredChain({body, body}, QStringLiteral("Pebble Root CA"));
    (void)renewalCertId(body);
    return 0;
}
