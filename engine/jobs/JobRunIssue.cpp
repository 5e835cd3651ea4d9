// JobRun: issuance (Issue, Order) with durable checkpoints, so that a resumed run neither makes a new key nor
// orders a second certificate.
#include "engine/bots/BotClient.h"
#include "engine/ca/CaRegistry.h"
#include "engine/core/FailPoint.h"
#include "engine/crypto/Certificate.h"
#include "engine/jobs/BotConnections.h"
#include "engine/jobs/CertificateMaterial.h"
#include "engine/jobs/JobDomainValidator.h"
#include "engine/jobs/JobRun.h"

#include <QJsonArray>
#include <QPointer>

namespace certdeck::jobs {
namespace {

const QString kKeyId = QStringLiteral("keyId");
const QString kCsrPem = QStringLiteral("csrPem");
const QString kCa = QStringLiteral("ca");

} // namespace

void JobRun::issue()
{
    const auto connector = m_context.cas->find(m_config.caType, m_config.caConnectorName);
    if (!connector) {
        finish(JobState::Failed,
               tr("No CA connector named \"%1\" (%2) is configured. Create it, or choose another connector in the "
                  "provisioning configuration.")
                   .arg(m_config.caConnectorName, m_config.caType),
               {}, false, auditFor(QStringLiteral("issue")), QStringLiteral("failed"));
        return;
    }
    // Resumed (after a crash or for a retry), or prepared by Initiate: the key staged on the bot and its CSR are
    // reused.
    const QString stagedKey = m_job.checkpoint.value(kKeyId).toString();
    const QString stagedCsr = m_job.checkpoint.value(kCsrPem).toString();
    if (!stagedKey.isEmpty() && !stagedCsr.isEmpty()) {
        issueWithCsr(stagedKey, stagedCsr.toUtf8());
        return;
    }
    createCsr(csrReuseKeyId(), [this](const QString& keyId, const QByteArray& csrPem) {
        failPoint("issue.csr-created");
        issueWithCsr(keyId, csrPem);
    });
}

QJsonObject JobRun::csrParams() const
{
    QString commonName = m_config.commonName.isEmpty() ? m_record.commonName : m_config.commonName;
    QStringList sans = m_config.sans.isEmpty() ? m_record.sans : m_config.sans;
    QString keyAlgorithm = m_config.keyAlgorithm;
    int keySize = m_config.keySize;
    QString signatureAlgorithm = m_config.signatureAlgorithm;
    if (m_config.csrMode == CsrMode::UseExisting) {
        // The existing certificate's subject and key type; the bot's default signature for that key.
        if (!m_record.commonName.isEmpty()) {
            commonName = m_record.commonName;
            sans = m_record.sans;
        }
        if (!m_record.keyAlgorithm.isEmpty() && m_record.keyBits > 0) {
            keyAlgorithm = m_record.keyAlgorithm;
            keySize = m_record.keyBits;
            signatureAlgorithm.clear();
        }
    }
    QJsonObject params{
        {QStringLiteral("commonName"), commonName},
        {QStringLiteral("sans"), QJsonArray::fromStringList(sans)},
        {QStringLiteral("keyAlgorithm"), keyAlgorithm},
        {QStringLiteral("keySize"), keySize},
        {QStringLiteral("signatureAlgorithm"), signatureAlgorithm},
    };
    if (m_config.csrMode == CsrMode::FullOverride && m_csrTemplate) {
        // The template's subject structure: the fixed attributes every request made from it carries.
        const QList<QPair<QString, QString>> subject = {
            {QStringLiteral("organization"), m_csrTemplate->organization},
            {QStringLiteral("organizationalUnit"), m_csrTemplate->organizationalUnit},
            {QStringLiteral("locality"), m_csrTemplate->locality},
            {QStringLiteral("state"), m_csrTemplate->state},
            {QStringLiteral("country"), m_csrTemplate->country},
        };
        for (const auto& [field, value] : subject) {
            if (!value.trimmed().isEmpty()) {
                params.insert(field, value.trimmed());
            }
        }
    }
    return params;
}

QString JobRun::csrReuseKeyId()
{
    if (m_record.keyId.isEmpty()) {
        return {};
    }
    switch (m_job.action) {
    case JobAction::Rekey:
        return {};
    case JobAction::Rotate: {
        // The current key, unless the configuration now asks for another kind of key.
        const bool sameKind = m_record.keyAlgorithm.isEmpty() ||
                              (m_record.keyAlgorithm.compare(m_config.keyAlgorithm, Qt::CaseInsensitive) == 0 &&
                               (m_record.keyBits <= 0 || m_record.keyBits == m_config.keySize));
        if (!sameKind) {
            m_job.checkpoint.insert(QStringLiteral("keyNote"),
                                    tr("The configuration asks for a %1 %2 key and the current key is %3 %4, so a "
                                       "new key was generated.")
                                        .arg(m_config.keyAlgorithm)
                                        .arg(m_config.keySize)
                                        .arg(m_record.keyAlgorithm)
                                        .arg(m_record.keyBits));
            return {};
        }
        return m_record.keyId;
    }
    default:
        return m_config.csrMode == CsrMode::UseExisting ||
                       (m_config.csrMode == CsrMode::FullOverride && m_config.reuseExistingCsr)
                   ? m_record.keyId
                   : QString();
    }
}

void JobRun::createCsr(const QString& reuseKeyId,
                       std::function<void(const QString& keyId, const QByteArray& csrPem)> next)
{
    setStep(QStringLiteral("csr.create"), 10);
    if (const QString name = m_config.csrTemplate.trimmed();
        m_config.csrMode == CsrMode::FullOverride && !name.isEmpty() && !m_csrTemplate) {
        finish(JobState::Failed,
               tr("The CSR template \"%1\" of the configuration no longer exists. Open Provision and choose another "
                  "template (or create \"%1\" again under Certificate > CSR Templates).")
                   .arg(name),
               {}, false, auditFor(QStringLiteral("issue")), QStringLiteral("failed"));
        return;
    }
    withBot([this, reuseKeyId, next = std::move(next)](bots::BotClient* client) {
        QJsonObject params = csrParams();
        if (!reuseKeyId.isEmpty()) {
            params.insert(kKeyId, reuseKeyId);
        }
        client->call(QStringLiteral("csr.create"), params, this, [this, reuseKeyId, next](Result<QJsonObject> reply) {
            if (!reply.ok() && !reuseKeyId.isEmpty() && reply.error().kind == QLatin1String("unknownKey")) {
                // The bot refused the key clearly: a new key instead, and the job says so.
                m_job.checkpoint.insert(QStringLiteral("keyNote"),
                                        tr("The bot no longer holds the current key %1 (%2), so a new key was "
                                           "generated.")
                                            .arg(reuseKeyId, reply.message()));
                createCsr({}, next);
                return;
            }
            if (!reply.ok()) {
                failJob(tr("The bot could not create the key and CSR: %1").arg(reply.message()),
                        botError(reply.error(), false), auditFor(QStringLiteral("issue")));
                return;
            }
            const QString keyId = reply->value(kKeyId).toString();
            const QByteArray csrPem = reply->value(kCsrPem).toString().toUtf8();
            if (!reuseKeyId.isEmpty()) {
                m_job.checkpoint.insert(QStringLiteral("keyNote"),
                                        keyId == reuseKeyId
                                            ? tr("The new CSR reuses the current key %1.").arg(keyId)
                                            : tr("The bot did not reuse the current key %1; it generated the new key "
                                                 "%2.")
                                                  .arg(reuseKeyId, keyId));
            } else if (!m_job.checkpoint.contains(QStringLiteral("keyNote"))) {
                m_job.checkpoint.insert(QStringLiteral("keyNote"), tr("A new key %1 was generated.").arg(keyId));
            }
            m_job.checkpoint.insert(kKeyId, keyId);
            m_job.checkpoint.insert(kCsrPem, QString::fromUtf8(csrPem));
            commitCheckpoint([next, keyId, csrPem] { next(keyId, csrPem); });
        });
    });
}

void JobRun::issueWithCsr(const QString& keyId, const QByteArray& csrPem)
{
    const auto connector = m_context.cas->find(m_config.caType, m_config.caConnectorName);
    if (!connector) {
        finish(JobState::Failed, tr("The CA connector \"%1\" was removed.").arg(m_config.caConnectorName), {}, false,
               auditFor(QStringLiteral("issue")), QStringLiteral("failed"));
        return;
    }
    ca::IssueRequest request;
    request.csrPem = csrPem;
    request.requestId = QStringLiteral("job:%1").arg(m_job.id);
    request.resumeState = m_job.checkpoint.value(kCa).toObject();
    const QPointer<JobRun> self(this);
    // Called on the connector's thread: the checkpoint is written from this job's thread.
    request.saveState = [self](const QJsonObject& state, std::function<void()> proceed) {
        if (!self) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, state, proceed = std::move(proceed)] {
                if (!self) {
                    return;
                }
                self->m_job.checkpoint.insert(kCa, state);
                self->commitCheckpoint([proceed] {
                    failPoint("issue.order-created");
                    proceed();
                });
            },
            Qt::QueuedConnection);
    };
    ValidationHooks hooks;
    hooks.withBot = [self](std::function<void(Result<bots::BotClient*>)> next) {
        if (self) {
            self->m_context.bots->withClient(self->m_bot, std::move(next));
        }
    };
    hooks.awaitOperator = [self](const ManualValidation& manual, std::function<void(Status)> resume) {
        if (self) {
            self->awaitValidation(manual, std::move(resume));
        }
    };
    hooks.progress = [self](const QString& step, int percent) {
        if (self) {
            self->setStep(step, 50 + percent * 40 / 100);
        }
    };
    request.validator =
        std::make_shared<JobDomainValidator>(m_config, connector->httpValidationPort(), m_context.secrets,
                                             m_context.network, std::move(hooks), m_context.manualValidationTimeout);
    const QString issuedBy = QStringLiteral("%1:%2").arg(connector->caType(), connector->name());
    if (m_record.source == issuedBy && !m_record.chainPem.isEmpty()) {
        if (auto previous = crypto::Certificate::chainFromPem(m_record.chainPem);
            previous.ok() && !previous->isEmpty()) {
            request.replacesCertificatePem = previous->first().toPem();
        }
    }
    const bool resumed = !request.resumeState.isEmpty();
    setStep(resumed ? QStringLiteral("issue.resume") : QStringLiteral("issue"), 50);
    connector->issue(request, this, [this, keyId, connector](Result<ca::IssuedCertificate> issued) {
        if (!issued.ok()) {
            failJob(tr("CA \"%1\" did not issue the certificate: %2").arg(connector->name(), issued.message()),
                    issued.error(), auditFor(QStringLiteral("issue")));
            return;
        }
        failPoint("issue.certificate-received");
        auto leaf = crypto::Certificate::fromPem(issued->certificatePem);
        if (!leaf.ok()) {
            finish(JobState::Failed, tr("The CA returned an unreadable certificate: %1").arg(leaf.message()), {}, false,
                   auditFor(QStringLiteral("issue")), QStringLiteral("failed"));
            return;
        }
        QList<crypto::Certificate> chain;
        if (!issued->chainPem.trimmed().isEmpty()) {
            auto parsed = crypto::Certificate::chainFromPem(issued->chainPem);
            if (!parsed.ok()) {
                finish(JobState::Failed, tr("The CA returned an unreadable chain: %1").arg(parsed.message()), {}, false,
                       auditFor(QStringLiteral("issue")), QStringLiteral("failed"));
                return;
            }
            chain = parsed.value();
        }
        applyCertificate(m_record, leaf.value(), chain);
        m_record.keyId = keyId;
        m_record.botId = m_bot.id;
        m_record.status = CertificateStatus::Issued;
        m_record.source = QStringLiteral("%1:%2").arg(connector->caType(), connector->name());
        QString message =
            tr("Issued by %1, valid until %2.").arg(connector->name(), m_record.notAfter.toString(Qt::ISODate));
        // The CA connector notes in its state when an interrupted order could not be resumed.
        const QString note = m_job.checkpoint.value(kCa).toObject().value(QStringLiteral("note")).toString();
        if (!note.isEmpty()) {
            message += QLatin1Char(' ') + note;
        }
        if (auto next = std::exchange(m_afterIssue, nullptr)) {
            next(message);
            return;
        }
        setStep(QStringLiteral("store"), 90);
        finish(JobState::Succeeded, message,
               QJsonObject{{QStringLiteral("fingerprint"), m_record.fingerprintSha256},
                           {QStringLiteral("serial"), m_record.serialHex},
                           {QStringLiteral("notAfter"), m_record.notAfter.toString(Qt::ISODate)}},
               true, auditFor(QStringLiteral("issue")), QStringLiteral("ok"));
    });
}

} // namespace certdeck::jobs
