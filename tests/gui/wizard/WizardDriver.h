#pragma once

#include "engine/core/Result.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QString>

class QWidget;

namespace certdeck::jobs {
class LifecycleService;
}
namespace certdeck::ui {
class MainWindow;
class ProvisioningWizard;
} // namespace certdeck::ui

// Drives the provisioning wizard the way an operator does: by the object names of its fields.
namespace certdeck::test::wizard {

ui::ProvisioningWizard* open(ui::MainWindow& window, qint64 certificateId);
// Clicks Next; true when the wizard moved on (Next does nothing while the page is incomplete).
bool next(ui::ProvisioningWizard* wizard);
// Clicks Next until `pageId` is current; false (test failure message in `why`) when a page refuses.
bool goTo(ui::ProvisioningWizard* wizard, int pageId, QString* why = nullptr);
// Valid values on every page: nginx on the local bot, the built-in CA, shop.example.com with PEM files,
// no DCV, the default schedule.
void fillValid(ui::ProvisioningWizard* wizard);
void fillNginx(ui::ProvisioningWizard* wizard);
// Sets a field by object name: a QLineEdit's text, a QComboBox's item by data (else text; an editable combo's
// edit text), a QSpinBox value, a QDateEdit date ("+N"/"-N" days from today or ISO), a check box or radio button
// ("true"/"false"), a QGroupBox's check.
bool setField(QWidget* page, const QString& name, const QString& value);
QString message(QWidget* page, const QString& name);
// All messages shown on a page, for failure output.
QString allMessages(QWidget* page);
// Only when CERTDECK_SHOT_DIR is set (a run under Xvfb with QT_QPA_PLATFORM=xcb, for looking at the layout):
// waits until `window` is painted and saves the whole screen as <dir>/<name>.png with ImageMagick's import.
void screenshot(QWidget* window, const QString& name);
Result<ProvisioningConfig> loadConfig(jobs::LifecycleService& lifecycle, qint64 certificateId);

} // namespace certdeck::test::wizard
