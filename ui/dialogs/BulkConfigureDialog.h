#pragma once

#include "engine/jobs/BulkConfiguration.h"
#include "ui/UiServices.h"

#include <QDialog>
#include <QList>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimeEdit;
class QTimer;

namespace certdeck::ui {

class DashboardWidget;

// Bulk Configure (spec "Bulk Configure"): one set of settings for many selected certificates. A checkbox per
// settings group enables that group's fields; a live preview says what will change for how many certificates;
// Save stores all of them in one transaction (nothing on any error) and shows the result. Runs no action.
class BulkConfigureDialog : public QDialog
{
    Q_OBJECT
public:
    BulkConfigureDialog(const QList<qint64>& certificateIds, const UiServices& services, QWidget* parent = nullptr);
    ~BulkConfigureDialog() override;

    // The "Bulk Configure..." action for `window`: a button in the dashboard's selection bar, enabled while two or
    // more certificates are selected, opening the dialog for them. `saved` receives the result summary.
    static QAction* createAction(DashboardWidget* dashboard, const UiServices& services, QWidget* window,
                                 std::function<void(const QString&)> saved);

    // What the fields say now.
    jobs::BulkConfiguration configuration() const;
    QStringList problems() const;
    QString previewText() const;
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void loaded();                           // the selection was read; the preview is live
    void saved(const QString& summary);      // stored in one transaction
    void saveFailed(const QString& message); // nothing stored

private:
    QGroupBox* makeGroup(const char* name, const QString& title, const QString& tip);
    QWidget* buildCsrGroup();
    QWidget* buildCaGroup();
    QWidget* buildDcvGroup();
    QWidget* buildRenewalGroup();
    QWidget* buildDeploymentGroup();
    QWidget* buildRollbackGroup();
    QWidget* buildTargetGroup();
    void updateKeyChoices();
    void applyTemplateKey();
    void updateConnectors();
    void scheduleUpdate();
    void updatePreview();
    void load();
    void save();
    void showResult(const QString& text, bool error);
    jobs::BulkCheckContext checkContext() const;

    QList<qint64> m_ids;
    UiServices m_services;
    jobs::BulkConfigurator* m_configurator = nullptr;
    QList<jobs::BulkTarget> m_targets;
    QList<qint64> m_botIds;
    bool m_loaded = false;
    bool m_saving = false;
    QTimer* m_updateTimer = nullptr;

    QGroupBox* m_csrGroup = nullptr;
    QComboBox* m_certificateType = nullptr;
    QComboBox* m_csrMode = nullptr;
    QComboBox* m_keyAlgorithm = nullptr;
    QComboBox* m_keySize = nullptr;
    QComboBox* m_signatureAlgorithm = nullptr;
    QComboBox* m_csrTemplate = nullptr;               // "(no template)" or a template of csr_templates
    std::optional<QList<CsrTemplate>> m_csrTemplates; // once loaded

    QGroupBox* m_caGroup = nullptr;
    QComboBox* m_caType = nullptr;
    QComboBox* m_connector = nullptr;

    QGroupBox* m_dcvGroup = nullptr;
    QCheckBox* m_dcvEnabled = nullptr;
    QComboBox* m_dcvMethod = nullptr;
    QLineEdit* m_dcvPath = nullptr;

    QGroupBox* m_renewalGroup = nullptr;
    QCheckBox* m_renewalEnabled = nullptr;
    QRadioButton* m_renewDays = nullptr;
    QRadioButton* m_renewOnDate = nullptr;
    QSpinBox* m_renewWithin = nullptr;
    QDateEdit* m_renewalDate = nullptr;
    QComboBox* m_renewalFrequency = nullptr;
    QTimeEdit* m_renewalTime = nullptr;
    QComboBox* m_renewalZone = nullptr;

    QGroupBox* m_deploymentGroup = nullptr;
    QCheckBox* m_deploymentEnabled = nullptr;
    QRadioButton* m_deployImmediately = nullptr;
    QRadioButton* m_deployOnDate = nullptr;
    QDateEdit* m_deploymentDate = nullptr;
    QTimeEdit* m_deploymentTime = nullptr;
    QComboBox* m_deploymentZone = nullptr;
    QComboBox* m_deploymentFrequency = nullptr;

    QGroupBox* m_rollbackGroup = nullptr;
    QCheckBox* m_rollback = nullptr;

    QGroupBox* m_targetGroup = nullptr;
    QComboBox* m_bot = nullptr;
    QComboBox* m_serverType = nullptr;

    QLabel* m_problems = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_result = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace certdeck::ui
