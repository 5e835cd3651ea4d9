#include "engine/audit/AuditExport.h"

#include "engine/core/Csv.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace certdeck::audit {

bool exportFormatFromId(const QString& id, ExportFormat* out)
{
    const QString lower = id.toLower();
    if (lower == QLatin1String("csv")) {
        *out = ExportFormat::Csv;
        return true;
    }
    if (lower == QLatin1String("json") || lower == QLatin1String("jsonl")) {
        *out = ExportFormat::JsonLines;
        return true;
    }
    return false;
}

QString csvField(const QString& value)
{
    return csv::field(value);
}

QByteArray csvHeader()
{
    return QByteArrayLiteral("id,at,actor,certificate_id,action,outcome,details\r\n");
}

QByteArray csvLine(const AuditEvent& event)
{
    const QStringList cells = {
        QString::number(event.id),
        event.at.toUTC().toString(Qt::ISODateWithMs),
        csvField(event.actor),
        event.certificateId != 0 ? QString::number(event.certificateId) : QString(),
        csvField(event.action),
        csvField(event.outcome),
        csvField(QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact))),
    };
    return cells.join(QLatin1Char(',')).toUtf8() + QByteArrayLiteral("\r\n");
}

QByteArray jsonLine(const AuditEvent& event)
{
    QJsonObject object{
        {QStringLiteral("id"), event.id},
        {QStringLiteral("at"), event.at.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("actor"), event.actor},
        {QStringLiteral("action"), event.action},
        {QStringLiteral("outcome"), event.outcome},
        {QStringLiteral("details"), event.details},
    };
    object.insert(QStringLiteral("certificateId"),
                  event.certificateId != 0 ? QJsonValue(event.certificateId) : QJsonValue(QJsonValue::Null));
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray exportEvents(const QList<AuditEvent>& events, ExportFormat format)
{
    QByteArray out;
    if (format == ExportFormat::Csv) {
        out += csvHeader();
    }
    for (const AuditEvent& event : events) {
        out += format == ExportFormat::Csv ? csvLine(event) : jsonLine(event);
    }
    return out;
}

Status writeEvents(const QList<AuditEvent>& events, ExportFormat format, QIODevice& device, const QString& where)
{
    const QByteArray data = exportEvents(events, format);
    if (device.write(data) != data.size()) {
        return fail(QStringLiteral("Could not write the audit export to %1: %2. Check the path and free space, "
                                   "then export again.")
                        .arg(where, device.errorString()));
    }
    return {};
}

} // namespace certdeck::audit
