#include "ui/dialogs/AcmeConnectorsDialog.h"

#include "engine/ca/AcmeAdmin.h"
#include "ui/dialogs/AcmeConnectorDialog.h"
#include "ui/widgets/ActivityIndicator.h"
#include "ui/widgets/FieldMessage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdeck::ui {

AcmeConnectorsDialog::AcmeConnectorsDialog(ca::AcmeAdmin* admin, const ca::CaRegistry* cas, QWidget* parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_cas(cas)
    , m_list(new QTreeWidget(this))
    , m_add(new QPushButton(tr("&Add..."), this))
    , m_remove(new QPushButton(tr("&Remove..."), this))
    , m_error(new FieldMessage(QStringLiteral("acmeConnectorsError"), this))
    , m_activity(new ActivityIndicator(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("acmeConnectorsDialog"));
    setWindowTitle(tr("ACME Connectors"));
    m_list->setObjectName(QStringLiteral("acmeConnectorList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Name"), tr("Directory"), tr("Contact"), tr("EAB"), tr("Created")});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_add->setObjectName(QStringLiteral("acmeAdd"));
    m_remove->setObjectName(QStringLiteral("acmeRemove"));
    m_remove->setToolTip(tr("Forget the connector and its account key; certificates it issued stay in the inventory."));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* side = new QVBoxLayout;
    side->addWidget(m_add);
    side->addWidget(m_remove);
    side->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(m_list, 1);
    top->addLayout(side);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_activity);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_error);
    layout->addLayout(bottom);

    connect(m_add, &QPushButton::clicked, this, &AcmeConnectorsDialog::addConnector);
    connect(m_remove, &QPushButton::clicked, this, &AcmeConnectorsDialog::askAndRemove);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &AcmeConnectorsDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(860, 340);
    reload();
}

QString AcmeConnectorsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AcmeConnectorsDialog::updateButtons()
{
    m_add->setEnabled(m_admin && !m_busy);
    m_remove->setEnabled(m_admin && !m_busy && m_list->currentItem());
}

void AcmeConnectorsDialog::reload()
{
    if (!m_admin) {
        m_error->setMessage(tr("ACME connectors are not available in this build."));
        updateButtons();
        return;
    }
    m_busy = true;
    updateButtons();
    const int token = m_activity->beginBusy(tr("Loading ACME connectors..."));
    m_admin->list(this, [this, token](Result<QList<ca::AcmeConnectorInfo>> listed) {
        m_activity->endBusy(token);
        m_busy = false;
        const QString current = m_list->currentItem() ? m_list->currentItem()->text(0) : QString();
        m_list->clear();
        if (!listed.ok()) {
            m_error->setMessage(tr("The ACME connectors could not be loaded: %1").arg(listed.message()));
            updateButtons();
            return;
        }
        for (const ca::AcmeConnectorInfo& info : listed.value()) {
            auto* item = new QTreeWidgetItem(m_list);
            item->setText(0, info.name);
            item->setText(1, info.directoryUrl);
            item->setToolTip(1, tr("Account: %1").arg(info.accountUrl));
            item->setText(2, info.contactEmail);
            item->setText(3, info.eabBound ? tr("Yes") : tr("No"));
            item->setText(4, info.createdAt.isValid()
                                 ? QLocale().toString(info.createdAt.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                 : QString());
            if (info.name == current) {
                m_list->setCurrentItem(item);
            }
        }
        if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
            m_list->setCurrentItem(m_list->topLevelItem(0));
        }
        for (int column : {0, 2, 3, 4}) {
            m_list->resizeColumnToContents(column);
        }
        updateButtons();
        Q_EMIT loaded();
    });
}

void AcmeConnectorsDialog::addConnector()
{
    auto* dialog = new AcmeConnectorDialog(m_admin, m_cas, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_error->setMessage(QString());
        Q_EMIT changed(tr("ACME connector %1 added.").arg(dialog->created().name));
        reload();
    });
    dialog->open();
}

void AcmeConnectorsDialog::askAndRemove()
{
    const QTreeWidgetItem* item = m_list->currentItem();
    if (!item) {
        return;
    }
    const QString name = item->text(0);
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove ACME Connector"),
                                tr("Remove the ACME connector %1?\n\nIts account key is deleted from the keychain. "
                                   "Certificates it issued stay in the inventory, but cannot be renewed or revoked "
                                   "through it until another connector is chosen in their provisioning.")
                                    .arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemoveBox"));
    QPushButton* remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, name](QAbstractButton* clicked) {
        if (clicked == remove) {
            removeConnector(name);
        }
    });
    box->open();
}

void AcmeConnectorsDialog::removeConnector(const QString& name)
{
    if (!m_admin || m_busy) {
        return;
    }
    m_busy = true;
    updateButtons();
    m_error->setMessage(QString());
    const int token = m_activity->beginBusy(tr("Removing %1...").arg(name));
    m_admin->remove(name, this, [this, token, name](Status status) {
        m_activity->endBusy(token);
        m_busy = false;
        if (!status.ok()) {
            m_error->setMessage(tr("The ACME connector %1 could not be removed: %2").arg(name, status.message()));
            updateButtons();
            return;
        }
        Q_EMIT changed(tr("ACME connector %1 removed.").arg(name));
        reload();
    });
}

} // namespace certdeck::ui
