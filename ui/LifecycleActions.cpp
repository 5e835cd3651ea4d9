#include "ui/LifecycleActions.h"

#include "engine/ca/CaConnector.h"
#include "engine/ca/CaRegistry.h"
#include "engine/jobs/LifecycleService.h"
#include "models/CertificateTableModel.h"
#include "ui/DashboardWidget.h"
#include "ui/DisplayNames.h"
#include "ui/dialogs/DeleteCertificateDialog.h"
#include "ui/dialogs/RevokeCertificateDialog.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QToolButton>

namespace certdeck::ui {
namespace {

struct ActionInfo
{
    const char* objectName;
    QString text;
    QKeySequence shortcut;
    QStyle::StandardPixmap icon;
    QString description; // status tip when enabled
};

ActionInfo infoFor(JobAction action)
{
    const auto tr = [](const char* text) { return LifecycleActions::tr(text); };
    switch (action) {
    case JobAction::Initiate:
        return {"actionInitiate", tr("&Initiate"), QKeySequence(tr("Ctrl+Shift+I")), QStyle::SP_MediaPlay,
                tr("Bring the certificate into the managed lifecycle: apply its configuration and prepare issuance")};
    case JobAction::Order:
        return {"actionOrder", tr("&Order"), QKeySequence(tr("Ctrl+Shift+O")), QStyle::SP_DialogApplyButton,
                tr("Request a certificate from the configured CA (issued, not deployed)")};
    case JobAction::Deploy:
        return {"actionDeploy", tr("&Deploy"), QKeySequence(tr("Ctrl+Shift+D")), QStyle::SP_ArrowUp,
                tr("Install the issued certificate on its server through the provision bot")};
    case JobAction::Delete:
        return {"actionDelete", tr("De&lete..."), QKeySequence(QKeySequence::Delete), QStyle::SP_TrashIcon,
                tr("Remove the certificate from the inventory (and, if asked, from its server)")};
    case JobAction::RecheckPinning:
        return {"actionRecheckPinning", tr("Re-check &Pinning"), QKeySequence(tr("Ctrl+Shift+P")),
                QStyle::SP_BrowserReload, tr("Compare the certificate served by the endpoint with the inventory")};
    case JobAction::Rotate:
        return {"actionRotate", tr("Ro&tate..."), QKeySequence(tr("Ctrl+Shift+R")), QStyle::SP_BrowserReload,
                tr("Replace the certificate with a newly issued one and deploy it")};
    case JobAction::Rekey:
        return {"actionRekey", tr("Re&key..."), QKeySequence(tr("Ctrl+Shift+K")), QStyle::SP_DialogResetButton,
                tr("Generate a new key pair, issue a certificate for it and deploy it")};
    case JobAction::Revoke:
        return {"actionRevoke", tr("Re&voke..."), QKeySequence(), QStyle::SP_DialogCancelButton,
                tr("Invalidate the certificate at its CA")};
    case JobAction::Suspend:
        return {"actionSuspend", tr("&Suspend..."), QKeySequence(), QStyle::SP_MediaPause,
                tr("Put the certificate on hold at its CA (it can be resumed)")};
    case JobAction::Resume:
        return {"actionResume", tr("Res&ume"), QKeySequence(), QStyle::SP_MediaSeekForward,
                tr("Lift the hold: the certificate is valid again")};
    case JobAction::Issue:
        break;
    }
    return {"actionIssue", tr("I&ssue"), QKeySequence(), QStyle::SP_DialogApplyButton, QString()};
}

QString confirmationText(JobAction action, const QString& name)
{
    const QString n = name.toHtmlEscaped();
    switch (action) {
    case JobAction::Rotate:
        return LifecycleActions::tr("<p>Rotate <b>%1</b>?</p><p>A new CSR is generated, a new certificate is issued by "
                                    "its CA and deployed to the server, replacing the certificate in use now. The "
                                    "current files are backed up and restored if the deployment fails.</p>")
            .arg(n);
    case JobAction::Rekey:
        return LifecycleActions::tr("<p>Rekey <b>%1</b>?</p><p>A completely new key pair is generated, a certificate "
                                    "for the new key is issued by its CA and deployed to the server. The current key "
                                    "and certificate are no longer used.</p>")
            .arg(n);
    case JobAction::Suspend:
        return LifecycleActions::tr("<p>Suspend <b>%1</b>?</p><p>The issuing CA puts the certificate on hold: clients "
                                    "that check revocation stop trusting it until it is resumed.</p>")
            .arg(n);
    default:
        return LifecycleActions::tr("<p>%1 <b>%2</b>?</p>").arg(jobActionDisplayName(action), n);
    }
}

} // namespace

LifecycleActions::LifecycleActions(const UiServices& services, DashboardWidget* dashboard, QWidget* window)
    : QObject(window)
    , m_services(services)
    , m_dashboard(dashboard)
    , m_window(window)
    , m_menu(new QMenu(tr("&Action"), window))
{
    Q_ASSERT(m_services.lifecycle);
    setObjectName(QStringLiteral("lifecycleActions"));
    m_menu->setObjectName(QStringLiteral("actionMenu"));
    m_menu->setToolTipsVisible(true);
    createActions();

    connect(m_dashboard, &DashboardWidget::currentCertificateChanged, this, &LifecycleActions::onCurrentChanged);
    const models::CertificateTableModel* model = m_dashboard->model();
    connect(model, &QAbstractItemModel::dataChanged, this, &LifecycleActions::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, &LifecycleActions::updateActions);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &LifecycleActions::updateActions);
    connect(m_services.lifecycle, &jobs::LifecycleService::jobChanged, this, &LifecycleActions::onJobChanged);
    connect(m_services.lifecycle, &jobs::LifecycleService::certificateChanged, this, &LifecycleActions::refreshContext);

    QTableView* view = m_dashboard->view();
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, &LifecycleActions::showContextMenu);
    updateActions();
}

LifecycleActions::~LifecycleActions() = default;

void LifecycleActions::createActions()
{
    for (JobAction jobAction : dashboardActions()) {
        const ActionInfo info = infoFor(jobAction);
        auto* action = new QAction(m_window->style()->standardIcon(info.icon), info.text, m_window);
        action->setObjectName(QLatin1String(info.objectName));
        action->setShortcut(info.shortcut);
        action->setWhatsThis(info.description);
        action->setData(static_cast<int>(jobAction));
        connect(action, &QAction::triggered, this,
                [this, jobAction] { trigger(jobAction, m_dashboard->currentCertificateId()); });
        if (jobAction == JobAction::Delete || jobAction == JobAction::RecheckPinning ||
            jobAction == JobAction::Rotate || jobAction == JobAction::Revoke) {
            m_menu->addSeparator();
        }
        m_menu->addAction(action);
        m_actions.insert(jobAction, action);
        m_actionList.append(action);
    }
}

QToolButton* LifecycleActions::createToolButton(QWidget* parent) const
{
    auto* button = new QToolButton(parent);
    button->setObjectName(QStringLiteral("actionMenuButton"));
    button->setText(tr("Action"));
    button->setIcon(m_window->style()->standardIcon(QStyle::SP_FileDialogListView));
    button->setToolTip(tr("The lifecycle actions of the selected certificate"));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(m_menu);
    return button;
}

ActionContext LifecycleActions::contextFor(qint64 certificateId, bool* known) const
{
    ActionContext context;
    const auto it = m_cache.constFind(certificateId);
    const bool isKnown = it != m_cache.constEnd() && it->configKnown && it->jobsKnown;
    if (known) {
        *known = isKnown;
    }
    if (it == m_cache.constEnd()) {
        return context;
    }
    context.configured = it->configured;
    context.jobRunning = it->jobRunning;
    const int row = m_dashboard->model()->rowOf(certificateId);
    if (const CertificateRecord* record = m_dashboard->model()->recordAt(row)) {
        context.caCanSuspend = caCanSuspend(*record, *it);
    }
    return context;
}

bool LifecycleActions::caCanSuspend(const CertificateRecord& record, const Entry& entry) const
{
    if (!m_services.cas) {
        return false;
    }
    std::shared_ptr<ca::CaConnector> connector;
    if (const int colon = record.source.indexOf(QLatin1Char(':')); colon > 0) {
        connector = m_services.cas->find(record.source.left(colon), record.source.mid(colon + 1));
    }
    if (!connector && !entry.caType.isEmpty()) {
        connector = m_services.cas->find(entry.caType, entry.caConnectorName);
    }
    return connector && connector->supportsSuspend();
}

void LifecycleActions::onCurrentChanged(qint64 certificateId)
{
    if (certificateId != 0 && !m_cache.contains(certificateId)) {
        refreshContext(certificateId);
    }
    updateActions();
}

void LifecycleActions::refreshContext(qint64 certificateId)
{
    if (certificateId == 0) {
        return;
    }
    Entry& entry = m_cache[certificateId];
    const int configGeneration = ++entry.configGeneration;
    const int jobsGeneration = ++entry.jobsGeneration;
    const auto settled = [this, certificateId](const Entry& settledEntry) {
        if (settledEntry.configKnown && settledEntry.jobsKnown) {
            if (certificateId == m_dashboard->currentCertificateId()) {
                updateActions();
            }
            Q_EMIT contextChanged(certificateId);
        }
    };
    m_services.lifecycle->loadProvisioningConfig(
        certificateId, this, [this, certificateId, configGeneration, settled](Result<ProvisioningConfig> loaded) {
            auto it = m_cache.find(certificateId);
            if (it == m_cache.end() || it->configGeneration != configGeneration) {
                return; // a newer load is on its way
            }
            it->configKnown = true;
            it->configured = loaded.ok();
            it->caType = loaded.ok() ? loaded->caType : QString();
            it->caConnectorName = loaded.ok() ? loaded->caConnectorName : QString();
            settled(*it);
        });
    m_services.lifecycle->loadJobs(certificateId, this,
                                   [this, certificateId, jobsGeneration, settled](Result<QList<Job>> jobs) {
                                       auto it = m_cache.find(certificateId);
                                       if (it == m_cache.end() || it->jobsGeneration != jobsGeneration) {
                                           return;
                                       }
                                       it->jobsKnown = true;
                                       it->jobRunning = false;
                                       if (jobs.ok()) {
                                           for (const Job& job : jobs.value()) {
                                               it->jobRunning = it->jobRunning || !isFinal(job.state);
                                           }
                                       }
                                       settled(*it);
                                   });
}

void LifecycleActions::onJobChanged(const Job& job)
{
    auto it = m_cache.find(job.certificateId);
    if (it == m_cache.end()) {
        return;
    }
    if (!isFinal(job.state)) {
        it->jobRunning = true;
        it->jobsKnown = true;
        ++it->jobsGeneration; // a job list loaded before this step is older than it
        if (job.certificateId == m_dashboard->currentCertificateId()) {
            updateActions();
        }
        return;
    }
    refreshContext(job.certificateId); // another job may still run; the configuration may have changed
}

void LifecycleActions::updateActions()
{
    const CertificateRecord* record = m_dashboard->currentRecord();
    bool known = false;
    const ActionContext context = record ? contextFor(record->id, &known) : ActionContext{};
    for (QAction* action : std::as_const(m_actionList)) {
        const auto jobAction = static_cast<JobAction>(action->data().toInt());
        ActionState state;
        if (!record) {
            state.reason = tr("Select a certificate first.");
        } else if (!known) {
            state.reason = tr("Checking what this certificate allows...");
        } else {
            state = actionState(jobAction, *record, context);
        }
        action->setEnabled(state.enabled);
        QString tip = state.enabled ? action->whatsThis() : state.reason;
        action->setStatusTip(tip);
        if (!action->shortcut().isEmpty()) {
            tip += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
        }
        action->setToolTip(tip);
    }
}

QString LifecycleActions::nameOf(qint64 certificateId) const
{
    const CertificateRecord* record = m_dashboard->model()->recordAt(m_dashboard->model()->rowOf(certificateId));
    return record && !record->commonName.isEmpty() ? record->commonName : tr("certificate %1").arg(certificateId);
}

void LifecycleActions::showContextMenu(const QPoint& position)
{
    QTableView* view = m_dashboard->view();
    const QModelIndex index = view->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    const qint64 id = index.data(models::CertificateTableModel::CertificateIdRole).toLongLong();
    if (!m_dashboard->selectedCertificateIds().contains(id)) {
        m_dashboard->selectCertificate(id);
    }
    updateActions();
    m_menu->popup(view->viewport()->mapToGlobal(position));
}

void LifecycleActions::trigger(JobAction action, qint64 certificateId)
{
    if (certificateId == 0) {
        Q_EMIT statusMessage(tr("Select a certificate first."));
        return;
    }
    const CertificateRecord* record = m_dashboard->model()->recordAt(m_dashboard->model()->rowOf(certificateId));
    if (record) {
        bool known = false;
        const ActionContext context = contextFor(certificateId, &known);
        const ActionState state = actionState(action, *record, context);
        if (known && !state.enabled) {
            Q_EMIT statusMessage(tr("%1 is not possible for %2: %3")
                                     .arg(jobActionDisplayName(action), nameOf(certificateId), state.reason));
            return;
        }
    }
    const QString name = nameOf(certificateId);
    switch (action) {
    case JobAction::Delete:
        confirmDelete(certificateId, name);
        return;
    case JobAction::Revoke:
        confirmRevoke(certificateId, name);
        return;
    default:
        if (isDestructive(action)) {
            confirmOther(action, certificateId, name);
        } else {
            run(action, certificateId);
        }
        return;
    }
}

void LifecycleActions::confirmDelete(qint64 certificateId, const QString& name)
{
    const CertificateRecord* record = m_dashboard->model()->recordAt(m_dashboard->model()->rowOf(certificateId));
    const bool hasServer = record && !record->serverType.isEmpty();
    auto* dialog = new DeleteCertificateDialog(name, hasServer, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, certificateId] {
        QJsonObject params;
        if (dialog->removeFromServer()) {
            params.insert(QStringLiteral("removeFromServer"), true);
        }
        run(JobAction::Delete, certificateId, params);
    });
    dialog->open();
}

void LifecycleActions::confirmRevoke(qint64 certificateId, const QString& name)
{
    auto* dialog = new RevokeCertificateDialog(name, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, certificateId] {
        run(JobAction::Revoke, certificateId, QJsonObject{{QStringLiteral("reason"), dialog->reasonCode()}});
    });
    dialog->open();
}

void LifecycleActions::confirmOther(JobAction action, qint64 certificateId, const QString& name)
{
    const QString actionName = jobActionDisplayName(action);
    auto* box = new QMessageBox(QMessageBox::Question, tr("%1 Certificate").arg(actionName),
                                confirmationText(action, name), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("confirmActionBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    QPushButton* yes = box->addButton(actionName, QMessageBox::YesRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    QPushButton* no = box->addButton(QMessageBox::Cancel);
    no->setObjectName(QStringLiteral("cancelButton"));
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    connect(box, &QMessageBox::buttonClicked, this, [this, yes, action, certificateId](QAbstractButton* clicked) {
        if (clicked == yes) {
            run(action, certificateId);
        }
    });
    box->open();
}

void LifecycleActions::run(JobAction action, qint64 certificateId, const QJsonObject& params)
{
    if (certificateId == 0) {
        Q_EMIT statusMessage(tr("Select a certificate first."));
        return;
    }
    const QString name = nameOf(certificateId);
    const QString actionName = jobActionDisplayName(action);
    if (auto it = m_cache.find(certificateId); it != m_cache.end()) {
        it->jobRunning = true; // until the job's first step or its end says otherwise
        if (certificateId == m_dashboard->currentCertificateId()) {
            updateActions();
        }
    }
    Q_EMIT started(action, certificateId);
    Q_EMIT statusMessage(tr("%1 of %2 started...").arg(actionName, name));
    m_services.lifecycle->run(
        action, certificateId, params, this, [this, action, certificateId, name, actionName](Result<Job> outcome) {
            if (!outcome.ok()) {
                showFailure(actionName, tr("%1 of %2 failed: %3").arg(actionName, name, outcome.message()));
                refreshContext(certificateId);
                return;
            }
            const Job& job = outcome.value();
            switch (job.state) {
            case JobState::Succeeded:
                Q_EMIT statusMessage(job.message.isEmpty()
                                         ? tr("%1 of %2 succeeded.").arg(actionName, name)
                                         : tr("%1 of %2 succeeded: %3").arg(actionName, name, job.message));
                break;
            case JobState::RolledBack:
                showFailure(actionName,
                            tr("%1 of %2 failed and was rolled back: %3").arg(actionName, name, job.message));
                break;
            case JobState::Cancelled:
                Q_EMIT statusMessage(tr("%1 of %2 was cancelled.").arg(actionName, name));
                break;
            default:
                showFailure(actionName, tr("%1 of %2 failed: %3").arg(actionName, name, job.message));
                break;
            }
            if (action == JobAction::Delete && job.state == JobState::Succeeded) {
                m_cache.remove(certificateId);
            } else {
                refreshContext(certificateId);
            }
            Q_EMIT finished(job);
        });
}

void LifecycleActions::showFailure(const QString& title, const QString& message)
{
    Q_EMIT statusMessage(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal); // the console stays usable; the history keeps the reason too
    box->show();
    Q_EMIT failed(message);
}

} // namespace certdeck::ui
