#include "engine/crypto/PemBlocks.h"

namespace certdeck::crypto::detail {

namespace {
constexpr char kBegin[] = "-----BEGIN ";
constexpr char kEnd[] = "-----END ";
constexpr char kDashes[] = "-----";
} // namespace

QList<PemBlock> splitPem(const QByteArray& data)
{
    QList<PemBlock> blocks;
    qsizetype pos = data.indexOf(kBegin);
    while (pos >= 0) {
        const qsizetype labelStart = pos + qsizetype(sizeof(kBegin) - 1);
        const qsizetype labelEnd = data.indexOf(kDashes, labelStart);
        const qsizetype lineEnd = data.indexOf('\n', labelStart);
        PemBlock block;
        if (labelEnd < 0 || (lineEnd >= 0 && labelEnd > lineEnd)) {
            // A damaged BEGIN line: keep it as an incomplete block of unknown label.
            block.text = data.mid(pos, lineEnd < 0 ? -1 : lineEnd - pos);
            blocks.append(block);
            pos = data.indexOf(kBegin, labelStart);
            continue;
        }
        block.label = data.mid(labelStart, labelEnd - labelStart);
        const qsizetype nextBegin = data.indexOf(kBegin, labelEnd);
        const QByteArray endLine = kEnd + block.label + kDashes;
        const qsizetype end = data.indexOf(endLine, labelEnd);
        if (end >= 0 && (nextBegin < 0 || end < nextBegin)) {
            block.complete = true;
            block.text = data.mid(pos, end + endLine.size() - pos);
            block.text.append('\n');
        } else {
            block.text = data.mid(pos, nextBegin < 0 ? -1 : nextBegin - pos);
        }
        blocks.append(block);
        pos = nextBegin;
    }
    return blocks;
}

bool isCertificateLabel(const QByteArray& label)
{
    return label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE";
}

bool isPrivateKeyLabel(const QByteArray& label)
{
    return label.endsWith("PRIVATE KEY");
}

} // namespace certdeck::crypto::detail
