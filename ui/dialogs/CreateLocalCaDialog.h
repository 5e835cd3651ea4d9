#pragma once

#include "engine/ca/LocalCaAdmin.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace certdeck::ui {

class FieldMessage;

// Collects the built-in CA's specification (name, subject, key, validity). Creating it is the caller's job.
class CreateLocalCaDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateLocalCaDialog(QWidget* parent = nullptr);

    ca::LocalCaSpec spec() const;
    void setSpec(const ca::LocalCaSpec& spec);

private:
    void updateKeySizes();
    bool validate();

    QLineEdit* m_name = nullptr;
    QLineEdit* m_commonName = nullptr;
    QLineEdit* m_organization = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    QComboBox* m_keySize = nullptr;
    QSpinBox* m_rootDays = nullptr;
    QCheckBox* m_intermediate = nullptr;
    QSpinBox* m_intermediateDays = nullptr;
    FieldMessage* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace certdeck::ui
