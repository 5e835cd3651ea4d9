#pragma once

#include "engine/domain/CsrTemplate.h"

#include <QDialog>
#include <QMap>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace certdeck::store {
class Database;
}

namespace certdeck::ui {

class FieldMessage;

// Creates or edits one CSR template: name, description, key algorithm/size, signature algorithm, the subject
// (O, OU, L, ST, C) and the policy (minimum RSA key size, allowed key algorithms, allowed names, maximum SANs).
// Each field says under itself what is wrong (CsrTemplate::validate); Save stays disabled until all are fine.
// Save writes the template off the GUI thread and closes the dialog when it is stored.
class CsrTemplateDialog : public QDialog
{
    Q_OBJECT
public:
    // existingNames: the templates already stored (a new template must not reuse one of their names).
    // A template with a name edits that template (its name is fixed); an empty name creates a new one.
    CsrTemplateDialog(std::shared_ptr<store::Database> db, const CsrTemplate& initial, const QStringList& existingNames,
                      QWidget* parent = nullptr);

    CsrTemplate csrTemplate() const; // what the fields hold now
    bool isEditing() const { return m_editing; }
    bool isValid() const { return m_valid; }
    QString errorText() const;

    void accept() override;

Q_SIGNALS:
    void saved(const QString& name);

private:
    bool revalidate();
    void updateKeyChoices();

    std::shared_ptr<store::Database> m_db;
    QStringList m_existingNames;
    bool m_editing = false;
    bool m_valid = false;
    bool m_saving = false;
    QLineEdit* m_name = nullptr;
    FieldMessage* m_nameMessage = nullptr;
    QLineEdit* m_description = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    FieldMessage* m_keyAlgorithmMessage = nullptr;
    QComboBox* m_keySize = nullptr;
    FieldMessage* m_keySizeMessage = nullptr;
    QComboBox* m_signature = nullptr;
    FieldMessage* m_signatureMessage = nullptr;
    QMap<QString, QLineEdit*> m_subject; // "O", "OU", "L", "ST", "C"
    FieldMessage* m_subjectMessage = nullptr;
    QComboBox* m_minimumRsa = nullptr;
    FieldMessage* m_minimumRsaMessage = nullptr;
    QCheckBox* m_allowRsa = nullptr;
    QCheckBox* m_allowEc = nullptr;
    FieldMessage* m_allowedAlgorithmsMessage = nullptr;
    QLineEdit* m_allowedNames = nullptr;
    FieldMessage* m_allowedNamesMessage = nullptr;
    QSpinBox* m_maximumSans = nullptr;
    FieldMessage* m_maximumSansMessage = nullptr;
    FieldMessage* m_saveMessage = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace certdeck::ui
