#include "engine/discovery/InventoryImport.h"

#include "engine/crypto/Certificate.h"
#include "engine/jobs/CertificateMaterial.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace certdeck::discovery {
namespace {

// Where one certificate was seen: used for a new inventory row (and a Discovered one's refresh).
struct Sighting
{
    QString host;
    int port = 0;
    QString serverType;
    QString location;
};

bool isWildcardAddress(const QString& address)
{
    static const QSet<QString> any{QString(),
                                   QStringLiteral("*"),
                                   QStringLiteral("0.0.0.0"),
                                   QStringLiteral("::"),
                                   QStringLiteral("[::]"),
                                   QStringLiteral("_default_")};
    return any.contains(address.trimmed());
}

QString endpointHost(const Bot& bot, const ConfiguredEndpoint& endpoint)
{
    if (isWildcardAddress(endpoint.address)) {
        return bot.host;
    }
    QString host = endpoint.address.trimmed();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    return host;
}

// The SNI name of an endpoint row: its first real name ("_" and "" mean "any name").
QString serverNameOf(const QStringList& names)
{
    for (const QString& name : names) {
        const QString trimmed = name.trimmed();
        if (!trimmed.isEmpty() && trimmed != QLatin1String("_")) {
            return trimmed;
        }
    }
    return {};
}

QJsonObject detailsOf(const ConfiguredEndpoint& endpoint, const QString& serverType, const QString& scanHost)
{
    QJsonObject details{{QStringLiteral("configSource"), endpoint.source},
                        {QStringLiteral("address"), endpoint.address},
                        {QStringLiteral("names"), QJsonArray::fromStringList(endpoint.names)},
                        {QStringLiteral("serverType"), serverType}};
    const auto put = [&details](const char* key, const QString& value) {
        if (!value.isEmpty()) {
            details.insert(QLatin1String(key), value);
        }
    };
    put("certificatePath", endpoint.certificatePath);
    put("keyPath", endpoint.keyPath);
    put("chainPath", endpoint.chainPath);
    put("keystorePath", endpoint.keystorePath);
    put("keystoreType", endpoint.keystoreType);
    put("keyAlias", endpoint.keyAlias);
    put("webRoot", endpoint.webRoot);
    put("dcvPath", endpoint.dcvPath());
    put("scanHost", scanHost);
    QJsonArray additional;
    for (const ConfiguredCertificate& certificate : endpoint.additionalCertificates) {
        additional.append(QJsonObject{{QStringLiteral("certificatePath"), certificate.certificatePath},
                                      {QStringLiteral("keyPath"), certificate.keyPath},
                                      {QStringLiteral("keystorePath"), certificate.keystorePath},
                                      {QStringLiteral("keyAlias"), certificate.keyAlias},
                                      {QStringLiteral("type"), certificate.type}});
    }
    if (!additional.isEmpty()) {
        details.insert(QStringLiteral("additionalCertificates"), additional);
    }
    return details;
}

// The files a certificate is served from, as DiscoveredCertificateFile::path names them.
QStringList certificatePathsOf(const ConfiguredCertificate& certificate)
{
    QStringList paths;
    if (!certificate.certificatePath.isEmpty()) {
        paths << certificate.certificatePath;
    }
    if (!certificate.keystorePath.isEmpty()) {
        if (!certificate.keyAlias.isEmpty()) {
            paths << certificate.keystorePath + QLatin1Char('#') + certificate.keyAlias;
        }
        paths << certificate.keystorePath;
    }
    return paths;
}

// The file a configured endpoint serves its (first) certificate from.
QStringList certificatePathsOf(const ConfiguredEndpoint& endpoint)
{
    const QList<ConfiguredCertificate> all = endpoint.certificates();
    return all.isEmpty() ? QStringList() : certificatePathsOf(all.first());
}

// Adds one certificate (leaf first chain) to the inventory or finds it there. Returns its id and fingerprint.
class CertificateIntake
{
public:
    CertificateIntake(const store::Database& db, ImportSummary& summary)
        : m_certificates(db)
        , m_summary(summary)
    {
    }

    struct Taken
    {
        qint64 id = 0;
        QString fingerprint;
    };

    // A chain that cannot be parsed is a problem line (`what` names where it came from), not a failure.
    Result<std::optional<Taken>> take(const QByteArray& chainPem, const QString& what, const QString& source,
                                      qint64 botId, const Sighting& seen)
    {
        auto chain = crypto::Certificate::chainFromPem(chainPem);
        if (!chain.ok() || chain->isEmpty()) {
            m_summary.problems << QObject::tr("%1: the certificate could not be read (%2).")
                                      .arg(what, chain.ok() ? QObject::tr("no certificate") : chain.message());
            return std::optional<Taken>();
        }
        const crypto::Certificate& leaf = chain->first();
        const QString fingerprint = leaf.fingerprintSha256();
        if (auto known = m_seen.constFind(fingerprint); known != m_seen.constEnd()) {
            return std::optional<Taken>(Taken{*known, fingerprint});
        }
        auto existing = m_certificates.findByFingerprint(fingerprint);
        if (!existing.ok()) {
            return existing.error();
        }
        if (existing->has_value()) {
            CertificateRecord record = **existing;
            ++m_summary.knownCertificates;
            m_seen.insert(fingerprint, record.id);
            // Only a certificate nobody manages yet follows its latest sighting; the rest keep what they have.
            if (record.status == CertificateStatus::Discovered && botId != 0 &&
                (record.botId != botId || (!seen.location.isEmpty() && record.location != seen.location))) {
                record.botId = botId;
                if (!seen.location.isEmpty()) {
                    record.location = seen.location;
                }
                if (Status saved = m_certificates.update(record); !saved.ok()) {
                    return saved.error();
                }
            }
            return std::optional<Taken>(Taken{record.id, fingerprint});
        }
        CertificateRecord record;
        jobs::applyCertificate(record, leaf, chain->mid(1));
        record.status = CertificateStatus::Discovered;
        record.source = source;
        record.host = seen.host;
        record.port = seen.port;
        record.serverType = seen.serverType;
        record.botId = botId;
        record.location = seen.location;
        record.updatedAt = QDateTime::currentDateTimeUtc();
        auto id = m_certificates.insert(record);
        if (!id.ok()) {
            return id.error();
        }
        ++m_summary.newCertificates;
        m_seen.insert(fingerprint, *id);
        return std::optional<Taken>(Taken{*id, fingerprint});
    }

private:
    store::CertificateRepository m_certificates;
    ImportSummary& m_summary;
    QHash<QString, qint64> m_seen; // fingerprint -> id, within this import
};

} // namespace

InventoryImport::InventoryImport(const store::Database& database)
    : m_database(database)
{
}

Result<ImportSummary> InventoryImport::importSystemScan(const Bot& bot, const SystemScan& scan) const
{
    ImportSummary summary;
    const QString source = QStringLiteral("scan:") + bot.name;
    const QDateTime seenAt = scan.scannedAt.isValid() ? scan.scannedAt : QDateTime::currentDateTimeUtc();

    // Which running endpoints serve which file: the first one names the new certificate's host and port.
    struct Configured
    {
        ConfiguredEndpoint endpoint;
        QString serverType;
        QString host;
    };
    QList<Configured> configured;
    QHash<QString, int> firstEndpointOfPath;
    for (const DetectedServer& server : scan.servers) {
        if (!server.running) {
            continue; // installed but stopped: not a target, and nothing it would serve
        }
        for (const ConfiguredEndpoint& endpoint : server.config.endpoints) {
            if (endpoint.port < 1 || endpoint.port > 65535) {
                continue;
            }
            configured.append({endpoint, server.serverType, endpointHost(bot, endpoint)});
            for (const ConfiguredCertificate& certificate : endpoint.certificates()) { // RSA and ECDSA alike
                for (const QString& path : certificatePathsOf(certificate)) {
                    if (!firstEndpointOfPath.contains(path)) {
                        firstEndpointOfPath.insert(path, int(configured.size() - 1));
                    }
                }
            }
        }
    }

    const Status stored = m_database.transaction([&]() -> Status {
        CertificateIntake intake(m_database, summary);
        QHash<QString, CertificateIntake::Taken> byPath;
        for (const DiscoveredCertificateFile& file : scan.certificates) {
            if (!file.error.isEmpty() || file.chainPem.isEmpty()) {
                summary.problems << QObject::tr("%1: %2").arg(
                    file.path, file.error.isEmpty() ? QObject::tr("no certificate read") : file.error);
                continue;
            }
            Sighting seen{bot.host, 0, file.serverType, file.path};
            if (const int index = firstEndpointOfPath.value(file.path, -1); index >= 0) {
                seen.host = configured.at(index).host;
                seen.port = configured.at(index).endpoint.port;
                seen.serverType = configured.at(index).serverType;
            }
            auto taken = intake.take(file.chainPem, file.path, source, bot.id, seen);
            if (!taken.ok()) {
                return taken.error();
            }
            if (taken->has_value()) {
                byPath.insert(file.path, **taken);
            }
        }

        QList<store::EndpointRecord> rows;
        QSet<QString> keys;
        for (const Configured& c : configured) {
            store::EndpointRecord row;
            row.host = c.host;
            row.port = c.endpoint.port;
            row.serverName = serverNameOf(c.endpoint.names);
            const QString key = QStringLiteral("%1|%2|%3").arg(row.host).arg(row.port).arg(row.serverName);
            if (keys.contains(key)) {
                continue; // two blocks for the same address and name: the first one serves
            }
            keys.insert(key);
            row.botId = bot.id;
            row.serverType = c.serverType;
            row.source = source;
            row.details = detailsOf(c.endpoint, c.serverType, scan.hostname);
            row.seenAt = seenAt;
            for (const QString& path : certificatePathsOf(c.endpoint)) {
                if (auto found = byPath.constFind(path); found != byPath.constEnd()) {
                    row.certificateId = found->id;
                    row.fingerprint = found->fingerprint;
                    break;
                }
            }
            if (row.certificateId == 0 && !certificatePathsOf(c.endpoint).isEmpty()) {
                row.error = QObject::tr("the configured certificate %1 could not be read")
                                .arg(certificatePathsOf(c.endpoint).first());
            }
            rows.append(row);
        }
        if (Status saved = store::EndpointRepository(m_database).upsertAll(rows); !saved.ok()) {
            return saved;
        }
        summary.endpoints = int(rows.size());
        return {};
    });
    if (!stored.ok()) {
        return stored.error();
    }
    return summary;
}

Result<ImportSummary> InventoryImport::importEndpoints(const QList<SeenEndpoint>& endpoints, const QString& source,
                                                       qint64 botId) const
{
    ImportSummary summary;
    const QDateTime seenAt = QDateTime::currentDateTimeUtc();
    const Status stored = m_database.transaction([&]() -> Status {
        CertificateIntake intake(m_database, summary);
        QList<store::EndpointRecord> rows;
        rows.reserve(endpoints.size());
        for (const SeenEndpoint& seen : endpoints) {
            store::EndpointRecord row;
            row.host = seen.host;
            row.port = seen.port;
            row.serverName = seen.serverName;
            row.botId = botId;
            row.serverType = seen.serverType;
            row.source = source;
            row.details = seen.details;
            row.error = seen.error;
            row.seenAt = seenAt;
            if (!seen.chainPem.isEmpty()) {
                const QString where =
                    seen.serverName.isEmpty()
                        ? QStringLiteral("%1:%2").arg(seen.host).arg(seen.port)
                        : QStringLiteral("%1:%2 (%3)").arg(seen.host).arg(seen.port).arg(seen.serverName);
                auto taken = intake.take(seen.chainPem, where, source, botId,
                                         Sighting{seen.host, seen.port, seen.serverType, {}});
                if (!taken.ok()) {
                    return taken.error();
                }
                if (taken->has_value()) {
                    row.certificateId = (*taken)->id;
                    row.fingerprint = (*taken)->fingerprint;
                } else if (row.error.isEmpty()) {
                    row.error = QObject::tr("the certificate it served could not be read");
                }
            }
            rows.append(row);
        }
        if (Status saved = store::EndpointRepository(m_database).upsertAll(rows); !saved.ok()) {
            return saved;
        }
        summary.endpoints = int(rows.size());
        return {};
    });
    if (!stored.ok()) {
        return stored.error();
    }
    return summary;
}

} // namespace certdeck::discovery
