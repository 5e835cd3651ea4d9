#include "ui/MainWindow.h"

#include "engine/domain/ProvisioningConfig.h"
#include "engine/jobs/LifecycleService.h"
#include "models/CertificateTableModel.h"
#include "ui/BotsView.h"
#include "ui/CaActions.h"
#include "ui/CertificateDetailsPane.h"
#include "ui/DashboardWidget.h"
#include "ui/DisplayNames.h"
#include "ui/LifecycleActions.h"
#include "ui/ValidationPanel.h"
#include "ui/ViewActions.h"
#include "ui/dialogs/BatchConfigureDialog.h"
#include "ui/dialogs/BulkConfigureDialog.h"
#include "ui/dialogs/CreateLocalCaDialog.h"
#include "ui/dialogs/CsrTemplatesDialog.h"
#include "ui/dialogs/NetworkDiscoveryDialog.h"
#include "ui/widgets/ActivityIndicator.h"
#include "ui/wizard/ProvisioningWizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <openssl/crypto.h>

#include <utility>

namespace certdeck::ui {
namespace {

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    }
    secret.clear();
}

// Defaults for a certificate that has no saved configuration yet: its own identity and key.
ProvisioningConfig configFromRecord(const CertificateRecord& record)
{
    ProvisioningConfig config;
    config.commonName = record.commonName;
    config.sans = record.sans;
    config.serverType = record.serverType;
    if (record.keyAlgorithm == QLatin1String("RSA") || record.keyAlgorithm == QLatin1String("EC")) {
        config.keyAlgorithm = record.keyAlgorithm;
        config.keySize = record.keyBits;
        config.signatureAlgorithm = record.keyAlgorithm == QLatin1String("EC") ? QStringLiteral("SHA256WithECDSA")
                                                                               : QStringLiteral("SHA256WithRSA");
    }
    return config;
}

} // namespace

MainWindow::MainWindow(const UiServices& services, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_dashboard(new DashboardWidget(this))
    , m_details(new CertificateDetailsPane(this))
    , m_activity(new ActivityIndicator(this))
    , m_statusLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
{
    Q_ASSERT(m_services.lifecycle);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CertDeck"));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_dashboard);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({920, 360});
    setCentralWidget(splitter);

    m_statusLabel->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_activity);
    m_countLabel->setObjectName(QStringLiteral("inventoryCount"));
    statusBar()->addPermanentWidget(m_countLabel);

    createActions();
    createMenusAndToolBar();

    connect(m_dashboard, &DashboardWidget::currentCertificateChanged, this, [this] {
        showCurrentDetails();
        updateActions();
    });
    connect(m_dashboard, &DashboardWidget::activated, this, &MainWindow::openProvisioningWizard);
    connect(m_services.lifecycle, &jobs::LifecycleService::jobChanged, this, &MainWindow::onJobChanged);
    ValidationPanel* validation = m_details->validationPanel();
    validation->setConfirmHandler(
        [lifecycle = m_services.lifecycle](qint64 jobId, QObject* context, std::function<void(Status)> done) {
            lifecycle->confirmValidation(jobId, context, std::move(done));
        });
    connect(m_services.lifecycle, &jobs::LifecycleService::jobChanged, validation, &ValidationPanel::updateJob);
    connect(validation, &ValidationPanel::statusMessage, this, &MainWindow::showStatus);
    connect(validation, &ValidationPanel::confirmed, this,
            [this] { showStatus(tr("Validation confirmed: the CA checks the names and the order continues.")); });
    // Jobs change certificates in bursts (Batch Configure over hundreds): the rows are reloaded together, at most
    // once per interval, in one inventory task and one model update.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(100);
    connect(m_reloadTimer, &QTimer::timeout, this, &MainWindow::reloadChangedCertificates);
    connect(m_services.lifecycle, &jobs::LifecycleService::certificateChanged, this, [this](qint64 certificateId) {
        m_changedCertificates.insert(certificateId);
        if (!m_reloadTimer->isActive()) {
            m_reloadTimer->start();
        }
    });
    connect(m_services.lifecycle, &jobs::LifecycleService::inventoryChanged, this, &MainWindow::refresh);

    readSettings();
    updateActions();
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QKeySequence& shortcut,
                             QStyle::StandardPixmap icon, const QString& tip) {
        auto* action = new QAction(style()->standardIcon(icon), text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setStatusTip(tip);
        action->setToolTip(
            QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("...")),
                                          shortcut.toString(QKeySequence::NativeText)));
        return action;
    };
    m_import =
        make(QStringLiteral("actionImport"), tr("&Import Certificate..."), QKeySequence(tr("Ctrl+I")),
             QStyle::SP_DialogOpenButton, tr("Import a PEM, DER or PKCS#12 certificate file into the inventory"));
    m_createCa = make(QStringLiteral("actionCreateCa"), tr("Create &Built-in CA..."), QKeySequence(tr("Ctrl+Shift+C")),
                      QStyle::SP_DriveHDIcon, tr("Create the private CA that issues certificates from this computer"));
    m_newCertificate = make(QStringLiteral("actionNewCertificate"), tr("&New Certificate..."), QKeySequence::New,
                            QStyle::SP_FileIcon, tr("Configure the provisioning of a new certificate"));
    m_provision = make(QStringLiteral("actionProvision"), tr("&Provision..."), QKeySequence(tr("Ctrl+P")),
                       QStyle::SP_FileDialogDetailedView,
                       tr("Configure provisioning for the selected certificate, or a new one when none is selected"));
    m_lifecycleActions = new LifecycleActions(m_services, m_dashboard, this);
    connect(m_lifecycleActions, &LifecycleActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_lifecycleActions, &LifecycleActions::failed, this, &MainWindow::errorShown);
    connect(m_lifecycleActions, &LifecycleActions::finished, this,
            [this](const Job& job) { reloadCertificate(job.certificateId); });
    m_refresh = make(QStringLiteral("actionRefresh"), tr("&Refresh"), QKeySequence::Refresh, QStyle::SP_BrowserReload,
                     tr("Reload the inventory"));
    m_quit = make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit, QStyle::SP_DialogCloseButton,
                  tr("Close CertDeck"));
    m_about = new QAction(tr("&About CertDeck"), this);

    connect(m_import, &QAction::triggered, this, &MainWindow::chooseAndImport);
    connect(m_createCa, &QAction::triggered, this, &MainWindow::chooseAndCreateCa);
    connect(m_newCertificate, &QAction::triggered, this, [this] { openProvisioningWizard(0); });
    connect(m_provision, &QAction::triggered, this,
            [this] { openProvisioningWizard(m_dashboard->currentCertificateId()); });
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_quit, &QAction::triggered, this, [this] {
        if (m_viewActions) {
            m_viewActions->quit(); // really quit, also in tray mode
        } else {
            close();
        }
    });
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About CertDeck"),
                           tr("CertDeck %1\nCertificate lifecycle management for one desktop or a team.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createMenusAndToolBar()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_import);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu* certificate = menuBar()->addMenu(tr("&Certificate"));
    certificate->addAction(m_newCertificate);
    certificate->addAction(m_provision);
    certificate->addAction(CsrTemplatesDialog::createAction(m_services.database, this));
    certificate->addSeparator();
    certificate->addActions(m_lifecycleActions->menu()->actions());
    certificate->addSeparator();
    certificate->addAction(
        BulkConfigureDialog::createAction(m_dashboard, m_services, this, [this](const QString& summary) {
            showStatus(summary);
            refresh();
        }));
    BatchConfigureDialog::install(this, m_dashboard, certificate, m_services.lifecycle);
    certificate->addSeparator();
    certificate->addAction(m_refresh);
    QMenu* ca = menuBar()->addMenu(tr("C&A"));
    ca->addAction(m_createCa);
    m_caActions = new CaActions(m_services.localCaAdmin, m_services.cas, this, m_services.acmeAdmin);
    connect(m_caActions, &CaActions::statusMessage, this, &MainWindow::showStatus);
    ca->addAction(m_caActions->addAcmeConnector());
    ca->addAction(m_caActions->acmeConnectors());
    ca->addSeparator();
    ca->addAction(m_caActions->exportCertificates());
    ca->addAction(m_caActions->publishCrl());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
    m_viewActions = new ViewActions(this, m_services.database, m_services.notifier);
    connect(m_viewActions, &ViewActions::statusMessage, this, &MainWindow::showStatus);
    connect(m_viewActions, &ViewActions::inventoryChanged, this, &MainWindow::refresh);

    QToolBar* toolBar = addToolBar(tr("Actions"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_import);
    toolBar->addAction(m_newCertificate);
    toolBar->addAction(m_provision);
    toolBar->addSeparator();
    toolBar->addWidget(m_lifecycleActions->createToolButton(toolBar));
    toolBar->addSeparator();
    toolBar->addAction(m_createCa);
    toolBar->addAction(m_refresh);
    m_viewActions->install(help, toolBar);
    m_viewActions->installDashboard(m_dashboard, file, m_quit); // Export View as CSV, Expiry Overview
    connect(BotsView::install(this, m_services.bots, findChild<QMenu*>(QStringLiteral("menuView"))),
            &BotsView::statusMessage, this, &MainWindow::showStatus);  // View > Bots
    if (QMenu* view = findChild<QMenu*>(QStringLiteral("menuView"))) { // View > Discover Network...
        view->addAction(NetworkDiscoveryDialog::createAction(m_services.database, this, [this] { refresh(); }));
    }
}

void MainWindow::updateActions()
{
    m_createCa->setEnabled(m_services.localCaAdmin != nullptr);
    if (!m_services.localCaAdmin) {
        m_createCa->setStatusTip(tr("The built-in CA is not available in this build."));
    }
}

QAction* MainWindow::issueAction() const
{
    return m_lifecycleActions->action(JobAction::Order);
}

QAction* MainWindow::deployAction() const
{
    return m_lifecycleActions->action(JobAction::Deploy);
}

QAction* MainWindow::addAcmeConnectorAction() const
{
    return m_caActions->addAcmeConnector();
}

QAction* MainWindow::acmeConnectorsAction() const
{
    return m_caActions->acmeConnectors();
}

ProvisioningWizard* MainWindow::openWizard() const
{
    return m_wizard.data();
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

void MainWindow::showStatus(const QString& message)
{
    m_statusLabel->setText(message);
}

void MainWindow::showError(const QString& title, const QString& message)
{
    showStatus(message);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, does not spin a nested event loop
    Q_EMIT errorShown(message);
}

void MainWindow::refresh()
{
    const int token = m_activity->beginBusy(tr("Loading inventory..."));
    const quint64 generation = ++m_refreshGeneration;
    if (m_dashboard->model()->rowCount() == 0) {
        loadInventoryPaged(token, generation);
        return;
    }
    m_services.lifecycle->loadCertificates(this, [this, token](Result<QList<CertificateRecord>> loaded) {
        m_activity->endBusy(token);
        if (!loaded.ok()) {
            showError(tr("Inventory"), tr("The inventory could not be loaded: %1").arg(loaded.message()));
            return;
        }
        const qint64 selected = m_selectAfterRefresh != 0 ? m_selectAfterRefresh : m_dashboard->currentCertificateId();
        m_dashboard->model()->setRecords(loaded.value());
        if (selected != 0) {
            m_dashboard->selectCertificate(selected);
        }
        if (m_dashboard->model()->rowOf(m_selectAfterRefresh) >= 0) {
            m_selectAfterRefresh = 0;
        }
        m_countLabel->setText(tr("%n certificate(s)", nullptr, m_dashboard->model()->rowCount()));
        Q_EMIT refreshed();
    });
}

void MainWindow::loadInventoryPaged(int token, quint64 generation)
{
    // An empty dashboard (the start): the certificates that expire first (the default order) are shown before the
    // rest of a large inventory is read.
    constexpr int firstPage = 200;
    const auto failed = [this](const QString& message) {
        showError(tr("Inventory"), tr("The inventory could not be loaded: %1").arg(message));
    };
    m_services.lifecycle->loadCertificatesPaged(
        firstPage, this,
        [this, generation, failed](Result<QList<CertificateRecord>> first) {
            if (generation != m_refreshGeneration) {
                return; // a newer refresh replaced this one
            }
            if (!first.ok()) {
                ++m_refreshGeneration; // the rest is not shown either
                failed(first.message());
                return;
            }
            m_dashboard->model()->setRecords(first.value());
            m_countLabel->setText(tr("Loading inventory..."));
        },
        [this, token, generation, failed](Result<QList<CertificateRecord>> rest) {
            m_activity->endBusy(token); // the second part always comes, also after a newer refresh or a failure
            if (generation != m_refreshGeneration) {
                return;
            }
            if (!rest.ok()) {
                failed(rest.message());
                return;
            }
            const qint64 selected =
                m_selectAfterRefresh != 0 ? m_selectAfterRefresh : m_dashboard->currentCertificateId();
            m_dashboard->model()->appendRecords(std::move(rest.value()));
            if (selected != 0) {
                m_dashboard->selectCertificate(selected);
            }
            if (m_dashboard->model()->rowOf(m_selectAfterRefresh) >= 0) {
                m_selectAfterRefresh = 0;
            }
            m_countLabel->setText(tr("%n certificate(s)", nullptr, m_dashboard->model()->rowCount()));
            Q_EMIT refreshed();
        });
}

void MainWindow::reloadCertificate(qint64 certificateId)
{
    m_services.lifecycle->loadCertificate(certificateId, this, [this, certificateId](Result<CertificateRecord> loaded) {
        if (!loaded.ok()) {
            if (loaded.error().kind == QLatin1String("notFound")) {
                m_dashboard->model()->remove(certificateId);
            } else {
                showStatus(tr("The certificate could not be reloaded: %1").arg(loaded.message()));
            }
            return;
        }
        m_dashboard->model()->upsert(loaded.value());
        if (m_selectAfterRefresh == certificateId) {
            m_selectAfterRefresh = 0;
            m_dashboard->selectCertificate(certificateId);
        }
        if (m_dashboard->currentCertificateId() == certificateId) {
            showCurrentDetails();
        }
    });
}

void MainWindow::reloadChangedCertificates()
{
    const QList<qint64> ids(m_changedCertificates.cbegin(), m_changedCertificates.cend());
    m_changedCertificates.clear();
    if (ids.size() == 1) {
        reloadCertificate(ids.first());
        return;
    }
    if (ids.isEmpty()) {
        return;
    }
    m_services.lifecycle->loadCertificatesById(ids, this, [this, ids](Result<QList<CertificateRecord>> loaded) {
        if (!loaded.ok()) {
            showStatus(tr("The certificates could not be reloaded: %1").arg(loaded.message()));
            return;
        }
        QSet<qint64> found;
        for (const CertificateRecord& record : loaded.value()) {
            found.insert(record.id);
        }
        for (const qint64 id : ids) {
            if (!found.contains(id)) {
                m_dashboard->model()->remove(id); // deleted meanwhile
            }
        }
        m_dashboard->model()->upsertMany(loaded.value());
        if (m_selectAfterRefresh != 0 && found.contains(m_selectAfterRefresh)) {
            m_dashboard->selectCertificate(std::exchange(m_selectAfterRefresh, 0));
        }
        if (found.contains(m_dashboard->currentCertificateId())) {
            showCurrentDetails();
        }
    });
}

void MainWindow::showCurrentDetails()
{
    const CertificateRecord* record = m_dashboard->currentRecord();
    if (!record) {
        m_details->clear();
        return;
    }
    m_details->setCertificate(*record);
    loadJobs(record->id);
}

void MainWindow::loadJobs(qint64 certificateId)
{
    m_services.lifecycle->loadJobs(certificateId, this, [this, certificateId](Result<QList<Job>> jobs) {
        if (m_details->certificateId() != certificateId) {
            return; // the selection moved on
        }
        if (jobs.ok()) {
            m_details->setJobs(jobs.value());
        } else {
            m_details->setJobsMessage(tr("The job history could not be loaded: %1").arg(jobs.message()));
        }
    });
}

void MainWindow::onJobChanged(const Job& job)
{
    const int row = m_dashboard->model()->rowOf(job.certificateId);
    const CertificateRecord* record = m_dashboard->model()->recordAt(row);
    const QString name = record ? record->commonName : tr("certificate %1").arg(job.certificateId);
    m_activity->updateJob(job, name);
    if (!isFinal(job.state)) {
        showStatus(tr("%1 %2: %3 (%4%)").arg(jobActionDisplayName(job.action), name, job.step).arg(job.progress));
    }
    if (m_details->certificateId() == job.certificateId) {
        loadJobs(job.certificateId);
    }
}

void MainWindow::runAction(JobAction action, qint64 certificateId)
{
    m_lifecycleActions->run(action, certificateId); // without asking: the caller confirmed
}

void MainWindow::chooseAndImport()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Certificate"), QString(),
                                     tr("Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    QByteArray password;
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("p12") || suffix == QLatin1String("pfx")) {
        bool ok = false;
        QString text =
            QInputDialog::getText(this, tr("PKCS#12 Password"), tr("Password of %1:").arg(QFileInfo(path).fileName()),
                                  QLineEdit::Password, QString(), &ok);
        if (!ok) {
            return;
        }
        password = text.toUtf8();
        text.fill(QLatin1Char('\0'));
    }
    importCertificateFile(path, password);
    wipe(password);
}

void MainWindow::importCertificateFile(const QString& path, const QByteArray& pkcs12Password)
{
    const QString fileName = QFileInfo(path).fileName();
    const int token = m_activity->beginBusy(tr("Importing %1...").arg(fileName));
    m_services.lifecycle->importCertificateFile(
        path, pkcs12Password, this, [this, token, fileName](Result<qint64> imported) {
            m_activity->endBusy(token);
            if (!imported.ok()) {
                showError(tr("Import Certificate"),
                          tr("%1 could not be imported: %2").arg(fileName, imported.message()));
                return;
            }
            m_selectAfterRefresh = imported.value();
            showStatus(tr("Imported %1.").arg(fileName));
            reloadCertificate(imported.value());
        });
}

void MainWindow::chooseAndCreateCa()
{
    auto* dialog = new CreateLocalCaDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { createLocalCa(dialog->spec()); });
    dialog->open();
}

void MainWindow::createLocalCa(const ca::LocalCaSpec& spec)
{
    if (!m_services.localCaAdmin) {
        showError(tr("Create Built-in CA"), tr("The built-in CA is not available in this build."));
        return;
    }
    const int token = m_activity->beginBusy(tr("Creating built-in CA %1...").arg(spec.name));
    m_services.localCaAdmin->create(spec, this, [this, token, name = spec.name](Result<ca::LocalCaInfo> created) {
        m_activity->endBusy(token);
        if (!created.ok()) {
            showError(tr("Create Built-in CA"),
                      tr("The built-in CA %1 could not be created: %2").arg(name, created.message()));
            return;
        }
        showStatus(tr("Built-in CA %1 created (%2).").arg(created->name, created->subject));
    });
}

void MainWindow::openProvisioningWizard(qint64 certificateId)
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return;
    }
    const auto open = [this](qint64 id, const ProvisioningConfig& config) {
        auto* wizard = new ProvisioningWizard(m_services, id, config, this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(wizard, &ProvisioningWizard::saved, this, [this](qint64 savedId) {
            m_selectAfterRefresh = savedId;
            showStatus(tr("Provisioning configuration saved."));
            reloadCertificate(savedId);
        });
        m_wizard = wizard;
        wizard->open();
    };
    if (certificateId == 0) {
        open(0, ProvisioningConfig{});
        return;
    }
    const CertificateRecord* record = m_dashboard->model()->recordAt(m_dashboard->model()->rowOf(certificateId));
    const ProvisioningConfig defaults = record ? configFromRecord(*record) : ProvisioningConfig{};
    m_services.lifecycle->loadProvisioningConfig(
        certificateId, this, [this, certificateId, defaults, open](Result<ProvisioningConfig> loaded) {
            if (loaded.ok()) {
                open(certificateId, loaded.value());
            } else if (loaded.error().kind == QLatin1String("notFound")) {
                open(certificateId, defaults);
            } else {
                showError(tr("Provision"),
                          tr("The provisioning configuration could not be loaded: %1").arg(loaded.message()));
            }
        });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_viewActions && m_viewActions->hideOnClose()) {
        writeSettings();
        hide(); // keeps running in the tray (View > Keep Running in the Tray)
        event->ignore();
        return;
    }
    writeSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(1280, 800); // first start: room for the table's columns and the details pane
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter"))) {
        splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    }
    m_dashboard->restoreHeaderState(settings.value(QStringLiteral("dashboard/header")).toByteArray());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (auto* splitter = findChild<QSplitter*>(QStringLiteral("mainSplitter"))) {
        settings.setValue(QStringLiteral("mainWindow/splitter"), splitter->saveState());
    }
    settings.setValue(QStringLiteral("dashboard/header"), m_dashboard->saveHeaderState());
}

} // namespace certdeck::ui
