<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CaType</name>
    <message>
        <source>Built-in CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACME</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateStatus</name>
    <message>
        <source>Discovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobAction</name>
    <message>
        <source>Initiate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-check pinning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rekey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerType</name>
    <message>
        <source>Windows Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomcat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apache HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IIS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JBoss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jetty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebLogic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nginx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kubernetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 BIG-IP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 BIG-IQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imperva Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imperva On-Prem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Akamai Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;Connector Name:</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OV (organization validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EV (extended validation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing or new CSR:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSR te&amp;mplate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key si&amp;ze:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;gnature algorithm:</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <source>No deployment mapping has been detected for this certificate yet: the values below are suggestions; check them before saving.</source>
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
        <translation type="unfinished"></translation>
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
    <name>certdeck::ui::LifecycleActions</name>
    <message>
        <source>&lt;p&gt;Rotate &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;A new CSR is generated, a new certificate is issued by its CA and deployed to the server, replacing the certificate in use now. The current files are backed up and restored if the deployment fails.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Rekey &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;A completely new key pair is generated, a certificate for the new key is issued by its CA and deployed to the server. The current key and certificate are no longer used.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Suspend &lt;b&gt;%1&lt;/b&gt;?&lt;/p&gt;&lt;p&gt;The issuing CA puts the certificate on hold: clients that check revocation stop trusting it until it is resumed.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 &lt;b&gt;%2&lt;/b&gt;?&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifecycle actions of the selected certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a certificate first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking what this certificate allows...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not possible for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 started...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 succeeded: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 failed and was rolled back: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdeck::ui::MainWindow</name>
    <message>
        <source>CertDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Certificate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a PEM, DER or PKCS#12 certificate file into the inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;Built-in CA...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the private CA that issues certificates from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Certificate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure the provisioning of a new certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provision...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure provisioning for the selected certificate, or a new one when none is selected</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CertDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CertDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDeck %1
Certificate lifecycle management for one desktop or a team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in CA is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading inventory...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inventory could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The certificate could not be reloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job history could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3 (%4%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#12 Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Built-in CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating built-in CA %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in CA %1 could not be created: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in CA %1 created (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provisioning configuration saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provisioning configuration could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation confirmed: the CA checks the names and the order continues.</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a specific date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable &amp;deployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediately after successful renewal</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal d&amp;ate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal &amp;frequency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When to deploy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment da&amp;te:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment t&amp;ime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment time z&amp;one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deployment fre&amp;quency:</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show, filter and export who did what to which certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-check All Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to every certificate&apos;s endpoint and compare what it serves (drift)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Running in the Tray When the Window Is Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show CertDeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>No system tray is available on this desktop</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n certificate(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Drift on certificate #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked %1 endpoint(s): %2 with drift, %3 unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking endpoints…</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
