#pragma once

#include "engine/ca/DomainValidation.h"

#include <QNetworkAccessManager>
#include <QString>

#include <atomic>
#include <memory>

// A DomainValidator for tests: publishes http-01 answers (or dns-01 TXT records) through pebble-challtestsrv's
// management API, so pebble really fetches them over HTTP (or DNS). Counts its calls; can publish wrong answers.
class ChallTestSrvValidator : public certdeck::ca::DomainValidator
{
public:
    explicit ChallTestSrvValidator(QString managementUrl, QStringList types = {QStringLiteral("http-01")});

    QStringList challengeTypes() const override { return m_types; }
    void present(const QList<certdeck::ca::ChallengeTask>& tasks, QObject* context,
                 std::function<void(certdeck::Status)> done) override;
    void cleanUp(const QList<certdeck::ca::ChallengeTask>& tasks, QObject* context,
                 std::function<void()> done) override;

    bool publishWrongAnswers = false;
    std::atomic<int> presented{0};
    std::atomic<int> cleanedUp{0};
    std::atomic<int> tasksPresented{0};
    std::atomic<int> tasksCleanedUp{0};

private:
    void send(const QString& path, const QJsonObject& body, QObject* context, std::function<void(bool)> done);

    QString m_url;
    QStringList m_types;
    std::unique_ptr<QNetworkAccessManager> m_network;
};
