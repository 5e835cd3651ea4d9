#include "engine/discovery/AddressRange.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

#include <arpa/inet.h>

namespace certdeck::discovery {

namespace {

const QString kExpected = QStringLiteral(
    "expected an address (10.0.0.1, ::1), a CIDR block (10.0.0.0/24, fd00::/120), a range (10.0.0.1-10.0.0.40 or "
    "10.0.0.1-40) or a host name");

Error badRange(const QString& token, const QString& why)
{
    return fail(QStringLiteral("\"%1\" %2").arg(token, why), QStringLiteral("invalid"));
}

Error tooLarge(const QString& token, const QString& count)
{
    return fail(QStringLiteral("\"%1\" holds %2 addresses; one discovery scans at most %3 targets: split it into "
                               "smaller ranges or use a longer prefix")
                    .arg(token, count)
                    .arg(kMaxScanTargets),
                QStringLiteral("tooLarge"));
}

bool isHostName(const QString& text)
{
    static const QRegularExpression name(
        QStringLiteral("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
                       "[A-Za-z0-9])?)*\\.?$"));
    // All digits and dots is a mistyped address, not a name.
    static const QRegularExpression numeric(QStringLiteral("^[0-9.]+$"));
    return name.match(text).hasMatch() && !numeric.match(text).hasMatch();
}

} // namespace

bool IpAddress::parse(const QString& text, IpAddress* out)
{
    const QByteArray latin = text.toLatin1();
    IpAddress address;
    if (text.contains(QLatin1Char(':'))) {
        address.v6 = true;
        if (inet_pton(AF_INET6, latin.constData(), address.bytes.data()) != 1) {
            return false;
        }
    } else if (inet_pton(AF_INET, latin.constData(), address.bytes.data()) != 1) {
        return false;
    }
    *out = address;
    return true;
}

QString IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof(buffer));
    return QString::fromLatin1(buffer);
}

IpAddress IpAddress::plus(quint64 offset) const
{
    IpAddress result = *this;
    const int last = v6 ? 15 : 3;
    unsigned carry = 0;
    for (int i = last; i >= 0 && (offset != 0 || carry != 0); --i) {
        const unsigned sum = unsigned(result.bytes[size_t(i)]) + unsigned(offset & 0xff) + carry;
        result.bytes[size_t(i)] = quint8(sum & 0xff);
        carry = sum >> 8;
        offset >>= 8;
    }
    return result;
}

bool IpAddress::distanceFrom(const IpAddress& other, quint64* out) const
{
    if (v6 != other.v6) {
        return false;
    }
    const int length = v6 ? 16 : 4;
    // Subtract byte-wise (big-endian), then check the result fits in 64 bits.
    std::array<quint8, 16> diff{};
    int borrow = 0;
    for (int i = length - 1; i >= 0; --i) {
        int value = int(bytes[size_t(i)]) - int(other.bytes[size_t(i)]) - borrow;
        borrow = value < 0 ? 1 : 0;
        diff[size_t(i)] = quint8(value + (borrow ? 256 : 0));
    }
    if (borrow) {
        return false;
    }
    quint64 result = 0;
    for (int i = 0; i < length; ++i) {
        if (i < length - 8 && diff[size_t(i)] != 0) {
            return false;
        }
        if (i >= length - 8) {
            result = (result << 8) | diff[size_t(i)];
        }
    }
    *out = result;
    return true;
}

Result<AddressRange> AddressRange::parse(const QString& input)
{
    const QString token = input.trimmed();
    AddressRange range;
    range.m_text = token;
    if (token.isEmpty()) {
        return fail(QStringLiteral("An address range is empty: %1").arg(kExpected), QStringLiteral("invalid"));
    }

    const qsizetype slash = token.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        IpAddress base;
        if (!IpAddress::parse(token.left(slash), &base)) {
            return badRange(token, QStringLiteral("does not start with an IPv4 or IPv6 address: ") + kExpected);
        }
        bool ok = false;
        const QString prefixText = token.mid(slash + 1);
        const int prefix = prefixText.toInt(&ok);
        const int bits = base.v6 ? 128 : 32;
        if (!ok || prefix < 0 || prefix > bits || prefixText.startsWith(QLatin1Char('+'))) {
            return badRange(
                token,
                QStringLiteral("has the prefix length \"%1\": use a number from 0 to %2").arg(prefixText).arg(bits));
        }
        const int hostBits = bits - prefix;
        if (hostBits > 20) {
            return tooLarge(token, hostBits >= 64 ? QStringLiteral("2^%1").arg(hostBits)
                                                  : QString::number(quint64(1) << hostBits));
        }
        // The block that contains the address (10.0.0.5/24 means 10.0.0.0/24, as nmap reads it).
        for (int bit = bits - 1; bit >= prefix; --bit) {
            base.bytes[size_t(bit / 8)] &= quint8(~(1u << (7 - bit % 8)));
        }
        range.m_first = base;
        range.m_count = quint64(1) << hostBits;
        return range;
    }

    const qsizetype dash = token.indexOf(QLatin1Char('-'));
    IpAddress first;
    if (dash > 0 && IpAddress::parse(token.left(dash), &first)) {
        const QString lastText = token.mid(dash + 1);
        IpAddress last;
        bool ok = false;
        const int lastOctet = lastText.toInt(&ok);
        if (!first.v6 && ok && !lastText.startsWith(QLatin1Char('+')) && lastOctet >= 0 && lastOctet <= 255 &&
            !lastText.contains(QLatin1Char('.'))) {
            last = first;
            last.bytes[3] = quint8(lastOctet);
        } else if (!IpAddress::parse(lastText, &last) || last.v6 != first.v6) {
            return badRange(token, QStringLiteral("does not end with an address of the same family as its start: ") +
                                       kExpected);
        }
        quint64 distance = 0;
        if (!last.distanceFrom(first, &distance)) {
            if (last.v6 == first.v6 && first.distanceFrom(last, &distance)) {
                return badRange(token, QStringLiteral("ends before it starts: write the lower address first"));
            }
            return tooLarge(token, QStringLiteral("more than 2^64"));
        }
        if (distance >= kMaxScanTargets) {
            return tooLarge(token, QString::number(distance + 1));
        }
        range.m_first = first;
        range.m_count = distance + 1;
        return range;
    }

    if (IpAddress::parse(token, &first)) {
        range.m_first = first;
        range.m_count = 1;
        return range;
    }
    if (isHostName(token)) {
        range.m_hostName = token;
        range.m_count = 1;
        return range;
    }
    return badRange(token, QStringLiteral("is not understood: ") + kExpected);
}

QString AddressRange::at(quint64 index) const
{
    if (!m_hostName.isEmpty()) {
        return m_hostName;
    }
    return m_first.plus(index).toString();
}

Result<QList<int>> parsePortList(const QString& text)
{
    QList<int> ports;
    QSet<int> seen;
    const QStringList tokens = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    if (tokens.isEmpty()) {
        return fail(QStringLiteral("No ports are given: list them like 443,8443,10000-10010"),
                    QStringLiteral("invalid"));
    }
    const auto portOf = [](const QString& part, int* out) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || part.startsWith(QLatin1Char('+')) || value < 1 || value > 65535) {
            return false;
        }
        *out = value;
        return true;
    };
    for (const QString& token : tokens) {
        const qsizetype dash = token.indexOf(QLatin1Char('-'));
        int low = 0;
        int high = 0;
        if (dash < 0) {
            if (!portOf(token, &low)) {
                return fail(QStringLiteral("The port \"%1\" in \"%2\" is not a number from 1 to 65535")
                                .arg(token, text.trimmed()),
                            QStringLiteral("invalid"));
            }
            high = low;
        } else if (!portOf(token.left(dash), &low) || !portOf(token.mid(dash + 1), &high)) {
            return fail(QStringLiteral("The port range \"%1\" in \"%2\" is not two ports from 1 to 65535 joined by "
                                       "\"-\" (like 10000-10010)")
                            .arg(token, text.trimmed()),
                        QStringLiteral("invalid"));
        } else if (high < low) {
            return fail(
                QStringLiteral("The port range \"%1\" ends before it starts: write the lower port first").arg(token),
                QStringLiteral("invalid"));
        }
        for (int port = low; port <= high; ++port) {
            if (!seen.contains(port)) {
                seen.insert(port);
                ports.append(port);
            }
        }
    }
    return ports;
}

Result<ScanPlan> ScanPlan::make(const QStringList& ranges, const QString& ports, const QStringList& serverNames)
{
    ScanPlan plan;
    for (const QString& text : ranges) {
        const QStringList tokens = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        for (const QString& token : tokens) {
            auto range = AddressRange::parse(token);
            if (!range) {
                return range.error();
            }
            plan.m_rangeStarts.append(plan.m_addresses);
            plan.m_addresses += range->size();
            plan.m_ranges.append(std::move(range).value());
            if (plan.m_addresses > kMaxScanTargets) {
                return fail(QStringLiteral("The ranges hold more than %1 addresses: scan them in several runs")
                                .arg(kMaxScanTargets),
                            QStringLiteral("tooLarge"));
            }
        }
    }
    if (plan.m_ranges.isEmpty()) {
        return fail(QStringLiteral("No address range is given: %1").arg(kExpected), QStringLiteral("invalid"));
    }
    auto portList = parsePortList(ports);
    if (!portList) {
        return portList.error();
    }
    plan.m_ports = std::move(portList).value();
    for (const QString& name : serverNames) {
        const QString trimmed = name.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        if (!isHostName(trimmed) && !trimmed.startsWith(QLatin1String("*."))) {
            return fail(QStringLiteral("The server name \"%1\" is not a DNS name: SNI takes names like "
                                       "www.example.com")
                            .arg(trimmed),
                        QStringLiteral("invalid"));
        }
        if (!plan.m_serverNames.contains(trimmed)) {
            plan.m_serverNames.append(trimmed);
        }
    }
    const quint64 names = quint64(qMax<qsizetype>(1, plan.m_serverNames.size()));
    plan.m_total = plan.m_addresses * quint64(plan.m_ports.size()) * names;
    if (plan.m_total > kMaxScanTargets) {
        return fail(QStringLiteral("%1 addresses x %2 ports x %3 server names are %4 endpoints; one discovery scans "
                                   "at most %5: narrow the ranges or the ports")
                        .arg(plan.m_addresses)
                        .arg(plan.m_ports.size())
                        .arg(names)
                        .arg(plan.m_total)
                        .arg(kMaxScanTargets),
                    QStringLiteral("tooLarge"));
    }
    return plan;
}

ScanPlan ScanPlan::fromTargets(const QList<ScanTarget>& targets)
{
    ScanPlan plan;
    plan.m_explicit = targets;
    plan.m_total = quint64(targets.size());
    return plan;
}

ScanTarget ScanPlan::at(quint64 index) const
{
    if (!m_explicit.isEmpty()) {
        return m_explicit.at(qsizetype(index));
    }
    // Server names vary fastest, then addresses, then ports: consecutive targets spread over the hosts.
    const quint64 names = quint64(qMax<qsizetype>(1, m_serverNames.size()));
    const quint64 nameIndex = index % names;
    const quint64 rest = index / names;
    const quint64 addressIndex = rest % m_addresses;
    const quint64 portIndex = rest / m_addresses;
    // The range holding addressIndex: the last start <= addressIndex.
    const auto it = std::upper_bound(m_rangeStarts.cbegin(), m_rangeStarts.cend(), addressIndex);
    const qsizetype rangeIndex = (it - m_rangeStarts.cbegin()) - 1;
    ScanTarget target;
    target.host = m_ranges.at(rangeIndex).at(addressIndex - m_rangeStarts.at(rangeIndex));
    target.port = m_ports.at(qsizetype(portIndex));
    if (!m_serverNames.isEmpty()) {
        target.serverName = m_serverNames.at(qsizetype(nameIndex));
    }
    return target;
}

} // namespace certdeck::discovery
