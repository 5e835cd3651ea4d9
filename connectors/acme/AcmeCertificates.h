#pragma once

#include "engine/ca/CaConnector.h"
#include "engine/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace certdeck::acme {

// Targets of the HTTP Link headers with the given relation (RFC 8288), resolved against `base`.
// Accepts several headers and comma-joined values.
QStringList linkTargets(const QList<QByteArray>& linkHeaders, const QString& rel, const QUrl& base = {});

// The issuer CN of the topmost certificate of a PEM chain (what "preferred chain" names); empty on error.
QString topIssuerCommonName(const QByteArray& chainPem);

// Index of the chain to use: the first whose top issuer CN equals `preferredIssuer` (case-insensitive); 0 (the
// CA's default, listed first) when none matches or no preference is set.
int choosePreferredChain(const QList<QByteArray>& chainsPem, const QString& preferredIssuer);

// Splits the downloaded PEM chain into the leaf and the intermediates.
Result<ca::IssuedCertificate> splitIssuedChain(const QByteArray& chainPem);

// ACME Renewal Information (RFC 9773) certificate identifier:
// base64url(AKI keyIdentifier) "." base64url(serial number DER content bytes).
QString renewalCertId(const QByteArray& authorityKeyId, const QByteArray& serialDerContent);
Result<QString> renewalCertId(const QByteArray& certificatePem);
// Parses a renewalInfo response (suggestedWindow, explanationURL) with its Retry-After.
Result<ca::RenewalWindow> parseRenewalInfo(const QJsonObject& body, const std::optional<QDateTime>& retryAfter,
                                           const QDateTime& now = QDateTime::currentDateTimeUtc());

// How fast to poll an authorization or an order: first poll soon, then back off to a cap; Retry-After
// is honoured but capped so a server cannot stall us beyond `maxRetryAfter`.
struct PollPolicy
{
    std::chrono::milliseconds first{100};
    double factor = 1.6;
    std::chrono::milliseconds cap{3000};
    std::chrono::milliseconds maxRetryAfter{60000};

    std::chrono::milliseconds delay(int attempt, const std::optional<QDateTime>& retryAfter,
                                    const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
};

} // namespace certdeck::acme
