#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace certdeck::jobs {

// What the operator must publish by hand when automatic domain validation is not possible. A job in
// JobState::AwaitingValidation carries it in Job::result under "validation"; the console shows it and offers
// "Validation done" (LifecycleService::confirmValidation).
struct ManualChallenge
{
    QString identifier;
    QString type;        // "http-01" or "dns-01"
    QString url;         // http-01: where the CA fetches the file
    QString fileName;    // http-01: the token
    QString filePath;    // http-01: full path under the configured DCV path, when one is configured
    QString content;     // http-01: exact file content (no newline)
    QString recordName;  // dns-01: "_acme-challenge.<name>."
    QString recordValue; // dns-01: TXT value
};

struct ManualValidation
{
    QString reason;     // why the automatic way was not used ("DCV is off", the bot's refusal, the pre-flight failure)
    QDateTime deadline; // the order is abandoned after this
    QList<ManualChallenge> challenges;

    QJsonObject toJson() const;
    static ManualValidation fromJson(const QJsonObject& json);
    // Step-by-step text for the operator (also printed by certdeckctl).
    QString instructions() const;
};

} // namespace certdeck::jobs
