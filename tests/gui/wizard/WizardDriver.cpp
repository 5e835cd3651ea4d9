#include "tests/gui/wizard/WizardDriver.h"

#include "engine/jobs/LifecycleService.h"
#include "tests/support/WidgetLookup.h"
#include "ui/MainWindow.h"
#include "ui/widgets/FieldMessage.h"
#include "ui/wizard/DcvPage.h"
#include "ui/wizard/DeploymentDetailsPage.h"
#include "ui/wizard/ProvisioningWizard.h"
#include "ui/wizard/SchedulePage.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QLineEdit>
#include <QProcess>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>

#include <optional>

namespace certdeck::test::wizard {

ui::ProvisioningWizard* open(ui::MainWindow& window, qint64 certificateId)
{
    window.openProvisioningWizard(certificateId);
    (void)QTest::qWaitFor([&] { return window.openWizard() != nullptr; }, 10000);
    return window.openWizard();
}

bool next(ui::ProvisioningWizard* wizard)
{
    const int before = wizard->currentId();
    wizard->button(QWizard::NextButton)->click();
    return wizard->currentId() != before;
}

bool goTo(ui::ProvisioningWizard* wizard, int pageId, QString* why)
{
    while (wizard->currentId() < pageId) {
        if (!next(wizard)) {
            if (why) {
                *why = QStringLiteral("page %1 refused: %2")
                           .arg(wizard->currentId())
                           .arg(allMessages(wizard->currentPage()));
            }
            return false;
        }
    }
    return wizard->currentId() == pageId;
}

void fillNginx(ui::ProvisioningWizard* wizard)
{
    QWidget* page = wizard->deploymentPage();
    setField(page, QStringLiteral("serverType"), QStringLiteral("nginx"));
    auto* deployment = wizard->deploymentPage();
    const QList<QPair<QString, QString>> values{
        {QStringLiteral("certificateFile"), QStringLiteral("/etc/nginx/tls/shop.pem")},
        {QStringLiteral("keyFile"), QStringLiteral("/etc/nginx/tls/shop.key")},
        {QStringLiteral("configFile"), QStringLiteral("/etc/nginx/nginx.conf")}};
    for (const auto& [id, value] : values) {
        if (auto* edit = qobject_cast<QLineEdit*>(deployment->fieldEditor(id))) {
            edit->setText(value);
        }
    }
    setField(page, QStringLiteral("endpointHost"), QStringLiteral("127.0.0.1"));
}

void fillValid(ui::ProvisioningWizard* wizard)
{
    fillNginx(wizard);
    QWidget* csr = wizard->page(ui::ProvisioningWizard::CsrPageId);
    setField(csr, QStringLiteral("csrFullOverride"), QStringLiteral("true"));
    setField(csr, QStringLiteral("commonName"), QStringLiteral("shop.example.com"));
    setField(csr, QStringLiteral("sans"), QStringLiteral("www.shop.example.com"));
    setField(csr, QStringLiteral("keyStoreType"), QStringLiteral("PEM"));
}

bool setField(QWidget* page, const QString& name, const QString& value)
{
    QWidget* widget = page->findChild<QWidget*>(name);
    if (!widget) {
        qWarning("no field %s", qPrintable(name));
        return false;
    }
    if (auto* line = qobject_cast<QLineEdit*>(widget)) {
        line->setText(value);
    } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        int index = value.isEmpty() ? -1 : combo->findData(value);
        if (value.isEmpty()) {
            for (int i = 0; i < combo->count(); ++i) {
                const QVariant data = combo->itemData(i);
                if (data.typeId() == QMetaType::QString && data.toString().isEmpty()) {
                    index = i; // a placeholder such as "Select a server type" or "(no template)"
                }
            }
            combo->setCurrentIndex(index);
            return true;
        }
        bool numeric = false;
        const int number = value.toInt(&numeric);
        if (index < 0 && numeric) {
            index = combo->findData(number);
        }
        if (index < 0 && !value.isEmpty()) {
            index = combo->findText(value);
        }
        if (index < 0 && combo->isEditable()) {
            combo->setEditText(value);
        } else {
            combo->setCurrentIndex(index);
        }
    } else if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
        spin->setValue(value.toInt());
    } else if (auto* date = qobject_cast<QDateEdit*>(widget)) {
        const bool relative = value.startsWith(QLatin1Char('+')) || value.startsWith(QLatin1Char('-'));
        date->setDate(relative ? QDate::currentDate().addDays(value.toInt()) : QDate::fromString(value, Qt::ISODate));
    } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
        button->setChecked(value == QLatin1String("true"));
    } else if (auto* group = qobject_cast<QGroupBox*>(widget)) {
        group->setChecked(value == QLatin1String("true"));
    } else {
        qWarning("field %s has an unknown kind", qPrintable(name));
        return false;
    }
    return true;
}

QString message(QWidget* page, const QString& name)
{
    return shownMessage(page, qPrintable(name));
}

QString allMessages(QWidget* page)
{
    QStringList texts;
    const auto messages = page->findChildren<ui::FieldMessage*>();
    for (const ui::FieldMessage* label : messages) {
        if (!label->isHidden() && !label->text().isEmpty()) {
            texts << QStringLiteral("%1: %2").arg(label->objectName(), label->text());
        }
    }
    return texts.join(QStringLiteral(" | "));
}

void screenshot(QWidget* window, const QString& name)
{
    const QString dir = qEnvironmentVariable("CERTDECK_SHOT_DIR");
    if (dir.isEmpty()) {
        return;
    }
    window->show();
    window->raise();
    window->activateWindow();
    (void)QTest::qWaitForWindowExposed(window);
    QTest::qWait(500); // a manual layout check, not an assertion: let the window manager-less X server paint
    const int code = QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"),
                                                                  QStringLiteral("%1/%2.png").arg(dir, name)});
    if (code != 0) {
        qWarning("import failed for %s", qPrintable(name));
    }
}

Result<ProvisioningConfig> loadConfig(jobs::LifecycleService& lifecycle, qint64 certificateId)
{
    std::optional<Result<ProvisioningConfig>> loaded;
    QObject context;
    lifecycle.loadProvisioningConfig(certificateId, &context,
                                     [&](Result<ProvisioningConfig> result) { loaded = std::move(result); });
    (void)QTest::qWaitFor([&] { return loaded.has_value(); }, 20000);
    return loaded ? *loaded : Result<ProvisioningConfig>(fail(QStringLiteral("timed out loading the configuration")));
}

} // namespace certdeck::test::wizard
