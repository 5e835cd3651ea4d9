#include "ui/widgets/FieldMessage.h"

namespace certdeck::ui {

FieldMessage::FieldMessage(const QString& objectName, QWidget* parent)
    : QLabel(parent)
{
    setObjectName(objectName);
    setWordWrap(true);
    setStyleSheet(QStringLiteral("color: #b00020;"));
    setTextFormat(Qt::PlainText);
    setVisible(false);
}

bool FieldMessage::setMessage(const QString& text)
{
    setText(text);
    setVisible(!text.isEmpty());
    return text.isEmpty();
}

} // namespace certdeck::ui
