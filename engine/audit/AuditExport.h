#pragma once

#include "engine/core/Result.h"
#include "engine/domain/AuditEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace certdeck::audit {

enum class ExportFormat { Csv, JsonLines };

// "csv" / "json" (also "jsonl"); false when unknown.
bool exportFormatFromId(const QString& id, ExportFormat* out);

// One CSV cell: csv::field() (engine/core/Csv.h), the one escaping every CSV of CertDeck uses.
QString csvField(const QString& value);

// The header line and one line per event, CRLF line ends (RFC 4180).
QByteArray csvHeader();
QByteArray csvLine(const AuditEvent& event);
// One compact JSON object per event and line.
QByteArray jsonLine(const AuditEvent& event);

QByteArray exportEvents(const QList<AuditEvent>& events, ExportFormat format);
// Writes them to `device`; the error names `where` ("/tmp/audit.csv").
Status writeEvents(const QList<AuditEvent>& events, ExportFormat format, QIODevice& device, const QString& where);

} // namespace certdeck::audit
