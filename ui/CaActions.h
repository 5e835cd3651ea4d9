#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace certdeck::ca {
class CaRegistry;
class LocalCaAdmin;
} // namespace certdeck::ca

namespace certdeck::ui {

// The CA menu's distribution actions for the built-in CA: export the CA certificate(s) as a trust anchor and
// publish the current CRL to a file.
class CaActions : public QObject
{
    Q_OBJECT
public:
    // The built-in CAs to choose from are the registry's "localca" connectors (no inventory read).
    CaActions(ca::LocalCaAdmin* admin, const ca::CaRegistry* cas, QWidget* window);

    QAction* exportCertificates() const { return m_export; }
    QAction* publishCrl() const { return m_publishCrl; }

private:
    // Asks which CA when there are several; empty when there is none or the operator cancelled.
    QString chooseCa(const QString& title);
    void exportCa();
    void publishCrlFile();

    ca::LocalCaAdmin* m_admin = nullptr;
    const ca::CaRegistry* m_cas = nullptr;
    QWidget* m_window = nullptr;
    QAction* m_export = nullptr;
    QAction* m_publishCrl = nullptr;
};

} // namespace certdeck::ui
