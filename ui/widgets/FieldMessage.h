#pragma once

#include <QLabel>

namespace certdeck::ui {

// The validation message shown right below the field it is about; hidden while there is nothing to say.
class FieldMessage : public QLabel
{
    Q_OBJECT
public:
    explicit FieldMessage(const QString& objectName, QWidget* parent = nullptr);

    // Shows text (or hides when empty); returns true when the field is fine.
    bool setMessage(const QString& text);
};

} // namespace certdeck::ui
