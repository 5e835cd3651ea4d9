#pragma once

#include "engine/core/Result.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace certdeck::ca {

// One challenge a CA asks us to satisfy for one identifier (RFC 8555 section 8).
struct ChallengeTask
{
    QString identifier;       // the DNS name (without "*.") or IP address being validated
    bool wildcard = false;    // the order asked for "*.<identifier>"
    QString type;             // "http-01" or "dns-01"
    QString token;            // base64url, from the CA
    QString keyAuthorization; // token "." thumbprint: the http-01 file content
    // http-01: where the CA will look.
    QString httpPath() const { return QStringLiteral("/.well-known/acme-challenge/") + token; }
    // dns-01: the TXT record to publish: name "_acme-challenge.<identifier>.", value base64url(SHA-256(keyAuthz)).
    QString dnsRecordName;
    QString dnsRecordValue;
};

// Makes challenges answerable before the CA is asked to validate, and removes them afterwards. The job that
// orders a certificate provides it (automatic file DCV through the bot, RFC 2136 dns-01, or the operator by
// hand), so a CA connector never needs to know how validation is performed.
class DomainValidator
{
public:
    virtual ~DomainValidator() = default;

    // Challenge types this validator can satisfy, most preferred first ("http-01", "dns-01").
    virtual QStringList challengeTypes() const = 0;

    // Publishes every task (or waits for the operator to do so). `done` is called once, on context's thread,
    // when the CA may validate; a failure aborts the order with that message.
    virtual void present(const QList<ChallengeTask>& tasks, QObject* context, std::function<void(Status)> done) = 0;

    // Removes what present() published, on success and on failure alike. Best effort: failures are logged.
    virtual void cleanUp(const QList<ChallengeTask>& tasks, QObject* context, std::function<void()> done) = 0;

    // Progress reports from the CA connector ("validating www.example.com", 40).
    virtual void progress(const QString& step, int percent)
    {
        Q_UNUSED(step)
        Q_UNUSED(percent)
    }
};

} // namespace certdeck::ca
