<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CaType</name>
    <message>
        <source>Built-in CA</source>
        <translation>Integrierte CA</translation>
    </message>
    <message>
        <source>ACME</source>
        <translation>ACME</translation>
    </message>
</context>
<context>
    <name>CertificateStatus</name>
    <message>
        <source>Discovered</source>
        <translation>Entdeckt</translation>
    </message>
    <message>
        <source>Managed</source>
        <translation>Verwaltet</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
</context>
<context>
    <name>CsrTemplates</name>
    <message>
        <source>CSR templates are unavailable: the console has no inventory database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobAction</name>
    <message>
        <source>Initiate</source>
        <translation>Einleiten</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellen</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Ausstellen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Re-check pinning</source>
        <translation>Pinning erneut prüfen</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Rekey</source>
        <translation>Neu verschlüsseln</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Awaiting validation</source>
        <translation>Wartet auf Validierung</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgesetzt</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Choose at least one group of settings to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: none of %2 change (all already %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 -&gt; %2 for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 already %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 change (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 certificates selected: %2 change, %3 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 have no configuration yet and get defaults from their certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 become Managed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerType</name>
    <message>
        <source>Windows Store</source>
        <translation>Windows Store</translation>
    </message>
    <message>
        <source>Tomcat</source>
        <translation>Tomcat</translation>
    </message>
    <message>
        <source>Apache HTTP</source>
        <translation>Apache HTTP</translation>
    </message>
    <message>
        <source>IIS</source>
        <translation>IIS</translation>
    </message>
    <message>
        <source>JBoss</source>
        <translation>JBoss</translation>
    </message>
    <message>
        <source>Jetty</source>
        <translation>Jetty</translation>
    </message>
    <message>
        <source>WebLogic</source>
        <translation>WebLogic</translation>
    </message>
    <message>
        <source>Nginx</source>
        <translation>Nginx</translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <source>F5 BIG-IP</source>
        <translation>F5 BIG-IP</translation>
    </message>
    <message>
        <source>F5 BIG-IQ</source>
        <translation>F5 BIG-IQ</translation>
    </message>
    <message>
        <source>Imperva Cloud</source>
        <translation>Imperva Cloud</translation>
    </message>
    <message>
        <source>Imperva On-Prem</source>
        <translation>Imperva On-Prem</translation>
    </message>
    <message>
        <source>Akamai Cloud</source>
        <translation>Akamai Cloud</translation>
    </message>
    <message>
        <source>FTP</source>
        <translation>FTP</translation>
    </message>
    <message>
        <source>SFTP</source>
        <translation>SFTP</translation>
    </message>
</context>
<context>
    <name>certdeck::jobs</name>
    <message>
        <source>Key size: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key algorithm: &quot;%1&quot; is not supported; choose RSA or EC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm: %1 does not sign with an EC key; choose SHA256WithECDSA or SHA384WithECDSA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm: %1 does not sign with an RSA key; choose SHA256WithRSA, SHA384WithRSA or SHA512WithRSA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR template: a template is used only with Full Override; choose Full Override or leave the template empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR template: there is no template named &quot;%1&quot;; choose one of the list, or create it under Certificate &gt; CSR Templates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: choose the Certificate Authority that issues these certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Connector Name: choose the connector of %1 that issues these certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Connector Name: &quot;%1&quot; is not a configured %2 connector; choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV method: &quot;%1&quot; is not supported; choose http-01 or dns-01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV path: enter the directory on the server the bot writes the token into, e.g. /var/www/html.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV path: &quot;%1&quot; is not an absolute path. Enter a full path, e.g. /var/www/html.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a known time zone; choose one from the list, e.g. Europe/Berlin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew when within: %1 days is out of range; enter 1 to 825 days before expiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal date: choose today or a later date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal time: enter a time of day, e.g. 02:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment date: choose today or a later date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment time: enter a time of day, e.g. 03:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision Bot: choose the bot that deploys these certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision Bot: bot #%1 is not in the inventory; choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server Type: &quot;%1&quot; is not a known server type; choose one from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing</source>
        <translation type="unfinished">Vorhanden</translation>
    </message>
    <message>
        <source>Others</source>
        <translation type="unfinished">Andere</translation>
    </message>
    <message>
        <source>Use existing certificate CSR</source>
        <translation type="unfinished">CSR des vorhandenen Zertifikats verwenden</translation>
    </message>
    <message>
        <source>Partial override</source>
        <translation type="unfinished">Teilweise überschreiben</translation>
    </message>
    <message>
        <source>Full override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days before expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>immediately after renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback on failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server type</source>
        <translation type="unfinished">Servertyp</translation>
    </message>
</context>
<context>
    <name>certdeck::jobs::BatchRun</name>
    <message>
        <source>Order</source>
        <translation>Bestellen</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>Bereitstellen</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Rekey</source>
        <translation>Neu verschlüsseln</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>Erneuern</translation>
    </message>
    <message>
        <source>Generates a CSR, orders the certificate from its CA and deploys it to the mapped server, for certificates that have no certificate yet (the others are skipped).</source>
        <translation>Erzeugt einen CSR, bestellt das Zertifikat bei seiner CA und stellt es auf dem zugeordneten Server bereit, für Zertifikate, die noch kein Zertifikat haben (die anderen werden übersprungen).</translation>
    </message>
    <message>
        <source>Generates a CSR and orders a new certificate from the configured CA; nothing is deployed.</source>
        <translation>Erzeugt einen CSR und bestellt ein neues Zertifikat bei der konfigurierten CA; nichts wird bereitgestellt.</translation>
    </message>
    <message>
        <source>Deploys each certificate&apos;s current certificate to its mapped server (backup, install, verify; rolled back on failure).</source>
        <translation>Stellt das aktuelle Zertifikat jedes Eintrags auf seinem zugeordneten Server bereit (Sicherung, Installation, Prüfung; bei Fehlern zurückgesetzt).</translation>
    </message>
    <message>
        <source>Orders a new certificate and deploys it to the mapped server, like a scheduled renewal, for certificates that already have one (the others are skipped: use Enroll).</source>
        <translation>Bestellt ein neues Zertifikat und stellt es auf dem zugeordneten Server bereit, wie eine geplante Erneuerung, für Einträge, die bereits eines haben (die anderen werden übersprungen: verwenden Sie Registrieren).</translation>
    </message>
    <message>
        <source>Replaces each certificate with a new one on a new key pair and deploys it.</source>
        <translation>Ersetzt jedes Zertifikat durch ein neues mit neuem Schlüsselpaar und stellt es bereit.</translation>
    </message>
    <message>
        <source>Orders each certificate again on a new key pair.</source>
        <translation>Bestellt jedes Zertifikat erneut mit einem neuen Schlüsselpaar.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 failed, %3 skipped, %4 cancelled</source>
        <translation>%1 erfolgreich, %2 fehlgeschlagen, %3 übersprungen, %4 abgebrochen</translation>
    </message>
    <message>
        <source>, %1 running, %2 waiting</source>
        <translation>, %1 laufen, %2 warten</translation>
    </message>
    <message>
        <source> (of %1) in %2</source>
        <translation> (von %1) in %2</translation>
    </message>
    <message>
        <source>Certificate #%1</source>
        <translation>Zertifikat #%1</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
    <message>
        <source>Already enrolled: it has a certificate; use Renew, Rotate or Rekey for it.</source>
        <translation>Bereits registriert: Es hat ein Zertifikat; verwenden Sie Erneuern, Rotieren oder Neu verschlüsseln.</translation>
    </message>
    <message>
        <source>Nothing to renew: no certificate has been issued yet; use Enroll.</source>
        <translation>Nichts zu erneuern: Es wurde noch kein Zertifikat ausgestellt; verwenden Sie Registrieren.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation>wartet auf Wiederholung</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>%1 rolled back: %2</source>
        <translation>%1 zurückgesetzt: %2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 succeeded (job #%2), then the batch was cancelled: %3 did not run.</source>
        <translation>%1 erfolgreich (Auftrag #%2), dann wurde der Stapel abgebrochen: %3 lief nicht.</translation>
    </message>
    <message>
        <source>%1 succeeded, %2 did not fit: %3</source>
        <translation>%1 erfolgreich, %2 passte nicht: %3</translation>
    </message>
    <message>
        <source>%1 succeeded, then the batch was cancelled: %2 did not run.</source>
        <translation>%1 erfolgreich, dann wurde der Stapel abgebrochen: %2 lief nicht.</translation>
    </message>
    <message>
        <source>Finishing its current step (a running step cannot be interrupted).</source>
        <translation>Beendet seinen aktuellen Schritt (ein laufender Schritt kann nicht unterbrochen werden).</translation>
    </message>
</context>
<context>
    <name>certdeck::models::AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation type="unfinished">Zertifikat</translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished">Aktion</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::models::CertificateTableModel</name>
    <message>
        <source>Common name</source>
        <translation>Common Name</translation>
    </message>
    <message>
        <source>SANs</source>
        <translation>SANs</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Verbleibende Tage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Server type</source>
        <translation>Servertyp</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Drift: %1</source>
        <translation>Abweichung: %1</translation>
    </message>
    <message>
        <source>%1 ⚠ drift</source>
        <translation>%1 ⚠ Abweichung</translation>
    </message>
</context>
<context>
    <name>certdeck::ui</name>
    <message>
        <source>&amp;Initiate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring the certificate into the managed lifecycle: apply its configuration and prepare issuance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request a certificate from the configured CA (issued, not deployed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install the issued certificate on its server through the provision bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the certificate from the inventory (and, if asked, from its server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-check &amp;Pinning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the certificate served by the endpoint with the inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ro&amp;tate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the certificate with a newly issued one and deploy it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;key...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a new key pair, issue a certificate for it and deploy it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalidate the certificate at its CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspend...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the certificate on hold at its CA (it can be resumed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the hold: the certificate is valid again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;ssue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::AcmeConnectorDialog</name>
    <message>
        <source>I a&amp;gree to the CA&apos;s terms of service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add ACME Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ACME Certificate Authority. Choose &quot;Custom ACME URL&quot; for a private ACME server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA Connector Name chosen in the provisioning wizard: letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin@example.com (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA sends expiry and problem notices to this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the keychain only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer common name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the CA offers alternate chains, use the one whose top certificate is issued by this name. Empty: the CA&apos;s default chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root certificates that the private ACME server&apos;s HTTPS certificate chains to. Empty: the system&apos;s trusted roots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port where the CA fetches http-01 validation files: 80 for public CAs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;Authority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Directory URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact &amp;e-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB &amp;key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB &amp;HMAC key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;ferred chain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP validation &amp;port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom ACME URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (needs External Account Binding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requires External Account Binding: enter the key ID and HMAC key from your account at the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the key ID and HMAC key, if your ACME server requires External Account Binding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ACME CA is available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory URL: enter the address of the ACME server&apos;s directory, e.g. https://acme.example.com/directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory URL: &quot;%1&quot; is not an https:// address. ACME servers are reached over HTTPS; enter e.g. https://acme.example.com/directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector name: enter a name for this connector, e.g. letsencrypt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector name: &quot;%1&quot; has characters that are not allowed. Use 1-64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, starting with a letter or digit, e.g. letsencrypt-prod.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector name: &quot;%1&quot; is already used by another CA connector. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact e-mail: &quot;%1&quot; is not an e-mail address. Enter one such as admin@example.com, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms of service: tick &quot;I agree to the CA&apos;s terms of service&quot;; the CA registers no account without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB key ID: %1 requires External Account Binding. Enter the key ID from your account at the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB HMAC key: enter the HMAC key that belongs to key ID %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB HMAC key: enter it exactly as the CA shows it (base64url: letters, digits, &apos;-&apos; and &apos;_&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust bundle: %1 does not exist or cannot be read. Choose a PEM file with the ACME server&apos;s root certificates, or leave it empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connectors are not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering an account with %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ACME connector %1 could not be created: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::AcmeConnectorsDialog</name>
    <message>
        <source>&amp;Add...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME Connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EAB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the connector and its account key; certificates it issued stay in the inventory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connectors are not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ACME connectors...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ACME connectors could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connector %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove ACME Connector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the ACME connector %1?

Its account key is deleted from the keychain. Certificates it issued stay in the inventory, but cannot be renewed or revoked through it until another connector is chosen in their provisioning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ACME connector %1 could not be removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connector %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::ActivityIndicator</name>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n weiterer)</numerusform>
            <numerusform> (+%n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certdeck::ui::AddBotDialog</name>
    <message>
        <source>Name: enter a name for this entry, e.g. web01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: use at most 64 printable characters, e.g. web01.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: enter the SSH host name or IP address, e.g. web01.example.com or 192.0.2.10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: &quot;%1&quot; is not a host name or IP address. Enter one host, e.g. web01.example.com or 192.0.2.10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: enter the account CertDeck logs in as on the host, e.g. deploy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: &quot;%1&quot; is not a login name. Use letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos; (starting with a letter or &apos;_&apos;), e.g. deploy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: choose the private key CertDeck logs in with, e.g. ~/.ssh/id_ed25519.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: enter the full path of the private key, e.g. /home/alice/.ssh/id_ed25519.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: %1 does not exist. Choose the private key file (Browse…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: %1 cannot be read (permission denied). Choose a key file you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: %1 is not a private key (%2 bytes). Choose the private key, not the .pub file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install path: enter where certdeck-bot goes on the host, an absolute path or one under ~/, e.g. ~/.local/bin/certdeck-bot; or leave it empty for that default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run privileged steps with &amp;sudo -n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Agentless Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add SSH Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty when the key has none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps that need root (reloading a server, writing under /etc) run as `sudo -n`: the user needs passwordless sudo for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot (certdeck-bot installed on the host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agentless target (a bot deploys to it over SSH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &amp;passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Install path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key, passphrase or password is stored in the system keychain only. On first contact CertDeck shows the host&apos;s key fingerprint for you to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private Key for SSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password: enter the password of %1 on the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some fields need attention: see the messages below them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file: %1 cannot be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::AuditTrailDialog</name>
    <message>
        <source>Audit Trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by actor, action, outcome or details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Audit Trail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON lines (*.jsonl *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certdeck::ui::BatchConfigureDialog</name>
    <message numerus="yes">
        <source>Batch Configure: %n certificate(s)</source>
        <translation>
            <numerusform>Stapelkonfiguration: %n Zertifikat</numerusform>
            <numerusform>Stapelkonfiguration: %n Zertifikate</numerusform>
        </translation>
    </message>
    <message>
        <source>How many certificates are processed at the same time (1-%1).</source>
        <translation>Wie viele Zertifikate gleichzeitig bearbeitet werden (1-%1).</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Aktion:</translation>
    </message>
    <message>
        <source>&amp;Parallel jobs:</source>
        <translation>&amp;Parallele Aufträge:</translation>
    </message>
    <message>
        <source>%v of %m done</source>
        <translation>%v von %m erledigt</translation>
    </message>
    <message>
        <source>&amp;Cancel Batch</source>
        <translation>Stapel &amp;abbrechen</translation>
    </message>
    <message>
        <source>Certificates not started yet are not processed; running jobs finish their current step and are reported.</source>
        <translation>Noch nicht begonnene Zertifikate werden nicht bearbeitet; laufende Aufträge beenden ihren aktuellen Schritt und werden gemeldet.</translation>
    </message>
    <message>
        <source>&amp;Retry Failed</source>
        <translation>Fehlgeschlagene &amp;wiederholen</translation>
    </message>
    <message>
        <source>Runs the action again for the failed certificates only.</source>
        <translation>Führt die Aktion nur für die fehlgeschlagenen Zertifikate erneut aus.</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) selected. Choose the action and press Start.</source>
        <translation>
            <numerusform>%n Zertifikat ausgewählt. Wählen Sie die Aktion und drücken Sie Starten.</numerusform>
            <numerusform>%n Zertifikate ausgewählt. Wählen Sie die Aktion und drücken Sie Starten.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Batch Configure...</source>
        <translation>&amp;Stapelkonfiguration...</translation>
    </message>
    <message>
        <source>Run one lifecycle action (enroll, order, deploy, renew, rotate, rekey) on all selected certificates</source>
        <translation>Eine Lebenszyklus-Aktion (registrieren, bestellen, bereitstellen, erneuern, rotieren, neu verschlüsseln) für alle ausgewählten Zertifikate ausführen</translation>
    </message>
    <message>
        <source>&amp;Start Again</source>
        <translation>&amp;Erneut starten</translation>
    </message>
    <message>
        <source>Cancelling: %1</source>
        <translation>Wird abgebrochen: %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Batch Configure</source>
        <translation>Stapelkonfiguration</translation>
    </message>
    <message>
        <source>The batch is still running. Closing cancels the certificates that have not started; jobs already running keep running in the engine and their results appear in each certificate&apos;s history.</source>
        <translation>Der Stapel läuft noch. Schließen bricht die noch nicht begonnenen Zertifikate ab; bereits laufende Aufträge laufen in der Engine weiter, und ihre Ergebnisse erscheinen im Verlauf des jeweiligen Zertifikats.</translation>
    </message>
    <message>
        <source>Cancel Batch and Close</source>
        <translation>Stapel abbrechen und schließen</translation>
    </message>
    <message>
        <source>Keep Open</source>
        <translation>Geöffnet lassen</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::BatchItemModel</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Step / Result</source>
        <translation>Schritt / Ergebnis</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256)</source>
        <translation>Fingerabdruck (SHA-256)</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::BotsView</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agentless target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected (last contact %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not contacted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished">Host</translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add SSH &amp;Bot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a host reached over SSH where certdeck-bot is installed and runs the scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Agentless Target…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register an SSH host that a bot deploys to without installing anything there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Install / Upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy certdeck-bot to the host (or upgrade it) and run the installation scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-&amp;scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the bot&apos;s system scan again and store what it finds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with the stored credentials and run `true`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the entry, its keychain secrets and endpoints (certificates stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the bots from the inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate / keystore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested DCV path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declared in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot management is not available in this console (no bot service).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the bots, their detected servers and the actions to add, install, scan and remove them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bots could not be read from the inventory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bots yet: add one with Add SSH Bot… or Add Agentless Target….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key: not confirmed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scanned: an agentless target has no bot of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not scanned yet: Install / Upgrade runs the installation scan, Re-scan runs it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 (%2), %3; scanned %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) detected, %1 running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>installed only — not a target: not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered as a deployment target (Automatic deployment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed but not running: never offered as a deployment target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>alias %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up&amp;grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be added: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added. Confirm its host key to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: host key pinned. Install / Upgrade copies certdeck-bot there and runs the scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: host key pinned. Test Connection checks the login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the host key of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host key of %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: host key not trusted; nothing connects to it until it is confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host key of %1 could not be pinned: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing certdeck-bot on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install / Upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: certdeck-bot %2 %3 (protocol %4); scan stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished">%1: %2</translation>
    </message>
    <message>
        <source>Scanning %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 scanned: %n server(s) running.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: connection works (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 &quot;%2&quot; (%3)?

Its keychain secrets and discovered endpoints are removed; certificates stay in the inventory, no longer linked to it. Nothing is uninstalled from the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agentless target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::BulkConfigureDialog</name>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Wöchentlich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Monatlich</translation>
    </message>
    <message numerus="yes">
        <source>Bulk Configure %n Certificate(s)</source>
        <translation>
            <numerusform>Massenkonfiguration: %n Zertifikat</numerusform>
            <numerusform>Massenkonfiguration: %n Zertifikate</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the settings every selected certificate gets. Only the checked groups are applied; everything else of each certificate&apos;s configuration (names, SANs, server fields, key store) stays as it is. Nothing runs: the settings are used by the next issuance, renewal or deployment.</source>
        <translation>Wählen Sie die Einstellungen, die jedes ausgewählte Zertifikat erhält. Nur die angehakten Gruppen werden angewendet; alles andere der Konfiguration jedes Zertifikats (Namen, SANs, Serverfelder, Schlüsselspeicher) bleibt unverändert. Es wird nichts ausgeführt: Die Einstellungen gelten für die nächste Ausstellung, Erneuerung oder Bereitstellung.</translation>
    </message>
    <message>
        <source>Preview: what will change</source>
        <translation>Vorschau: was sich ändert</translation>
    </message>
    <message numerus="yes">
        <source>Reading the %n selected certificate(s)...</source>
        <translation>
            <numerusform>Das ausgewählte Zertifikat wird gelesen...</numerusform>
            <numerusform>Die %n ausgewählten Zertifikate werden gelesen...</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate &amp;profile and CSR</source>
        <translation>Zertifikats&amp;profil und CSR</translation>
    </message>
    <message>
        <source>Certificate type, CSR mode, key algorithm and size, signature algorithm, template</source>
        <translation>Zertifikatstyp, CSR-Modus, Schlüsselalgorithmus und -größe, Signaturalgorithmus, Vorlage</translation>
    </message>
    <message>
        <source>DV (domain validation)</source>
        <translation>DV (Domainvalidierung)</translation>
    </message>
    <message>
        <source>OV (organization validation)</source>
        <translation>OV (Organisationsvalidierung)</translation>
    </message>
    <message>
        <source>EV (extended validation)</source>
        <translation>EV (erweiterte Validierung)</translation>
    </message>
    <message>
        <source>Existing</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Full override (new key pair)</source>
        <translation>Vollständig überschreiben (neues Schlüsselpaar)</translation>
    </message>
    <message>
        <source>Partial override</source>
        <translation>Teilweise überschreiben</translation>
    </message>
    <message>
        <source>Use existing certificate CSR</source>
        <translation>CSR des vorhandenen Zertifikats verwenden</translation>
    </message>
    <message>
        <source>RSA</source>
        <translation>RSA</translation>
    </message>
    <message>
        <source>EC</source>
        <translation>EC</translation>
    </message>
    <message>
        <source>RSA: 2048, 3072 or 4096 bits. EC: 256 (P-256) or 384 (P-384).</source>
        <translation>RSA: 2048, 3072 oder 4096 Bit. EC: 256 (P-256) oder 384 (P-384).</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>(keine Vorlage)</translation>
    </message>
    <message>
        <source>Full override only: the CSR template whose subject and key rules the certificates follow. Templates are managed under Certificate &gt; CSR Templates.</source>
        <translation>Nur bei vollständigem Überschreiben: die CSR-Vorlage, deren Subjekt- und Schlüsselregeln die Zertifikate folgen. Vorlagen werden unter Zertifikat &gt; CSR-Vorlagen verwaltet.</translation>
    </message>
    <message>
        <source>Certificate &amp;type:</source>
        <translation>Zertifikats&amp;typ:</translation>
    </message>
    <message>
        <source>CSR &amp;mode:</source>
        <translation>CSR-&amp;Modus:</translation>
    </message>
    <message>
        <source>&amp;Key algorithm:</source>
        <translation>&amp;Schlüsselalgorithmus:</translation>
    </message>
    <message>
        <source>Key si&amp;ze:</source>
        <translation>Schlüssel&amp;größe:</translation>
    </message>
    <message>
        <source>Si&amp;gnature algorithm:</source>
        <translation>Si&amp;gnaturalgorithmus:</translation>
    </message>
    <message>
        <source>CSR te&amp;mplate:</source>
        <translation>CSR-&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Certificate &amp;Authority</source>
        <translation>Zertifizierungs&amp;stelle</translation>
    </message>
    <message>
        <source>The CA and the connector that issues</source>
        <translation>Die CA und der Connector, der ausstellt</translation>
    </message>
    <message>
        <source>&amp;CA:</source>
        <translation>&amp;CA:</translation>
    </message>
    <message>
        <source>CA &amp;Connector Name:</source>
        <translation>CA-&amp;Connector-Name:</translation>
    </message>
    <message>
        <source>&amp;Domain control validation</source>
        <translation>&amp;Domainvalidierung (DCV)</translation>
    </message>
    <message>
        <source>How domain ownership is verified</source>
        <translation>Wie der Domainbesitz geprüft wird</translation>
    </message>
    <message>
        <source>Attempt DCV using filename at location</source>
        <translation>DCV mit Dateiname am Speicherort versuchen</translation>
    </message>
    <message>
        <source>File on the web server (http-01)</source>
        <translation>Datei auf dem Webserver (http-01)</translation>
    </message>
    <message>
        <source>DNS TXT record via RFC 2136 (dns-01)</source>
        <translation>DNS-TXT-Eintrag über RFC 2136 (dns-01)</translation>
    </message>
    <message>
        <source>DCV m&amp;ethod:</source>
        <translation>DCV-M&amp;ethode:</translation>
    </message>
    <message>
        <source>DCV &amp;path:</source>
        <translation>DCV-&amp;Pfad:</translation>
    </message>
    <message>
        <source>&amp;Renewal rules</source>
        <translation>&amp;Erneuerungsregeln</translation>
    </message>
    <message>
        <source>When the certificates are renewed</source>
        <translation>Wann die Zertifikate erneuert werden</translation>
    </message>
    <message>
        <source>Enable renewal</source>
        <translation>Erneuerung aktivieren</translation>
    </message>
    <message>
        <source>Days before expiry</source>
        <translation>Tage vor Ablauf</translation>
    </message>
    <message>
        <source>On a specific date</source>
        <translation>An einem bestimmten Datum</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Trigger:</source>
        <translation>Auslöser:</translation>
    </message>
    <message>
        <source>Renew when &amp;within:</source>
        <translation>Erneuern &amp;innerhalb von:</translation>
    </message>
    <message>
        <source>Renewal d&amp;ate:</source>
        <translation>Erneuerungs&amp;datum:</translation>
    </message>
    <message>
        <source>&amp;Frequency:</source>
        <translation>&amp;Häufigkeit:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>D&amp;eployment rules</source>
        <translation>&amp;Bereitstellungsregeln</translation>
    </message>
    <message>
        <source>When renewed certificates are deployed</source>
        <translation>Wann erneuerte Zertifikate bereitgestellt werden</translation>
    </message>
    <message>
        <source>Enable deployment</source>
        <translation>Bereitstellung aktivieren</translation>
    </message>
    <message>
        <source>Immediately after successful renewal</source>
        <translation>Sofort nach erfolgreicher Erneuerung</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Wann:</translation>
    </message>
    <message>
        <source>Deployment da&amp;te:</source>
        <translation>Bereitstellungs&amp;datum:</translation>
    </message>
    <message>
        <source>Deployment t&amp;ime:</source>
        <translation>Bereitstellungs&amp;uhrzeit:</translation>
    </message>
    <message>
        <source>Deployment time z&amp;one:</source>
        <translation>Bereitstellungs&amp;zeitzone:</translation>
    </message>
    <message>
        <source>Deployment fre&amp;quency:</source>
        <translation>Bereitstellungs&amp;häufigkeit:</translation>
    </message>
    <message>
        <source>R&amp;ollback</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>What happens when a deployment fails</source>
        <translation>Was passiert, wenn eine Bereitstellung fehlschlägt</translation>
    </message>
    <message>
        <source>Enable roll back if provisioning fails</source>
        <translation>Zurücksetzen aktivieren, wenn die Bereitstellung fehlschlägt</translation>
    </message>
    <message>
        <source>Provision &amp;bot and server type</source>
        <translation>Bereitstellungs-&amp;Bot und Servertyp</translation>
    </message>
    <message>
        <source>Maps the bot; Discovered certificates become Managed</source>
        <translation>Ordnet den Bot zu; entdeckte Zertifikate werden verwaltet</translation>
    </message>
    <message>
        <source>Server-specific fields are kept where the server type stays the same; complete them in the provisioning wizard otherwise.</source>
        <translation>Serverspezifische Felder bleiben erhalten, wenn der Servertyp gleich bleibt; andernfalls ergänzen Sie sie im Bereitstellungsassistenten.</translation>
    </message>
    <message>
        <source>Provision Bot:</source>
        <translation>Bereitstellungs-Bot:</translation>
    </message>
    <message>
        <source>Server T&amp;ype:</source>
        <translation>Server&amp;typ:</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) selected. Check a group of settings to see what changes.</source>
        <translation>
            <numerusform>%n Zertifikat ausgewählt. Haken Sie eine Einstellungsgruppe an, um zu sehen, was sich ändert.</numerusform>
            <numerusform>%n Zertifikate ausgewählt. Haken Sie eine Einstellungsgruppe an, um zu sehen, was sich ändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk Configure needs the inventory database, which this console was started without.</source>
        <translation>Die Massenkonfiguration benötigt die Inventardatenbank, ohne die diese Konsole gestartet wurde.</translation>
    </message>
    <message>
        <source>Could not read the bots: %1</source>
        <translation>Die Bots konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not read the CSR templates: %1</source>
        <translation>Die CSR-Vorlagen konnten nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Saving %n configuration(s) in one transaction...</source>
        <translation>
            <numerusform>%n Konfiguration wird in einer Transaktion gespeichert...</numerusform>
            <numerusform>%n Konfigurationen werden in einer Transaktion gespeichert...</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>Es wurde nichts gespeichert. %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>&amp;Bulk Configure...</source>
        <translation>&amp;Massenkonfiguration...</translation>
    </message>
    <message>
        <source>Apply the same provisioning settings to the selected certificates</source>
        <translation>Dieselben Bereitstellungseinstellungen auf die ausgewählten Zertifikate anwenden</translation>
    </message>
    <message>
        <source>Bulk Configure: select two or more certificates, then apply the same settings to all</source>
        <translation>Massenkonfiguration: Wählen Sie zwei oder mehr Zertifikate aus und wenden Sie dann dieselben Einstellungen auf alle an</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CaActions</name>
    <message>
        <source>&amp;Export CA Certificate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish &amp;CRL...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add AC&amp;ME Connector...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME Co&amp;nnectors...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register an account with an ACME CA (Let&apos;s Encrypt, ZeroSSL, a private server...) to issue certificates from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connectors are not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List, add and remove the ACME connectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the built-in CA&apos;s certificate(s) (PEM) to install as a trusted root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the built-in CA&apos;s current certificate revocation list (PEM) to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no built-in CA yet. Create one with CA &gt; Create Built-in CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in CA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CA Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish CRL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRL files (*.pem *.crl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME connector %1 added (%2). Choose it on the Certificate Authority page when you provision a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CertificateAuthorityPage</name>
    <message>
        <source>Certificate Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which Certificate Authority issues the certificate, and through which connector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connector sends the CSR, retrieves the issued certificate and handles renewals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA:</source>
        <translation type="unfinished">&amp;CA:</translation>
    </message>
    <message>
        <source>CA &amp;Connector Name:</source>
        <translation type="unfinished">CA-&amp;Connector-Name:</translation>
    </message>
    <message>
        <source>CA Connector Name: select the connector of %1 that issues this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME (Let&apos;s Encrypt, ZeroSSL, Google, Buypass, SSL.com, private)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA: no Certificate Authority is configured. Close the wizard and create the built-in CA (CA &gt; Create Built-in CA...) or add an ACME connector (CA &gt; Add ACME Connector...), then provision again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CertificateDetailsPane</name>
    <message>
        <source>Select a certificate to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished">Aktion</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2%)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CreateLocalCaDialog</name>
    <message>
        <source>Issue certificates from an intermediate CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Built-in CA</source>
        <translation type="unfinished">Integrierte CA erstellen</translation>
    </message>
    <message>
        <source>The connector name chosen in the provisioning wizard: letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDeck Office Root CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC</source>
        <translation type="unfinished">EC</translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished">RSA</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root &amp;common name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key algorithm:</source>
        <translation type="unfinished">&amp;Schlüsselalgorithmus:</translation>
    </message>
    <message>
        <source>Key &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Root validity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Intermediate validity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-384</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2048 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3072 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4096 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connector name: enter 1-64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;, e.g. office-ca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root common name: enter the name the CA certificate shows, e.g. Example Office Root CA.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CsrPage</name>
    <message>
        <source>Use &amp;existing certificate CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partial override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate Signing Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity and cryptographic details of the certificate request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew or replace without changing the identity: details come from the existing certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the base identity, change type, SANs, key or signature algorithm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shop.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>www.example.com, api.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DV (domain validation)</source>
        <translation type="unfinished">DV (Domainvalidierung)</translation>
    </message>
    <message>
        <source>OV (organization validation)</source>
        <translation type="unfinished">OV (Organisationsvalidierung)</translation>
    </message>
    <message>
        <source>EV (extended validation)</source>
        <translation type="unfinished">EV (erweiterte Validierung)</translation>
    </message>
    <message>
        <source>Existing</source>
        <translation type="unfinished">Vorhanden</translation>
    </message>
    <message>
        <source>Others</source>
        <translation type="unfinished">Andere</translation>
    </message>
    <message>
        <source>New CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing CSR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished">RSA</translation>
    </message>
    <message>
        <source>EC</source>
        <translation type="unfinished">EC</translation>
    </message>
    <message>
        <source>PEM files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common &amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SA&amp;Ns (comma separated):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;type:</source>
        <translation type="unfinished">Zertifikats&amp;typ:</translation>
    </message>
    <message>
        <source>Existing or new CSR:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR te&amp;mplate:</source>
        <translation type="unfinished">CSR-&amp;Vorlage:</translation>
    </message>
    <message>
        <source>&amp;Key algorithm:</source>
        <translation type="unfinished">&amp;Schlüsselalgorithmus:</translation>
    </message>
    <message>
        <source>Key si&amp;ze:</source>
        <translation type="unfinished">Schlüssel&amp;größe:</translation>
    </message>
    <message>
        <source>Si&amp;gnature algorithm:</source>
        <translation type="unfinished">Si&amp;gnaturalgorithmus:</translation>
    </message>
    <message>
        <source>Key store t&amp;ype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Additional domains; leave empty to reuse the existing SANs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All domains the certificate covers, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-384</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2048 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3072 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4096 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store password: the two passwords differ; type the same password in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store password: enter the password that protects the %1 key store (at least 8 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store password: enter at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;dit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage &amp;templates...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A completely new request with a new key pair, optionally from a CSR template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing reuses the request the template and the current key describe; New generates a fresh request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stored CSR template: key type and size, subject and policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protects the key store and its private key; kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full Override creates a new request: choose DV, OV, EV or Others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial Override keeps the existing type family: choose DV, OV, EV or Existing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1024 bits (weak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation type="unfinished">(keine Vorlage)</translation>
    </message>
    <message>
        <source>Loading templates...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no longer stored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(only the common name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate type: &quot;Existing&quot; is not available with Full Override, which creates a new request. Choose DV, OV, EV or Others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate type: &quot;Others&quot; is not available with Partial Override. Choose DV, OV, EV or Existing, or use Full Override.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR mode: a new certificate entry has no existing certificate to take the CSR from. Choose Partial Override or Full Override.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common Name: Use Existing Certificate CSR keeps the existing identity &quot;%1&quot;. Enter %1, or choose Partial or Full Override to change the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR template: the templates could not be read (%1). Choose &quot;(no template)&quot; or try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR template: &quot;%1&quot; is no longer stored. Choose another template, create it again with New..., or choose &quot;(no template)&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key size: RSA %1 bits is too weak; CAs refuse it. Choose 2048 bits or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key store password: PEM files are not password protected. Clear the password, or choose PKCS12 or JKS as the key store type.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CsrTemplateDialog</name>
    <message>
        <source>RS&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit CSR Template %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New CSR Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web-rsa-3072</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of a stored template cannot change; create a new template instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the template is listed in the wizard&apos;s CSR page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the template is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished">RSA</translation>
    </message>
    <message>
        <source>EC</source>
        <translation type="unfinished">EC</translation>
    </message>
    <message>
        <source>Example GmbH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web Operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-letter ISO 3166 country code, e.g. DE or US.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests made from this template with a smaller RSA key are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any name; or e.g. example.com, *.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The names certificates from this template may carry, separated by commas. &quot;*.example.com&quot; allows exactly one label in front of example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most names (common name included) a certificate from this template may carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key and signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key algorithm:</source>
        <translation type="unfinished">&amp;Schlüsselalgorithmus:</translation>
    </message>
    <message>
        <source>Key si&amp;ze:</source>
        <translation type="unfinished">Schlüssel&amp;größe:</translation>
    </message>
    <message>
        <source>Si&amp;gnature algorithm:</source>
        <translation type="unfinished">Si&amp;gnaturalgorithmus:</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization (O):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organizational &amp;unit (OU):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Locality (L):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tate (ST):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Countr&amp;y (C):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimum RSA key size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed key algorithms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed &amp;names:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum &amp;SANs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P-384</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed key algorithms: allow at least one; check RSA, EC or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: a template named &quot;%1&quot; already exists. Choose another name, or edit that template instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::CsrTemplatesDialog</name>
    <message>
        <source>RSA &gt;= %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any name</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>max %n SAN(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;New...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR &amp;Templates...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create, edit and delete the CSR templates of the wizard&apos;s Full Override.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR templates need the inventory database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSR templates could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete CSR Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the CSR template &quot;%1&quot;?

Certificates configured with it keep their current settings; their CSR page will ask for another template the next time they are edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSR template &quot;%1&quot; could not be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::DashboardWidget</name>
    <message>
        <source>Expiring within</source>
        <translation>Läuft ab innerhalb von</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Search common name, SANs, issuer or host (Ctrl+F)</source>
        <translation>Common Name, SANs, Aussteller oder Host suchen (Strg+F)</translation>
    </message>
    <message>
        <source>All issuers</source>
        <translation>Alle Aussteller</translation>
    </message>
    <message>
        <source>All server types</source>
        <translation>Alle Servertypen</translation>
    </message>
    <message>
        <source>All bots</source>
        <translation>Alle Bots</translation>
    </message>
    <message>
        <source>Click to remove this filter</source>
        <translation>Klicken, um diesen Filter zu entfernen</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>&amp;Aussteller:</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>&amp;Bot:</source>
        <translation>&amp;Bot:</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>With drift</source>
        <translation>Mit Abweichung</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Bot #%1</source>
        <translation>Bot Nr. %1</translation>
    </message>
    <message>
        <source>(no bot)</source>
        <translation>(kein Bot)</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::DcvPage</name>
    <message>
        <source>&amp;Attempt DCV using filename at location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain Control Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How domain ownership is verified before the CA issues the certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A directory on the server that the bot can write and the domain serves publicly, typically the web root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DCV &amp;path:</source>
        <translation type="unfinished">DCV-&amp;Pfad:</translation>
    </message>
    <message>
        <source>DCV path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File on the web server (http-01)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS TXT record via RFC 2136 (&amp;dns-01)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authoritative DNS server that accepts dynamic updates (RFC 2136) for the zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The zone that holds the _acme-challenge records of the certificate&apos;s names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of the TSIG key as configured on the DNS server (key &quot;...&quot; { ... };).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key&apos;s secret in base64, as in the server&apos;s key file (secret &quot;...&quot;;). It is kept in the keychain only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA checks that you control each name. Automatically, either the bot writes the CA&apos;s token file into a directory the domain serves, or CertDeck publishes a DNS TXT record through a dynamic update. Otherwise the job waits and shows what to publish by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Al&amp;gorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS se&amp;rver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG &amp;key name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS server: enter the host name or IP address of the authoritative DNS server that accepts dynamic updates, e.g. ns1.example.com or 192.0.2.53.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS server: &quot;%1&quot; is not a host name or IP address. Enter e.g. ns1.example.com or 192.0.2.53 (the port goes into the Port field).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone: enter the DNS zone that holds the names, e.g. example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone: &quot;%1&quot; is not a zone name. Enter a domain such as example.com (no wildcard, no spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG key name: enter the name of the key the DNS server accepts updates with, e.g. certdeck-key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG key name: &quot;%1&quot; is not a key name. Use letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;, as in the server&apos;s key statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG secret: enter the key&apos;s secret in base64, as in the server&apos;s key file (secret &quot;...&quot;;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSIG secret: this is not base64. Copy the secret exactly as the key file shows it, e.g. the output of tsig-keygen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: wildcard names are validated with the DNS TXT record, as chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: CAs validate wildcard names only with a DNS TXT record (dns-01). Choose dns-01 above, or the job will wait for you to publish the TXT record by hand.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::DeleteCertificateDialog</name>
    <message>
        <source>Also remove the certificate and key files from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Delete &lt;b&gt;%1&lt;/b&gt; from the inventory?&lt;/p&gt;&lt;p&gt;Only the inventory entry is removed: CertDeck stops tracking, renewing and deploying it. The certificate stays valid and keeps being served where it is installed, and its job history remains in the audit trail.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bot deletes the deployed certificate and key files and reloads the server. Do this only when nothing on the server uses them any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate has no deployment target, so there is nothing to remove from a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::DeploymentDetailsPage</name>
    <message>
        <source>&amp;Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the certificate is deployed and which bot deploys it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the deployment mapping detected by the bot&apos;s system scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the server and enter its values yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local bot (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bot that runs the provisioning workflow. It must be able to reach the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty for agent-based; host name or address for an agentless target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remote endpoint provisioned by the selected bot without installing a bot there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a server type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 deployer is not available yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision &amp;Bot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;gentless server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 *:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished">%1 % {1:?}</translation>
    </message>
    <message>
        <source>Server type: select the platform the certificate is deployed to (e.g. Nginx).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the server serves this certificate: after a deployment CertDeck connects here (with the common name as SNI) and checks that the new certificate is served.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint (verified after deploy):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint: enter the host name or address the server listens on (e.g. 127.0.0.1 or www.example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision Bot: bot #%1 of this configuration is no longer registered. Choose the bot that can reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agentless server: &quot;%1&quot; is not a host name or IP address. Enter the remote host, e.g. web01.example.com or 192.0.2.20, or leave it empty for an agent-based target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agentless server: a wildcard is not a host. Enter one host, e.g. web01.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, SSH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot #%1 (no longer registered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registered bots could not be read (%1); only the local bot is listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for servers the bots&apos; scans detected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected by the bots&apos; system scans: a running server on the endpoint host that serves the certificate&apos;s names. Choosing one fills the bot, server type and paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected &amp;target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, configured in %3
Host matched by %4
Certificate: %5
Key: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
DCV path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Not selectable: there is no %1 deployer, or its bot is not registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The detected servers cannot be deployed to from this console yet (no deployer for their type); use Manual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No detected target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected by the scan of %1 (host matched by %2). The values below are read-only; choose Manual to change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n detected target(s) available: choose Automatic to use one.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certdeck::ui::ExpiryChart</name>
    <message>
        <source> weeks</source>
        <translation> Wochen</translation>
    </message>
    <message>
        <source>&amp;Next:</source>
        <translation>&amp;Nächste:</translation>
    </message>
    <message>
        <source>Certificates expiring per week</source>
        <translation>Ablaufende Zertifikate pro Woche</translation>
    </message>
    <message>
        <source>Click a bar to show that week&apos;s certificates.</source>
        <translation>Auf einen Balken klicken, um die Zertifikate dieser Woche anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::HostKeyDialog</name>
    <message>
        <source>Host Key Changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm Host Key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARNING: the SSH host key of %1 has CHANGED since it was pinned. CertDeck refuses to connect.

This happens when the host was reinstalled or its keys were regenerated, but it is also what an attacker intercepting the connection looks like. Do not trust the new key unless you have verified it on the host itself (its console, or a channel you trust) with:
  %2

To trust it, tick &quot;I have verified the new key&quot;; the old pin is then replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:              %1
Key type:          %2
Pinned (trusted):  %3
Offered now:       %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First connection to %1. Before CertDeck pins this host key, compare its fingerprint with the output of
  %2
run on the host itself (its console, or a channel you trust). Trust it only when both are identical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:         %1
Key type:     %2
Fingerprint:  %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust &amp;New Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust This Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have &amp;verified the new key on the host</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::LifecycleActions</name>
    <message>
        <source>&lt;p&gt;Rotate &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;A new CSR is generated, a new certificate is issued by its CA and deployed to the server, replacing the certificate in use now. The current files are backed up and restored if the deployment fails.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; rotieren?&lt;/p&gt;&lt;p&gt;Ein neuer CSR wird erzeugt, ein neues Zertifikat von der CA ausgestellt und auf dem Server bereitgestellt; es ersetzt das derzeit verwendete Zertifikat. Die aktuellen Dateien werden gesichert und wiederhergestellt, wenn die Bereitstellung fehlschlägt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Rekey &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;A completely new key pair is generated, a certificate for the new key is issued by its CA and deployed to the server. The current key and certificate are no longer used.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; neu verschlüsseln?&lt;/p&gt;&lt;p&gt;Ein völlig neues Schlüsselpaar wird erzeugt, ein Zertifikat für den neuen Schlüssel von der CA ausgestellt und auf dem Server bereitgestellt. Der aktuelle Schlüssel und das aktuelle Zertifikat werden nicht mehr verwendet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Suspend &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;The issuing CA puts the certificate on hold: clients that check revocation stop trusting it until it is resumed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; sperren?&lt;/p&gt;&lt;p&gt;Die ausstellende CA setzt das Zertifikat aus: Clients, die den Widerruf prüfen, vertrauen ihm nicht mehr, bis es fortgesetzt wird.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 &lt;b&gt;%2&lt;/b&gt;?&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1: &lt;b&gt;%2&lt;/b&gt;?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>&amp;Aktion</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>The lifecycle actions of the selected certificate</source>
        <translation>Die Lebenszyklus-Aktionen des ausgewählten Zertifikats</translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation>Wählen Sie zuerst ein Zertifikat aus.</translation>
    </message>
    <message>
        <source>Checking what this certificate allows...</source>
        <translation>Es wird geprüft, was dieses Zertifikat erlaubt...</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>Zertifikat %1</translation>
    </message>
    <message>
        <source>%1 is not possible for %2: %3</source>
        <translation>%1 ist für %2 nicht möglich: %3</translation>
    </message>
    <message>
        <source>%1 Certificate</source>
        <translation>Zertifikat: %1</translation>
    </message>
    <message>
        <source>%1 of %2 started...</source>
        <translation>%1 für %2 gestartet...</translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation>%1 für %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>%1 of %2 succeeded.</source>
        <translation>%1 für %2 erfolgreich.</translation>
    </message>
    <message>
        <source>%1 of %2 succeeded: %3</source>
        <translation>%1 für %2 erfolgreich: %3</translation>
    </message>
    <message>
        <source>%1 of %2 failed and was rolled back: %3</source>
        <translation>%1 für %2 fehlgeschlagen und zurückgesetzt: %3</translation>
    </message>
    <message>
        <source>%1 of %2 was cancelled.</source>
        <translation>%1 für %2 wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::MainWindow</name>
    <message>
        <source>CertDeck</source>
        <translation>CertDeck</translation>
    </message>
    <message>
        <source>&amp;Import Certificate...</source>
        <translation>Zertifikat &amp;importieren...</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import a PEM, DER or PKCS#12 certificate file into the inventory</source>
        <translation>Eine PEM-, DER- oder PKCS#12-Zertifikatsdatei in das Inventar importieren</translation>
    </message>
    <message>
        <source>Create &amp;Built-in CA...</source>
        <translation>&amp;Integrierte CA erstellen...</translation>
    </message>
    <message>
        <source>Create the private CA that issues certificates from this computer</source>
        <translation>Die private CA erstellen, die Zertifikate von diesem Computer ausstellt</translation>
    </message>
    <message>
        <source>&amp;New Certificate...</source>
        <translation>&amp;Neues Zertifikat...</translation>
    </message>
    <message>
        <source>Configure the provisioning of a new certificate</source>
        <translation>Die Bereitstellung eines neuen Zertifikats konfigurieren</translation>
    </message>
    <message>
        <source>&amp;Provision...</source>
        <translation>&amp;Bereitstellung...</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>Configure provisioning for the selected certificate, or a new one when none is selected</source>
        <translation>Die Bereitstellung für das ausgewählte Zertifikat konfigurieren, oder für ein neues, wenn keines ausgewählt ist</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the inventory</source>
        <translation>Inventar neu laden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close CertDeck</source>
        <translation>CertDeck schließen</translation>
    </message>
    <message>
        <source>&amp;About CertDeck</source>
        <translation>&amp;Über CertDeck</translation>
    </message>
    <message>
        <source>About CertDeck</source>
        <translation>Über CertDeck</translation>
    </message>
    <message>
        <source>CertDeck %1
Certificate lifecycle management for one desktop or a team.</source>
        <translation>CertDeck %1
Zertifikats-Lebenszyklusverwaltung für einen Arbeitsplatz oder ein Team.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation>&amp;Zertifikat</translation>
    </message>
    <message>
        <source>C&amp;A</source>
        <translation>C&amp;A</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>The built-in CA is not available in this build.</source>
        <translation>Die integrierte CA ist in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Loading inventory...</source>
        <translation>Inventar wird geladen...</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
    <message>
        <source>The inventory could not be loaded: %1</source>
        <translation>Das Inventar konnte nicht geladen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%n Zertifikat</numerusform>
            <numerusform>%n Zertifikate</numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate could not be reloaded: %1</source>
        <translation>Das Zertifikat konnte nicht neu geladen werden: %1</translation>
    </message>
    <message>
        <source>The job history could not be loaded: %1</source>
        <translation>Der Auftragsverlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation>Zertifikat %1</translation>
    </message>
    <message>
        <source>%1 %2: %3 (%4%)</source>
        <translation>%1 %2: %3 (%4 %)</translation>
    </message>
    <message>
        <source>Import Certificate</source>
        <translation>Zertifikat importieren</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer *.der *.p12 *.pfx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>PKCS#12 Password</source>
        <translation>PKCS#12-Passwort</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>Passwort von %1:</translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>%1 wird importiert...</translation>
    </message>
    <message>
        <source>%1 could not be imported: %2</source>
        <translation>%1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 importiert.</translation>
    </message>
    <message>
        <source>Create Built-in CA</source>
        <translation>Integrierte CA erstellen</translation>
    </message>
    <message>
        <source>Creating built-in CA %1...</source>
        <translation>Integrierte CA %1 wird erstellt...</translation>
    </message>
    <message>
        <source>The built-in CA %1 could not be created: %2</source>
        <translation>Die integrierte CA %1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Built-in CA %1 created (%2).</source>
        <translation>Integrierte CA %1 erstellt (%2).</translation>
    </message>
    <message>
        <source>Provisioning configuration saved.</source>
        <translation>Bereitstellungskonfiguration gespeichert.</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>Bereitstellung</translation>
    </message>
    <message>
        <source>The provisioning configuration could not be loaded: %1</source>
        <translation>Die Bereitstellungskonfiguration konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Validation confirmed: the CA checks the names and the order continues.</source>
        <translation>Validierung bestätigt: Die CA prüft die Namen, und die Bestellung wird fortgesetzt.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>The certificates could not be reloaded: %1</source>
        <translation>Die Zertifikate konnten nicht neu geladen werden: %1</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::NetworkDiscoveryDialog</name>
    <message>
        <source>Discover Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10.0.0.0/24, 192.168.1.10-40, fd00::/120, www.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>443,8443,10000-10010</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: www.example.com, mail.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address &amp;ranges:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ports:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server names (SNI):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concurrent handshakes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout per endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished">Läuft ab</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished">&amp;Starten</translation>
    </message>
    <message>
        <source>C&amp;ancel Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd to Inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discover Network...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find TLS endpoints and their certificates by scanning address ranges and ports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning %1 endpoints...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 endpoints scanned in %3 s: %4 served a certificate, %5 refused, %6 timed out, %7 not TLS, %8 other errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding %1 endpoints to the inventory...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoints could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the inventory: %1 new certificates (Discovered), %2 already known, %3 endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::NotificationBadge</name>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unseen notification(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark All Seen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::ProvisioningWizard</name>
    <message>
        <source>Provision New Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving failed: the console has no engine connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate entry could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store password could not be stored: no keychain is available. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key store password could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate entry was created, but its configuration could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provisioning configuration could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TSIG secret could not be stored: no keychain is available. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TSIG secret could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::RevokeCertificateDialog</name>
    <message>
        <source>Revoke Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Revoke &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;The issuing CA publishes the revocation; clients that check revocation stop trusting the certificate. This cannot be undone: order a new certificate to replace it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unspecified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key compromise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA compromise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Affiliation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cessation of operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RFC 5280 reason code the CA records in its CRL. To put a certificate on hold, use Suspend instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (RFC 5280):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::SchedulePage</name>
    <message>
        <source>Daily</source>
        <translation type="unfinished">Täglich</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished">Wöchentlich</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished">Monatlich</translation>
    </message>
    <message>
        <source>Enable &amp;roll back if provisioning fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable r&amp;enewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days before expiry</source>
        <translation type="unfinished">Tage vor Ablauf</translation>
    </message>
    <message>
        <source>On a specific date</source>
        <translation type="unfinished">An einem bestimmten Datum</translation>
    </message>
    <message>
        <source>Enable &amp;deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediately after successful renewal</source>
        <translation type="unfinished">Sofort nach erfolgreicher Erneuerung</translation>
    </message>
    <message>
        <source>Provisioning Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure handling, when the certificate is renewed and when it is deployed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the previously served certificate when a deployment fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>How to trigger renewal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew when &amp;within:</source>
        <translation type="unfinished">Erneuern &amp;innerhalb von:</translation>
    </message>
    <message>
        <source>Renewal d&amp;ate:</source>
        <translation type="unfinished">Erneuerungs&amp;datum:</translation>
    </message>
    <message>
        <source>Renewal &amp;frequency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation type="unfinished">&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation type="unfinished">&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>When to deploy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment da&amp;te:</source>
        <translation type="unfinished">Bereitstellungs&amp;datum:</translation>
    </message>
    <message>
        <source>Deployment t&amp;ime:</source>
        <translation type="unfinished">Bereitstellungs&amp;uhrzeit:</translation>
    </message>
    <message>
        <source>Deployment time z&amp;one:</source>
        <translation type="unfinished">Bereitstellungs&amp;zeitzone:</translation>
    </message>
    <message>
        <source>Deployment fre&amp;quency:</source>
        <translation type="unfinished">Bereitstellungs&amp;häufigkeit:</translation>
    </message>
    <message>
        <source>Renewal date: %1 is in the past; choose today or a later date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone: &quot;%1&quot; is not a known time zone; choose one from the list, e.g. Europe/Berlin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment date: %1 is in the past; choose today or a later date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment time zone: &quot;%1&quot; is not a known time zone; choose one from the list, e.g. Europe/Berlin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal date and time: %1 %2 (%3) has already passed; choose a later time or date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment date and time: %1 %2 (%3) has already passed; choose a later time or date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::StatusSummary</name>
    <message>
        <source>All: %1</source>
        <translation>Alle: %1</translation>
    </message>
    <message>
        <source>Show every certificate (clears the filters)</source>
        <translation>Alle Zertifikate anzeigen (setzt die Filter zurück)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Show only the %1 certificates</source>
        <translation>Nur Zertifikate mit Status %1 anzeigen</translation>
    </message>
    <message>
        <source>Expiring within %1 days: %2</source>
        <translation>Läuft in %1 Tagen ab: %2</translation>
    </message>
    <message>
        <source>Show the certificates that expire within %1 days</source>
        <translation>Zertifikate anzeigen, die in %1 Tagen ablaufen</translation>
    </message>
    <message>
        <source>Expired: %1</source>
        <translation>Abgelaufen: %1</translation>
    </message>
    <message>
        <source>Show the expired certificates</source>
        <translation>Abgelaufene Zertifikate anzeigen</translation>
    </message>
    <message>
        <source>Drift: %1</source>
        <translation>Abweichung: %1</translation>
    </message>
    <message>
        <source>Show the certificates whose endpoint serves something else</source>
        <translation>Zertifikate anzeigen, deren Endpunkt etwas anderes ausliefert</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::ValidationPanel</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Awaiting domain validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Validation Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell the CA that everything above is published, so it validates and the order continues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA needs proof that you control these names. Publish the values below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic validation was not possible: %1
Publish the values below by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: DNS TXT record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the TXT record name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the TXT record value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: file on the web server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the file path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the URL the CA fetches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the exact file content (no newline at the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When everything is published, choose Validation Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deadline (%1) has passed: the CA abandons this order. Issue the certificate again to get new values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish everything, then choose Validation Done before %1 (%2 left). After that the order is abandoned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation Done is not available: the console has no engine connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the CA to validate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The order could not continue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA is validating; the job continues in the job history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::ViewActions</name>
    <message>
        <source>&amp;Audit Trail…</source>
        <translation>&amp;Prüfprotokoll…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Show, filter and export who did what to which certificate</source>
        <translation>Anzeigen, filtern und exportieren, wer was mit welchem Zertifikat getan hat</translation>
    </message>
    <message>
        <source>&amp;Re-check All Endpoints</source>
        <translation>Alle Endpunkte erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Connect to every certificate&apos;s endpoint and compare what it serves (drift)</source>
        <translation>Mit dem Endpunkt jedes Zertifikats verbinden und vergleichen, was er ausliefert (Abweichung)</translation>
    </message>
    <message>
        <source>&amp;Keep Running in the Tray When the Window Is Closed</source>
        <translation>Beim Schließen des Fensters im &amp;Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>CertDeck</source>
        <translation>CertDeck</translation>
    </message>
    <message>
        <source>&amp;Show CertDeck</source>
        <translation>CertDeck &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>No system tray is available on this desktop</source>
        <translation>Auf diesem Desktop ist kein Infobereich verfügbar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Export View as CSV…</source>
        <translation>Ansicht als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Save the rows and columns the dashboard shows now, in its order, as a CSV file</source>
        <translation>Die angezeigten Zeilen und Spalten in ihrer Reihenfolge als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Expiry Overview</source>
        <translation>Ablaufübersicht</translation>
    </message>
    <message>
        <source>&amp;Expiry Overview</source>
        <translation>&amp;Ablaufübersicht</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Show or hide the chart of certificates expiring per week, by status</source>
        <translation>Diagramm der pro Woche ablaufenden Zertifikate nach Status ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Expiring %1 – %2</source>
        <translation>Läuft ab %1 – %2</translation>
    </message>
    <message>
        <source>The bot names could not be loaded: %1</source>
        <translation>Die Bot-Namen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Export View as CSV</source>
        <translation>Ansicht als CSV exportieren</translation>
    </message>
    <message>
        <source>certificates.csv</source>
        <translation>zertifikate.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n certificate(s)…</source>
        <translation>
            <numerusform>%n Zertifikat wird exportiert…</numerusform>
            <numerusform>%n Zertifikate werden exportiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n certificate(s) to %1.</source>
        <translation>
            <numerusform>%n Zertifikat nach %1 exportiert.</numerusform>
            <numerusform>%n Zertifikate nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drift on certificate #%1</source>
        <translation>Abweichung bei Zertifikat #%1</translation>
    </message>
    <message>
        <source>Checked %1 endpoint(s): %2 with drift, %3 unreachable</source>
        <translation>%1 Endpunkt(e) geprüft: %2 mit Abweichung, %3 nicht erreichbar</translation>
    </message>
    <message>
        <source>Checking endpoints…</source>
        <translation>Endpunkte werden geprüft…</translation>
    </message>
</context>
<context>
    <name>certdeck::ui::inputrules</name>
    <message>
        <source>Common Name: enter the primary domain name, e.g. shop.example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common Name: &quot;%1&quot; is not a DNS name. Enter a domain name such as shop.example.com (letters, digits, hyphens and dots; a leading *. for a wildcard).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANs: %1 is not a DNS name or IP address. Enter names separated by commas, e.g. www.example.com, 192.0.2.10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: enter the directory path on the server, e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an absolute path. Enter a full path, e.g. %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Certificate lifecycle management console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory database URL (sqlite:/path/inventory.db or postgresql://...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDeck</source>
        <translation type="unfinished">CertDeck</translation>
    </message>
    <message>
        <source>Do not run renewal and deployment schedules in this console (for example when the certdeck-scheduler systemd timer runs them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
