#pragma once

#include <QDialog>

class QDialogButtonBox;
class QPushButton;
class QTreeWidget;

namespace certdeck::ca {
class AcmeAdmin;
class CaRegistry;
} // namespace certdeck::ca

namespace certdeck::ui {

class ActivityIndicator;
class FieldMessage;

// "ACME Connectors": the configured ACME connectors (CA, directory, account, contact) with Add and Remove.
// Removing asks first; certificates the connector issued stay in the inventory.
class AcmeConnectorsDialog : public QDialog
{
    Q_OBJECT
public:
    AcmeConnectorsDialog(ca::AcmeAdmin* admin, const ca::CaRegistry* cas, QWidget* parent = nullptr);

    QTreeWidget* list() const { return m_list; }
    QString errorText() const;

public Q_SLOTS:
    void reload();
    void removeConnector(const QString& name); // without asking (the Remove button asks, then calls this)

Q_SIGNALS:
    void loaded();
    void changed(const QString& message); // a connector was added or removed

private:
    void askAndRemove();
    void addConnector();
    void updateButtons();

    ca::AcmeAdmin* m_admin = nullptr;
    const ca::CaRegistry* m_cas = nullptr;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    FieldMessage* m_error = nullptr;
    ActivityIndicator* m_activity = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace certdeck::ui
