#include "ui/dialogs/CsrTemplatesDialog.h"

#include "ui/dialogs/CsrTemplateDialog.h"
#include "ui/dialogs/CsrTemplateStore.h"
#include "ui/widgets/FieldMessage.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace certdeck::ui {
namespace {

QString keyText(const CsrTemplate& t)
{
    return t.keyAlgorithm == QLatin1String("EC") ? QStringLiteral("EC P-%1").arg(t.keySize)
                                                 : QStringLiteral("RSA %1").arg(t.keySize);
}

QString policyText(const CsrTemplate& t)
{
    QStringList parts;
    parts << CsrTemplatesDialog::tr("RSA >= %1").arg(t.minimumRsaKeySize);
    if (!t.allowedKeyAlgorithms.isEmpty()) {
        parts << CsrTemplatesDialog::tr("only %1").arg(t.allowedKeyAlgorithms.join(QStringLiteral(", ")));
    }
    parts << (t.allowedNamePatterns.isEmpty() ? CsrTemplatesDialog::tr("any name")
                                              : t.allowedNamePatterns.join(QStringLiteral(", ")));
    parts << CsrTemplatesDialog::tr("max %n SAN(s)", nullptr, t.maximumSans);
    return parts.join(QStringLiteral("; "));
}

} // namespace

CsrTemplatesDialog::CsrTemplatesDialog(std::shared_ptr<store::Database> db, QWidget* parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_list(new QTreeWidget(this))
    , m_new(new QPushButton(tr("&New..."), this))
    , m_edit(new QPushButton(tr("&Edit..."), this))
    , m_delete(new QPushButton(tr("&Delete..."), this))
    , m_error(new FieldMessage(QStringLiteral("templatesError"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("csrTemplatesDialog"));
    setWindowTitle(tr("CSR Templates"));
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setHeaderLabels({tr("Name"), tr("Key"), tr("Subject"), tr("Policy"), tr("Description")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_new->setObjectName(QStringLiteral("newTemplate"));
    m_edit->setObjectName(QStringLiteral("editTemplate"));
    m_delete->setObjectName(QStringLiteral("deleteTemplate"));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_new, &QPushButton::clicked, this, &CsrTemplatesDialog::newTemplate);
    connect(m_edit, &QPushButton::clicked, this, &CsrTemplatesDialog::editSelected);
    connect(m_delete, &QPushButton::clicked, this, &CsrTemplatesDialog::askAndDeleteSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &CsrTemplatesDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &CsrTemplatesDialog::editSelected);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CsrTemplatesDialog::reject);
    resize(820, 380);
    updateButtons();
    reload();
}

QAction* CsrTemplatesDialog::createAction(std::shared_ptr<store::Database> db, QWidget* window)
{
    auto* action = new QAction(tr("CSR &Templates..."), window);
    action->setObjectName(QStringLiteral("csrTemplatesAction"));
    action->setStatusTip(tr("Create, edit and delete the CSR templates of the wizard's Full Override."));
    action->setEnabled(db != nullptr);
    if (!db) {
        action->setToolTip(tr("CSR templates need the inventory database."));
    }
    QObject::connect(action, &QAction::triggered, window, [db, window] {
        if (auto* open = window->findChild<CsrTemplatesDialog*>(QString(), Qt::FindDirectChildrenOnly)) {
            open->raise();
            open->activateWindow();
            return;
        }
        auto* dialog = new CsrTemplatesDialog(db, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    return action;
}

CsrTemplateDialog* CsrTemplatesDialog::editor() const
{
    return m_editor;
}

QMessageBox* CsrTemplatesDialog::confirmation() const
{
    return m_confirmation;
}

QString CsrTemplatesDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void CsrTemplatesDialog::reload()
{
    csrtemplates::load(m_db, this, [this](Result<QList<CsrTemplate>> result) {
        if (!result.ok()) {
            m_error->setMessage(tr("The CSR templates could not be read: %1").arg(result.message()));
            m_new->setEnabled(m_db != nullptr);
            Q_EMIT loaded();
            return;
        }
        m_error->setMessage(QString());
        const QString keep = !m_selectAfterLoad.isEmpty() ? m_selectAfterLoad : selectedName();
        m_selectAfterLoad.clear();
        m_templates = result.value();
        m_list->clear();
        for (const CsrTemplate& t : std::as_const(m_templates)) {
            const QString subject = QStringList{t.organization, t.organizationalUnit, t.locality, t.state, t.country}
                                        .filter(QRegularExpression(QStringLiteral("\\S")))
                                        .join(QStringLiteral(", "));
            auto* item = new QTreeWidgetItem(m_list, {t.name, keyText(t), subject, policyText(t), t.description});
            if (t.name == keep) {
                m_list->setCurrentItem(item);
            }
        }
        updateButtons();
        Q_EMIT loaded();
    });
}

QString CsrTemplatesDialog::selectedName() const
{
    const QTreeWidgetItem* item = m_list->currentItem();
    return item && item->isSelected() ? item->text(0) : QString();
}

void CsrTemplatesDialog::updateButtons()
{
    const bool selected = !selectedName().isEmpty();
    m_new->setEnabled(m_db != nullptr);
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void CsrTemplatesDialog::openEditor(const CsrTemplate& initial)
{
    if (m_editor) {
        m_editor->raise();
        return;
    }
    QStringList names;
    for (const CsrTemplate& t : std::as_const(m_templates)) {
        names << t.name;
    }
    m_editor = new CsrTemplateDialog(m_db, initial, names, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &CsrTemplateDialog::saved, this, [this](const QString& name) {
        m_selectAfterLoad = name;
        reload();
        Q_EMIT changed();
    });
    m_editor->open();
}

void CsrTemplatesDialog::newTemplate()
{
    CsrTemplate fresh;
    fresh.name.clear();
    openEditor(fresh);
}

void CsrTemplatesDialog::editSelected()
{
    const QString name = selectedName();
    for (const CsrTemplate& t : std::as_const(m_templates)) {
        if (t.name == name) {
            openEditor(t);
            return;
        }
    }
}

void CsrTemplatesDialog::askAndDeleteSelected()
{
    const QString name = selectedName();
    if (name.isEmpty() || m_confirmation) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete CSR Template"),
                                tr("Delete the CSR template \"%1\"?\n\nCertificates configured with it keep their "
                                   "current settings; their CSR page will ask for another template the next time "
                                   "they are edited.")
                                    .arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteTemplate"));
    QPushButton* remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, name](QAbstractButton* clicked) {
        if (clicked == remove) {
            deleteTemplate(name);
        }
    });
    m_confirmation = box;
    box->open();
}

void CsrTemplatesDialog::deleteTemplate(const QString& name)
{
    csrtemplates::remove(m_db, name, this, [this, name](Status status) {
        if (!status.ok()) {
            m_error->setMessage(tr("The CSR template \"%1\" could not be deleted: %2").arg(name, status.message()));
            return;
        }
        reload();
        Q_EMIT changed();
    });
}

} // namespace certdeck::ui
