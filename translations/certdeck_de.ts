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
    <name>certdeck::models::CertificateTableModel</name>
    <message>
        <source>Common name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
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
        <source>CA: no Certificate Authority is configured. Close the wizard and create the built-in CA (CA &gt; Create Built-in CA...), then provision again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Connector Name: select the connector of %1 that issues this certificate.</source>
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
        <translation type="unfinished"></translation>
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
        <source>A completely new request with a new key pair.</source>
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
        <source>Optional template name</source>
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
</context>
<context>
    <name>certdeck::ui::DashboardWidget</name>
    <message>
        <source>Expiring within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search common name, SANs, issuer or host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
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
        <source>The bot writes the CA&apos;s token file into this directory; the CA fetches it through the domain. Without automatic DCV, the CA&apos;s instructions must be followed manually.</source>
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
        <source>I&amp;ssue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue the selected certificate from its CA</source>
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
        <source>Deploy the selected certificate to its server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the inventory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <source>Select a certificate first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 started...</source>
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
        <source>%1 of %2 failed and was rolled back: %3</source>
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
        <translation type="unfinished"></translation>
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
        <source>The inventory %1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
