#pragma once

#include "engine/ca/AcmeAdmin.h"

#include <QTimer>

namespace certdeck::test {

// An AcmeAdmin that records what the console asks for and answers asynchronously (next event loop turn), with
// success or with the failure message set in `failWith` - as the real connector does after its network calls.
class FakeAcmeAdmin : public ca::AcmeAdmin
{
public:
    QList<ca::AcmePreset> presets() const override
    {
        ca::AcmePreset le{QStringLiteral("letsencrypt"), QStringLiteral("Let's Encrypt"),
                          QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"), false, QString()};
        ca::AcmePreset zero{QStringLiteral("zerossl"), QStringLiteral("ZeroSSL"),
                            QStringLiteral("https://acme.zerossl.com/v2/DV90"), true,
                            QStringLiteral("ZeroSSL: Developer > EAB Credentials for ACME Clients > Generate.")};
        ca::AcmePreset custom{QStringLiteral("custom"), QStringLiteral("Custom ACME URL"), QString(), false, QString()};
        return {le, zero, custom};
    }

    void create(const ca::AcmeConnectorSpec& spec, QObject* context,
                std::function<void(Result<ca::AcmeConnectorInfo>)> done) override
    {
        specs.append(spec);
        const QString failure = failWith;
        QTimer::singleShot(answerDelayMs, context, [spec, failure, done = std::move(done)] {
            if (!failure.isEmpty()) {
                done(fail(failure));
                return;
            }
            ca::AcmeConnectorInfo info;
            info.name = spec.name;
            info.presetId = spec.presetId;
            info.directoryUrl = spec.directoryUrl;
            info.accountUrl = spec.directoryUrl + QStringLiteral("/acct/1");
            info.contactEmail = spec.contactEmail;
            info.eabBound = !spec.eabKeyId.isEmpty();
            info.createdAt = QDateTime::currentDateTimeUtc();
            done(info);
        });
    }

    void list(QObject* context, std::function<void(Result<QList<ca::AcmeConnectorInfo>>)> done) const override
    {
        const QList<ca::AcmeConnectorInfo> infos = existing;
        QTimer::singleShot(0, context, [infos, done = std::move(done)] { done(infos); });
    }

    void remove(const QString& name, QObject* context, std::function<void(Status)> done) override
    {
        removed.append(name);
        QTimer::singleShot(0, context, [this, name, done = std::move(done)] {
            existing.removeIf([&name](const ca::AcmeConnectorInfo& info) { return info.name == name; });
            done(Status());
        });
    }

    QList<ca::AcmeConnectorSpec> specs;
    QList<ca::AcmeConnectorInfo> existing;
    QStringList removed;
    QString failWith;
    int answerDelayMs = 0;
};

} // namespace certdeck::test
