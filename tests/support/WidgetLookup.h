#pragma once

#include <QLabel>
#include <QString>
#include <QWidget>

namespace certdeck::test {

// The named child widget of `parent` (objectName), or null with a warning naming it: GUI tests find the
// console's fields by the object names the UI gives them.
template <typename T>
T* child(QWidget* parent, const char* name)
{
    auto* widget = parent->findChild<T*>(QLatin1String(name));
    if (!widget) {
        qWarning("no child %s", name);
    }
    return widget;
}

// The text of a named message label while it is shown; empty when it is hidden or missing.
inline QString shownMessage(QWidget* parent, const char* name)
{
    auto* label = child<QLabel>(parent, name);
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace certdeck::test
