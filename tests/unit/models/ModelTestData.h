#pragma once

#include "engine/domain/CertificateRecord.h"

#include <QDateTime>

namespace certdeck::test {

// A fixed "now" for the models' days-left computation.
inline QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
}

inline CertificateRecord makeRecord(qint64 id, const QString& cn, int daysLeft, CertificateStatus status,
                                    const QString& host = {},
                                    const QString& issuer = QStringLiteral("CN=Test CA,O=CertDeck"))
{
    CertificateRecord record;
    record.id = id;
    record.commonName = cn;
    record.sans = {cn, QStringLiteral("www.") + cn};
    record.issuer = issuer;
    record.notBefore = fixedNow().addDays(-10);
    record.notAfter = fixedNow().addDays(daysLeft).addSecs(60);
    record.status = status;
    record.serverType = QStringLiteral("nginx");
    record.host = host;
    return record;
}

} // namespace certdeck::test
