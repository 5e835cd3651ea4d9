#include "ui/CaActions.h"

#include "engine/ca/LocalCaAdmin.h"

#include <QAction>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QWidget>

namespace certdeck::ui {

CaActions::CaActions(ca::LocalCaAdmin* admin, QWidget* window)
    : QObject(window)
    , m_admin(admin)
    , m_window(window)
    , m_export(new QAction(tr("&Export CA Certificate..."), this))
    , m_publishCrl(new QAction(tr("Publish &CRL..."), this))
{
    m_export->setObjectName(QStringLiteral("actionExportCa"));
    m_export->setStatusTip(tr("Save the built-in CA's certificate(s) (PEM) to install as a trusted root"));
    m_publishCrl->setObjectName(QStringLiteral("actionPublishCrl"));
    m_publishCrl->setStatusTip(tr("Write the built-in CA's current certificate revocation list (PEM) to a file"));
    connect(m_export, &QAction::triggered, this, &CaActions::exportCa);
    connect(m_publishCrl, &QAction::triggered, this, &CaActions::publishCrlFile);
}

QString CaActions::chooseCa(const QString& title)
{
    auto cas = m_admin ? m_admin->list() : Result<QList<ca::LocalCaInfo>>(fail(tr("No CA administration.")));
    if (!cas.ok()) {
        QMessageBox::warning(m_window, title, cas.message());
        return {};
    }
    if (cas->isEmpty()) {
        QMessageBox::information(m_window, title,
                                 tr("There is no built-in CA yet. Create one with CA > Create Built-in CA."));
        return {};
    }
    if (cas->size() == 1) {
        return cas->first().name;
    }
    QStringList names;
    for (const auto& info : cas.value()) {
        names.append(info.name);
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
    auto pem = m_admin->exportCertificates(name);
    if (!pem.ok()) {
        QMessageBox::warning(m_window, title, pem.message());
        return;
    }
    const QString path =
        QFileDialog::getSaveFileName(m_window, title, name + QStringLiteral("-ca.pem"), tr("PEM files (*.pem *.crt)"));
    if (path.isEmpty()) {
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem.value()) != pem->size() || !file.commit()) {
        QMessageBox::warning(m_window, title, tr("Could not write %1: %2").arg(path, file.errorString()));
    }
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

} // namespace certdeck::ui
