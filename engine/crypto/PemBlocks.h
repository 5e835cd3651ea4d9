#pragma once

// Internal to engine/crypto: splits PEM text into its "-----BEGIN X-----" ... "-----END X-----" blocks.

#include <QByteArray>
#include <QList>

namespace certdeck::crypto::detail {

struct PemBlock
{
    QByteArray label;      // "CERTIFICATE", "PRIVATE KEY", ...
    QByteArray text;       // the whole block, BEGIN and END lines included
    bool complete = false; // false: no matching END line before the next BEGIN or the end of the data
};

QList<PemBlock> splitPem(const QByteArray& data);
bool isCertificateLabel(const QByteArray& label);
bool isPrivateKeyLabel(const QByteArray& label);

} // namespace certdeck::crypto::detail
