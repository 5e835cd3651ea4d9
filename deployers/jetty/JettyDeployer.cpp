#include "deployers/jetty/JettyDeployer.h"

#include "deployers/common/KeyStoreMaterial.h"
#include "deployers/jetty/JettyStartCheck.h"

#include <QCoreApplication>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("JettyDeployer", text);
}

const QString kJettyBase = QStringLiteral("jettyBase");
const QString kKeyStoreFile = QStringLiteral("keyStoreFile");
const QString kReloadMethod = QStringLiteral("reloadMethod");
const QString kRestartProgram = QStringLiteral("restartProgram");
const QString kScanner = QStringLiteral("scanner");
const QString kRestart = QStringLiteral("restart");

bool scannerReloads(const FieldValues& values)
{
    return values.text(kReloadMethod) != kRestart;
}

JettyExpectation expectationOf(const FieldValues& values)
{
    return {values.text(kJettyBase), values.text(kKeyStoreFile), values.secret(KeyStoreMaterial::kPasswordField),
            values.text(KeyStoreMaterial::kAliasField), scannerReloads(values)};
}

} // namespace

QList<DeployerField> JettyDeployer::serverFields() const
{
    QList<DeployerField> fields{
        pathField(kJettyBase, tr("Jetty base"), true, QStringLiteral("/usr/share/jetty9"),
                  tr("jetty.base: the directory with start.ini and start.d/ (Debian's jetty9: /usr/share/jetty9, whose "
                     "start.ini is /etc/jetty9/start.ini)."),
                  QStringLiteral("/usr/share/jetty9")),
        pathField(kKeyStoreFile, tr("Key store file"), true, QStringLiteral("/usr/share/jetty9/etc/keystore"),
                  tr("The key store of jetty.sslContext.keyStorePath; checked against Jetty's configuration before "
                     "anything is written.")),
    };
    fields << KeyStoreMaterial::fields(QStringLiteral("jetty"));
    DeployerField method =
        deploy::makeField(DeployerField::Kind::Choice, kReloadMethod, tr("Reload method"), false, {},
                          tr("scanner: Jetty's ssl-reload module loads the changed key store by itself (no restart). "
                             "restart: the bot runs the restart program its policy allows for Jetty."),
                          kScanner);
    method.choices = {kScanner, kRestart};
    fields << method
           << deploy::makeField(
                  DeployerField::Kind::Text, kRestartProgram, tr("Restart program"), false,
                  QStringLiteral("/usr/share/jetty9/bin/jetty.sh"),
                  tr("Only for the restart method: one of the bot policy's programs for Jetty (program.jetty), "
                     "run with the argument \"restart\" and JETTY_BASE. Empty: the policy's first."));
    return fields;
}

QList<MaterialFile> JettyDeployer::materialFiles(const FieldValues& /*values*/, const Material& /*material*/) const
{
    return {}; // the key store is made from the store on the host: materialFilesOn()
}

Result<QList<MaterialFile>> JettyDeployer::materialFilesOn(const FieldValues& values, const Material& material,
                                                           const deploy::TargetHost& host) const
{
    // The store is read before it is written: the policy decides first.
    if (Status allowed = admitTargetFile(values.text(kKeyStoreFile), tr("Key store file"), host); !allowed) {
        return allowed.error();
    }
    if (values.secret(KeyStoreMaterial::kPasswordField).isEmpty()) {
        return fail(tr("Key store password: Jetty's key store needs its password; enter it in the CSR step (it is kept "
                       "in the keychain)"),
                    QStringLiteral("passwordRequired"));
    }
    if (auto configured = checkJettyStart(host, expectationOf(values)); !configured) {
        return configured.error();
    }
    auto store = KeyStoreMaterial::file(values, values.text(kKeyStoreFile), material.leafPem, material.chainPem,
                                        material.keyPem, host);
    if (!store) {
        return store.error();
    }
    return QList<MaterialFile>{std::move(store.value())};
}

ServerCommand JettyDeployer::configTestCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    return KeyStoreMaterial::checkCommand(values, values.text(kKeyStoreFile));
}

ServerCommand JettyDeployer::reloadCommand(const FieldValues& values, const deploy::TargetHost& /*host*/) const
{
    if (!scannerReloads(values)) {
        // The program was resolved through the bot's policy (admit()); jetty.sh finds JETTY_HOME from its own path.
        ServerCommand restart(values.text(kRestartProgram), {QStringLiteral("restart")});
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("JETTY_BASE"), values.text(kJettyBase));
        restart.setExtraEnvironment(environment);
        return restart;
    }
    // Nothing to run: the scanner sees the written store (the ssl-reload module and its interval were checked
    // before writing), and the verification waits for the new certificate.
    return ServerCommand::action(tr("Jetty's KeyStoreScanner in %1 (ssl-reload)").arg(values.text(kJettyBase)),
                                 [](deploy::TargetHost& /*host*/, int /*timeoutMs*/) {
                                     ServerCommand::Outcome outcome;
                                     outcome.ok = true;
                                     outcome.exitCode = 0;
                                     outcome.output =
                                         tr("Jetty loads the changed key store by itself; the verification "
                                            "shows whether it did");
                                     return outcome;
                                 });
}

QString JettyDeployer::programField(const FieldValues& values) const
{
    return scannerReloads(values) ? QString() : kRestartProgram;
}

} // namespace certdeck::deployers
