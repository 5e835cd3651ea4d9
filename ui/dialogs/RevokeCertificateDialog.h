#pragma once

#include <QDialog>

class QComboBox;
class QPushButton;

namespace certdeck::ui {

// Confirms revocation and asks for the RFC 5280 CRLReason (0-5; a hold is Suspend, not a revocation reason).
// Cancel (Escape) is the default: nothing is revoked.
class RevokeCertificateDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RevokeCertificateDialog(const QString& certificateName, QWidget* parent = nullptr);

    int reasonCode() const; // RFC 5280 CRLReason
    void setReasonCode(int code);
    QPushButton* revokeButton() const { return m_revoke; }

private:
    QComboBox* m_reason = nullptr;
    QPushButton* m_revoke = nullptr;
};

} // namespace certdeck::ui
