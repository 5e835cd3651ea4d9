// Jobs, audit trail and built-in CA round trips (see StoreScenarios.h).
#include "tests/unit/store/StoreScenarios.h"

#include "engine/store/AuditRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/JobRepository.h"
#include "engine/store/LocalCaRepository.h"

#include <QSqlQuery>
#include <QTest>

namespace certdeck::test::scenarios {

using namespace certdeck::store;

void jobRoundTrip(const Database& db)
{
    const qint64 certId = addCertificate(db, QStringLiteral("jobs.example.com"));
    const qint64 otherId = addCertificate(db, QStringLiteral("other-jobs.example.com"));
    QVERIFY(certId != 0 && otherId != 0);
    JobRepository repo(db);

    Job job;
    job.certificateId = certId;
    job.action = JobAction::Deploy;
    job.state = JobState::Failed; // create() always queues
    job.step = QStringLiteral("csr.create");
    job.params = QJsonObject{{QStringLiteral("reload"), true}, {QStringLiteral("targets"), 3}};
    auto id = repo.create(job);
    QVERIFY2(id, qPrintable(id.message()));
    QCOMPARE(job.id, *id);
    QCOMPARE(job.state, JobState::Queued);
    QVERIFY(job.createdAt.isValid());

    // At most one unfinished job per certificate; the refusal names the certificate.
    Job second;
    second.certificateId = certId;
    second.action = JobAction::Revoke;
    auto busy = repo.create(second);
    QVERIFY(!busy);
    QCOMPARE(busy.error().kind, QStringLiteral("busy"));
    QVERIFY2(busy.message().contains(QStringLiteral("jobs.example.com")), qPrintable(busy.message()));

    Job forOther;
    forOther.certificateId = otherId;
    forOther.action = JobAction::Issue;
    QVERIFY(repo.create(forOther));

    auto unfinished = repo.unfinished();
    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 2);

    auto claimed = repo.claim(*id, QStringLiteral("runner-a"));
    QVERIFY2(claimed, qPrintable(claimed.message()));
    QVERIFY(*claimed);
    auto claimedAgain = repo.claim(*id, QStringLiteral("runner-b"));
    QVERIFY(claimedAgain);
    QVERIFY2(!*claimedAgain, "a running job cannot be claimed twice");
    auto running = repo.find(*id);
    QVERIFY(running && running->has_value());
    QCOMPARE((*running)->state, JobState::Running);
    QCOMPARE((*running)->claimedBy, QStringLiteral("runner-a"));
    QVERIFY((*running)->startedAt.isValid());

    // A running job still blocks a new one.
    QCOMPARE(repo.create(second).error().kind, QStringLiteral("busy"));

    Job finished = **running;
    finished.state = JobState::Succeeded;
    finished.progress = 100;
    finished.attempts = 2;
    finished.message = QStringLiteral("Deployed to web1");
    finished.result = QJsonObject{{QStringLiteral("fingerprint"), QStringLiteral("ab12")}};
    finished.finishedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(repo.update(finished));
    auto reread = repo.find(*id);
    QVERIFY(reread && reread->has_value());
    QCOMPARE((*reread)->state, JobState::Succeeded);
    QCOMPARE((*reread)->progress, 100);
    QCOMPARE((*reread)->attempts, 2);
    QCOMPARE((*reread)->message, finished.message);
    QCOMPARE((*reread)->params, job.params);
    QCOMPARE((*reread)->result, finished.result);
    QCOMPARE((*reread)->action, JobAction::Deploy);
    QCOMPARE((*reread)->step, QStringLiteral("csr.create"));

    // Finished: the certificate takes a new job again.
    auto next = repo.create(second);
    QVERIFY2(next, qPrintable(next.message()));
    auto history = repo.forCertificate(certId);
    QVERIFY(history);
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->first().id, *next); // newest first
    QCOMPARE(history->last().id, *id);

    Job ghost;
    ghost.id = 987654;
    QCOMPARE(repo.update(ghost).error().kind, QStringLiteral("notFound"));
    Job orphan;
    orphan.certificateId = 987654;
    QCOMPARE(repo.create(orphan).error().kind, QStringLiteral("notFound"));
}

void auditRoundTrip(const Database& db)
{
    AuditRepository repo(db);
    AuditEvent first;
    first.at = QDateTime(QDate(2026, 11, 27), QTime(4, 0, 0, 250), Qt::UTC);
    first.actor = QStringLiteral("operator:alice");
    first.certificateId = 17;
    first.action = QStringLiteral("cert.import");
    first.outcome = QStringLiteral("ok");
    first.details = QJsonObject{{QStringLiteral("path"), QStringLiteral("/tmp/a.pem")}};
    auto firstId = repo.append(first);
    QVERIFY2(firstId, qPrintable(firstId.message()));

    AuditEvent second = first;
    second.at = first.at.addSecs(60);
    second.action = QStringLiteral("cert.deploy");
    second.outcome = QStringLiteral("rolled-back");
    auto secondId = repo.append(second);
    QVERIFY(secondId);
    AuditEvent unrelated;
    unrelated.actor = QStringLiteral("scheduler");
    unrelated.action = QStringLiteral("ca.create");
    unrelated.outcome = QStringLiteral("ok");
    QVERIFY(repo.append(unrelated));

    auto forCert = repo.forCertificate(17);
    QVERIFY(forCert);
    QCOMPARE(forCert->size(), 2);
    QCOMPARE(forCert->at(0).id, *firstId); // oldest first
    QCOMPARE(forCert->at(0).at, first.at);
    QCOMPARE(forCert->at(0).actor, first.actor);
    QCOMPARE(forCert->at(0).action, first.action);
    QCOMPARE(forCert->at(0).outcome, first.outcome);
    QCOMPARE(forCert->at(0).details, first.details);
    QCOMPARE(forCert->at(1).outcome, QStringLiteral("rolled-back"));

    auto recent = repo.recent(2);
    QVERIFY(recent);
    QCOMPARE(recent->size(), 2);
    QCOMPARE(recent->at(0).action, QStringLiteral("ca.create")); // newest first
    QCOMPARE(recent->at(0).certificateId, qint64(0));
    QVERIFY(recent->at(0).at.isValid());
    QCOMPARE(recent->at(1).id, *secondId);

    // The schema itself refuses to change or delete history, even for plain SQL.
    QSqlQuery query(db.connection());
    QVERIFY2(!query.exec(QStringLiteral("UPDATE audit_events SET outcome = 'ok' WHERE action = 'cert.deploy'")),
             "UPDATE of the audit trail must be refused");
    QVERIFY(!query.exec(QStringLiteral("DELETE FROM audit_events")));
    auto after = repo.forCertificate(17);
    QVERIFY(after);
    QCOMPARE(after->size(), 2);
    QCOMPARE(after->at(1).outcome, QStringLiteral("rolled-back"));
    QCOMPARE(repo.recent().value().size(), 3);
}

void localCaRoundTrip(const Database& db)
{
    LocalCaRepository repo(db);
    // A migration test may have seeded CAs of its own before: count relative to them.
    const qsizetype before = repo.all().value().size();
    LocalCaRow root;
    root.name = QStringLiteral("Office Root");
    root.certificatePem = QByteArray("-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n");
    root.encryptedKeyPem = QByteArray("-----BEGIN ENCRYPTED PRIVATE KEY-----\n") + char(0) + char(0xff);
    auto rootId = repo.insert(root);
    QVERIFY2(rootId, qPrintable(rootId.message()));
    QCOMPARE(root.id, *rootId);
    QVERIFY(root.createdAt.isValid());

    LocalCaRow issuing;
    issuing.name = QStringLiteral("Office Issuing");
    issuing.parentId = *rootId;
    issuing.certificatePem = "issuing";
    issuing.encryptedKeyPem = "issuing-key";
    auto issuingId = repo.insert(issuing);
    QVERIFY(issuingId);

    LocalCaRow twin = root;
    auto duplicate = repo.insert(twin);
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().kind, QStringLiteral("duplicate"));
    QVERIFY2(duplicate.message().contains(root.name), qPrintable(duplicate.message()));

    auto byName = repo.findByName(QStringLiteral("Office Root"));
    QVERIFY(byName && byName->has_value());
    QCOMPARE((*byName)->id, *rootId);
    QCOMPARE((*byName)->certificatePem, root.certificatePem);
    QCOMPARE((*byName)->encryptedKeyPem, root.encryptedKeyPem);
    QCOMPARE((*byName)->parentId, qint64(0));
    QCOMPARE((*byName)->createdAt, root.createdAt);
    auto child = repo.find(*issuingId);
    QVERIFY(child && child->has_value());
    QCOMPARE((*child)->parentId, *rootId);
    QCOMPARE(repo.all().value().size(), before + 2);
    QVERIFY(!repo.findByName(QStringLiteral("nope")).value().has_value());

    QCOMPARE(repo.nextCrlNumber(*rootId).value(), qint64(1));
    QCOMPARE(repo.nextCrlNumber(*rootId).value(), qint64(2));
    QCOMPARE(repo.nextCrlNumber(*issuingId).value(), qint64(1));
    QCOMPARE(repo.nextCrlNumber(424242).error().kind, QStringLiteral("notFound"));

    const QDateTime notAfter(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
    QVERIFY(repo.recordIssued(*issuingId, QStringLiteral("0A1B"), notAfter));
    QVERIFY(repo.recordIssued(*issuingId, QStringLiteral("0c"), notAfter));
    QVERIFY(repo.recordIssued(*issuingId, QStringLiteral("0d"), notAfter));
    QVERIFY(repo.hasIssued(*issuingId, QStringLiteral("a1b")).value());
    QVERIFY(!repo.hasIssued(*rootId, QStringLiteral("0A1B")).value());
    QCOMPARE(repo.recordIssued(*issuingId, QStringLiteral("a1b"), notAfter).error().kind, QStringLiteral("duplicate"));

    // Not issued by this CA: refused.
    RevocationRow foreign{*rootId, QStringLiteral("0A1B"), 1, RevocationState::Revoked, {}};
    QCOMPARE(repo.setRevocation(foreign).error().kind, QStringLiteral("notFound"));

    // Hold, then revoke for good.
    RevocationRow hold{*issuingId, QStringLiteral("0A1B"), 6, RevocationState::OnHold, {}};
    QVERIFY(repo.setRevocation(hold));
    QCOMPARE(repo.setRevocation(hold).error().kind, QStringLiteral("conflict"));
    RevocationRow revoke{*issuingId, QStringLiteral("0a1b"), 1, RevocationState::Revoked,
                         QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC)};
    QVERIFY(repo.setRevocation(revoke));
    // Revoked is final: no hold, no resume.
    QCOMPARE(repo.setRevocation(hold).error().kind, QStringLiteral("conflict"));
    QCOMPARE(repo.removeHold(*issuingId, QStringLiteral("0A1B")).error().kind, QStringLiteral("conflict"));

    // Hold and resume.
    RevocationRow holdC{*issuingId, QStringLiteral("0C"), 6, RevocationState::OnHold, {}};
    QVERIFY(repo.setRevocation(holdC));
    QVERIFY(repo.removeHold(*issuingId, QStringLiteral("0c")));
    QCOMPARE(repo.removeHold(*issuingId, QStringLiteral("0c")).error().kind, QStringLiteral("notFound"));

    auto list = repo.revocations(*issuingId);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().serialHex, QStringLiteral("a1b"));
    QCOMPARE(list->first().state, RevocationState::Revoked);
    QCOMPARE(list->first().reason, 1);
    QCOMPARE(list->first().revokedAt, revoke.revokedAt);
    QVERIFY(repo.revocations(*rootId).value().isEmpty());
}

} // namespace certdeck::test::scenarios
