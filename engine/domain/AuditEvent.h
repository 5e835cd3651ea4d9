#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace certdeck {

// One entry of the append-only audit trail: who or what did what to which certificate, and how it ended.
struct AuditEvent
{
    qint64 id = 0;
    QDateTime at;             // UTC
    QString actor;            // "operator:<user>", "scheduler", "certdeckctl:<user>"
    qint64 certificateId = 0; // 0 when not about one certificate
    QString action;           // "cert.import", "ca.create", "cert.issue", "cert.deploy", "cert.rollback", ...
    QString outcome;          // "ok", "failed", "rolled-back"
    QJsonObject details;      // never contains a secret
};

} // namespace certdeck
