#include "engine/jobs/BotConnections.h"

#include "engine/bots/BotClient.h"
#include "engine/bots/LocalProcessTransport.h"
#include "engine/core/Log.h"

namespace certdeck::jobs {

BotConnections::BotConnections(QString localBotBinary, QStringList localBotArguments, QObject* parent)
    : QObject(parent)
    , m_localBotBinary(std::move(localBotBinary))
    , m_localBotArguments(std::move(localBotArguments))
{
}

BotConnections::~BotConnections()
{
    for (auto& [id, entry] : m_entries) {
        if (entry.client) {
            entry.client->disconnectFromBot();
        }
    }
}

void BotConnections::withClient(const Bot& bot, Ready done)
{
    if (bot.transport != BotTransportKind::Local) {
        done(fail(tr("Bot \"%1\" is reached over SSH, which this version of CertDeck cannot drive yet; "
                     "use the local bot.")
                      .arg(bot.name),
                  QStringLiteral("unsupported")));
        return;
    }
    auto& entry = m_entries[bot.id];
    if (entry.client && entry.ready) {
        done(entry.client);
        return;
    }
    entry.waiting.append(std::move(done));
    if (entry.client) {
        return; // connecting
    }
    auto transport = std::make_unique<bots::LocalProcessTransport>(m_localBotBinary, m_localBotArguments);
    entry.client = new bots::BotClient(std::move(transport), this);
    const qint64 botId = bot.id;
    connect(entry.client, &bots::BotClient::disconnected, this, [this, botId](const QString& reason) {
        auto it = m_entries.find(botId);
        if (it == m_entries.end()) {
            return;
        }
        log::get("engine.jobs")->warn("bot {} disconnected: {}", botId, reason.toStdString());
        auto& entry = it->second;
        if (entry.client) {
            entry.client->deleteLater();
            entry.client = nullptr;
        }
        entry.ready = false;
        for (const auto& waiting : std::exchange(entry.waiting, {})) {
            waiting(fail(reason, QStringLiteral("botUnreachable")));
        }
    });
    entry.client->connectToBot(this, [this, botId](Status status) { finishConnecting(botId, status); });
}

void BotConnections::finishConnecting(qint64 botId, const Status& status)
{
    auto it = m_entries.find(botId);
    if (it == m_entries.end()) {
        return;
    }
    auto& entry = it->second;
    const auto waiting = std::exchange(entry.waiting, {});
    if (!status.ok()) {
        if (entry.client) {
            entry.client->deleteLater();
            entry.client = nullptr;
        }
        for (const auto& done : waiting) {
            done(status.error());
        }
        return;
    }
    entry.ready = true;
    for (const auto& done : waiting) {
        done(entry.client);
    }
}

} // namespace certdeck::jobs
