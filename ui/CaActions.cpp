#include "ui/CaActions.h"

#include "engine/ca/CaRegistry.h"
#include "engine/ca/LocalCaAdmin.h"
#include "engine/core/Async.h"
#include "ui/dialogs/AcmeConnectorDialog.h"
#include "ui/dialogs/AcmeConnectorsDialog.h"

#include <QAction>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QWidget>

namespace certdeck::ui {

CaActions::CaActions(ca::LocalCaAdmin* admin, const ca::CaRegistry* cas, QWidget* window, ca::AcmeAdmin* acme)
    : QObject(window)
    , m_admin(admin)
    , m_cas(cas)
    , m_window(window)
    , m_export(new QAction(tr("&Export CA Certificate..."), this))
    , m_publishCrl(new QAction(tr("Publish &CRL..."), this))
    , m_acme(acme)
    , m_addAcme(new QAction(tr("Add AC&ME Connector..."), this))
    , m_acmeConnectors(new QAction(tr("ACME Co&nnectors..."), this))
{
    m_addAcme->setObjectName(QStringLiteral("actionAddAcmeConnector"));
    m_addAcme->setStatusTip(m_acme ? tr("Register an account with an ACME CA (Let's Encrypt, ZeroSSL, a private "
                                        "server...) to issue certificates from it")
                                   : tr("ACME connectors are not available in this build."));
    m_addAcme->setEnabled(m_acme != nullptr);
    m_acmeConnectors->setObjectName(QStringLiteral("actionAcmeConnectors"));
    m_acmeConnectors->setStatusTip(tr("List, add and remove the ACME connectors"));
    m_acmeConnectors->setEnabled(m_acme != nullptr);
    connect(m_addAcme, &QAction::triggered, this, &CaActions::openAddAcmeConnector);
    connect(m_acmeConnectors, &QAction::triggered, this, &CaActions::openAcmeConnectors);
    m_export->setObjectName(QStringLiteral("actionExportCa"));
    m_export->setStatusTip(tr("Save the built-in CA's certificate(s) (PEM) to install as a trusted root"));
    m_publishCrl->setObjectName(QStringLiteral("actionPublishCrl"));
    m_publishCrl->setStatusTip(tr("Write the built-in CA's current certificate revocation list (PEM) to a file"));
    connect(m_export, &QAction::triggered, this, &CaActions::exportCa);
    connect(m_publishCrl, &QAction::triggered, this, &CaActions::publishCrlFile);
}

QString CaActions::chooseCa(const QString& title)
{
    QStringList names;
    if (m_admin && m_cas) {
        for (const auto& connector : m_cas->connectors(QStringLiteral("localca"))) {
            names.append(connector->name());
        }
    }
    if (names.isEmpty()) {
        QMessageBox::information(m_window, title,
                                 tr("There is no built-in CA yet. Create one with CA > Create Built-in CA."));
        return {};
    }
    if (names.size() == 1) {
        return names.first();
    }
    bool ok = false;
    const QString name = QInputDialog::getItem(m_window, title, tr("Built-in CA:"), names, 0, false, &ok);
    return ok ? name : QString();
}

void CaActions::exportCa()
{
    const QString title = tr("Export CA Certificate");
    const QString name = chooseCa(title);
    if (name.isEmpty()) {
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(m_window, title, name + QStringLiteral("-ca.pem"), tr("PEM files (*.pem *.crt)"));
    if (path.isEmpty()) {
        return;
    }
    // The certificates come from the inventory (maybe a remote PostgreSQL): read and write off the GUI thread.
    m_export->setEnabled(false);
    ca::LocalCaAdmin* admin = m_admin;
    certdeck::runInBackground<Status>(
        this,
        [admin, name, path]() -> Status {
            auto pem = admin->exportCertificates(name);
            if (!pem.ok()) {
                return pem.error();
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(pem.value()) != pem->size() || !file.commit()) {
                return fail(tr("Could not write %1: %2").arg(path, file.errorString()));
            }
            return {};
        },
        [this, title](Status status) {
            m_export->setEnabled(true);
            if (!status.ok()) {
                QMessageBox::warning(m_window, title, status.message());
            }
        });
}

void CaActions::publishCrlFile()
{
    const QString title = tr("Publish CRL");
    const QString name = chooseCa(title);
    if (name.isEmpty()) {
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(m_window, title, name + QStringLiteral(".crl.pem"), tr("CRL files (*.pem *.crl)"));
    if (path.isEmpty()) {
        return;
    }
    m_publishCrl->setEnabled(false);
    m_admin->publishCrl(name, path, this, [this, title, path](Status status) {
        m_publishCrl->setEnabled(true);
        if (!status.ok()) {
            QMessageBox::warning(m_window, title, status.message());
        }
    });
}

void CaActions::openAddAcmeConnector()
{
    auto* dialog = new AcmeConnectorDialog(m_acme, m_cas, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ca::AcmeConnectorInfo& info = dialog->created();
        Q_EMIT statusMessage(tr("ACME connector %1 added (%2). Choose it on the Certificate Authority page when you "
                                "provision a certificate.")
                                 .arg(info.name, info.directoryUrl));
    });
    dialog->open();
}

void CaActions::openAcmeConnectors()
{
    auto* dialog = new AcmeConnectorsDialog(m_acme, m_cas, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AcmeConnectorsDialog::changed, this, &CaActions::statusMessage);
    dialog->open();
}

} // namespace certdeck::ui
