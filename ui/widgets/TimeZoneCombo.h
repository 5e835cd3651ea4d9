#pragma once

#include <QString>

class QComboBox;
class QWidget;

namespace certdeck::ui {

// An editable combo box of the IANA time zones this system knows (UTC first if missing), completing on any part
// of the name ("Berlin" finds Europe/Berlin). The schedule step of the wizard and Bulk Configure use it.
QComboBox* makeTimeZoneCombo(QWidget* parent, const QString& objectName);

} // namespace certdeck::ui
