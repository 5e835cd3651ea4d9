#pragma once

#include <QDialog>

class QCheckBox;
class QPushButton;

namespace certdeck::ui {

// Confirms [4] Delete: only the inventory entry is removed unless the operator also asks to remove the certificate
// and key files from the server. Cancel (Escape) is the default: nothing is deleted.
class DeleteCertificateDialog : public QDialog
{
    Q_OBJECT
public:
    // hasServer: the certificate has a deployment target, so "also remove from the server" can be offered.
    DeleteCertificateDialog(const QString& certificateName, bool hasServer, QWidget* parent = nullptr);

    bool removeFromServer() const;
    QPushButton* deleteButton() const { return m_delete; }

private:
    QCheckBox* m_removeFromServer = nullptr;
    QPushButton* m_delete = nullptr;
};

} // namespace certdeck::ui
