#pragma once

#include "engine/domain/CsrTemplate.h"
#include "ui/dialogs/CsrTemplateDialog.h"

#include <QDialog>
#include <QMessageBox>
#include <QPointer>

#include <memory>

class QAction;
class QDialogButtonBox;
class QPushButton;
class QTreeWidget;

namespace certdeck::store {
class Database;
}

namespace certdeck::ui {

class FieldMessage;

// "CSR Templates": the stored templates (name, key, policy) with New, Edit and Delete. Delete asks first;
// configurations that name a deleted template keep its name and say so in the wizard's CSR page.
class CsrTemplatesDialog : public QDialog
{
    Q_OBJECT
public:
    CsrTemplatesDialog(std::shared_ptr<store::Database> db, QWidget* parent = nullptr);

    // "CSR Templates..." for a menu: opens (or raises) the manager as a child of `window`. Disabled without a database.
    static QAction* createAction(std::shared_ptr<store::Database> db, QWidget* window);

    QTreeWidget* list() const { return m_list; }
    QList<CsrTemplate> templates() const { return m_templates; }
    CsrTemplateDialog* editor() const; // the open New/Edit dialog, if any
    QMessageBox* confirmation() const; // the open Delete question, if any
    QString errorText() const;

public Q_SLOTS:
    void reload();
    void newTemplate();
    void editSelected();
    void askAndDeleteSelected();
    void deleteTemplate(const QString& name); // without asking

Q_SIGNALS:
    void loaded();
    void changed(); // a template was saved or deleted

private:
    void openEditor(const CsrTemplate& initial);
    void updateButtons();
    QString selectedName() const;

    std::shared_ptr<store::Database> m_db;
    QList<CsrTemplate> m_templates;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_delete = nullptr;
    FieldMessage* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPointer<CsrTemplateDialog> m_editor;
    QPointer<QMessageBox> m_confirmation;
    QString m_selectAfterLoad;
};

} // namespace certdeck::ui
