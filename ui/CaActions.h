#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace certdeck::ca {
class AcmeAdmin;
class CaRegistry;
class LocalCaAdmin;
} // namespace certdeck::ca

namespace certdeck::ui {

// The CA menu's actions besides creating the built-in CA: export the built-in CA's certificate(s) as a trust
// anchor, publish its current CRL to a file, and add, list and remove ACME connectors.
class CaActions : public QObject
{
    Q_OBJECT
public:
    // The built-in CAs to choose from are the registry's "localca" connectors (no inventory read).
    // acme null: the ACME actions are disabled.
    CaActions(ca::LocalCaAdmin* admin, const ca::CaRegistry* cas, QWidget* window, ca::AcmeAdmin* acme = nullptr);

    QAction* exportCertificates() const { return m_export; }
    QAction* publishCrl() const { return m_publishCrl; }
    QAction* addAcmeConnector() const { return m_addAcme; }
    QAction* acmeConnectors() const { return m_acmeConnectors; }

Q_SIGNALS:
    void statusMessage(const QString& message); // what happened (an ACME connector was added or removed)

private:
    // Asks which CA when there are several; empty when there is none or the operator cancelled.
    QString chooseCa(const QString& title);
    void exportCa();
    void publishCrlFile();
    void openAddAcmeConnector();
    void openAcmeConnectors();

    ca::LocalCaAdmin* m_admin = nullptr;
    const ca::CaRegistry* m_cas = nullptr;
    QWidget* m_window = nullptr;
    QAction* m_export = nullptr;
    QAction* m_publishCrl = nullptr;
    ca::AcmeAdmin* m_acme = nullptr;
    QAction* m_addAcme = nullptr;
    QAction* m_acmeConnectors = nullptr;
};

} // namespace certdeck::ui
