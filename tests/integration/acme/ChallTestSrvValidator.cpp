#include "ChallTestSrvValidator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QPointer>

using namespace certdeck;

ChallTestSrvValidator::ChallTestSrvValidator(QString managementUrl, QStringList types)
    : m_url(std::move(managementUrl))
    , m_types(std::move(types))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
}

void ChallTestSrvValidator::send(const QString& path, const QJsonObject& body, QObject* context,
                                 std::function<void(bool)> done)
{
    QNetworkRequest request{QUrl(m_url + path)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done]() {
        reply->deleteLater();
        done(reply->error() == QNetworkReply::NoError);
    });
}

void ChallTestSrvValidator::present(const QList<ca::ChallengeTask>& tasks, QObject* context,
                                    std::function<void(Status)> done)
{
    ++presented;
    tasksPresented += int(tasks.size());
    auto remaining = std::make_shared<int>(int(tasks.size()));
    auto ok = std::make_shared<bool>(true);
    for (const ca::ChallengeTask& task : tasks) {
        auto finished = [remaining, ok, done](bool sent) {
            *ok = *ok && sent;
            if (--*remaining == 0) {
                done(*ok ? Status() : Status(fail(QStringLiteral("challtestsrv did not accept the answer"))));
            }
        };
        if (task.type == QLatin1String("dns-01")) {
            send(QStringLiteral("/set-txt"),
                 {{QStringLiteral("host"), task.dnsRecordName},
                  {QStringLiteral("value"), publishWrongAnswers ? QStringLiteral("wrong") : task.dnsRecordValue}},
                 context, finished);
        } else {
            send(QStringLiteral("/add-http01"),
                 {{QStringLiteral("token"), task.token},
                  {QStringLiteral("content"), publishWrongAnswers
                                                  ? QString(task.token + QStringLiteral(".wrong-thumbprint"))
                                                  : task.keyAuthorization}},
                 context, finished);
        }
    }
}

void ChallTestSrvValidator::cleanUp(const QList<ca::ChallengeTask>& tasks, QObject* context, std::function<void()> done)
{
    ++cleanedUp;
    tasksCleanedUp += int(tasks.size());
    auto remaining = std::make_shared<int>(int(tasks.size()));
    if (tasks.isEmpty()) {
        done();
        return;
    }
    for (const ca::ChallengeTask& task : tasks) {
        auto finished = [remaining, done](bool) {
            if (--*remaining == 0) {
                done();
            }
        };
        if (task.type == QLatin1String("dns-01")) {
            send(QStringLiteral("/clear-txt"), {{QStringLiteral("host"), task.dnsRecordName}}, context, finished);
        } else {
            send(QStringLiteral("/del-http01"), {{QStringLiteral("token"), task.token}}, context, finished);
        }
    }
}
