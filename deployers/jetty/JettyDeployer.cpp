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
        serverField(DeployerField::Kind::Choice, kReloadMethod, tr("Reload method"), false, {},
                    tr("scanner: Jetty's ssl-reload module loads the changed key store by itself (no restart). "
                       "restart: the bot runs the restart program its policy allows for Jetty."),
                    kScanner);
    method.choices = {kScanner, kRestart};
    fields << method
           << serverField(DeployerField::Kind::Text, kRestartProgram, tr("Restart program"), false,
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
    return ServerCommand::action(tr("key store check of %1").arg(values.text(kKeyStoreFile)),
                                 [values](deploy::TargetHost& host, int /*timeoutMs*/) {
                                     const Status checked =
                                         KeyStoreMaterial::check(values, values.text(kKeyStoreFile), host);
                                     ServerCommand::Outcome outcome;
                                     outcome.ok = checked.ok();
                                     outcome.exitCode = checked ? 0 : 1;
                                     outcome.output = checked ? QString() : checked.message();
                                     return outcome;
                                 });
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
    const JettyExpectation expected = expectationOf(values);
    return ServerCommand::action(
        tr("Jetty's KeyStoreScanner in %1 (ssl-reload)").arg(expected.jettyBase),
        [expected](deploy::TargetHost& host, int /*timeoutMs*/) {
            ServerCommand::Outcome outcome;
            auto interval = checkJettyStart(host, expected);
            outcome.ok = interval.ok();
            outcome.exitCode = interval ? 0 : 1;
            outcome.output = interval ? QCoreApplication::translate(
                                            "JettyDeployer",
                                            "Jetty loads the changed key store by itself within about %n second(s); "
                                            "the verification shows whether it did",
                                            nullptr, 2 * interval.value())
                                      : interval.message();
            return outcome;
        });
}

QString JettyDeployer::programField(const FieldValues& values) const
{
    return scannerReloads(values) ? QString() : kRestartProgram;
}

} // namespace certdeck::deployers
