#include "app/certdeck-bot/ScanHandler.h"

#include "engine/discovery/SystemScanner.h"

#include <QJsonDocument>

#include <cstdio>

namespace certdeck::bot {

HandlerOutcome ScanHandler::scan(const QJsonObject& params)
{
    Q_UNUSED(params) // no options yet: a scan always looks at the whole host
    const discovery::SystemScan result = discovery::SystemScanner().scan();
    return HandlerOutcome::success(result.toJson());
}

int ScanHandler::printScan()
{
    const QByteArray json = QJsonDocument(discovery::SystemScanner().scan().toJson()).toJson(QJsonDocument::Indented);
    const bool written = std::fwrite(json.constData(), 1, size_t(json.size()), stdout) == size_t(json.size());
    return written && std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace certdeck::bot
