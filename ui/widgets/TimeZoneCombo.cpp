#include "ui/widgets/TimeZoneCombo.h"

#include <QComboBox>
#include <QCompleter>
#include <QTimeZone>

namespace certdeck::ui {

QComboBox* makeTimeZoneCombo(QWidget* parent, const QString& objectName)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds();
    for (const QByteArray& id : ids) {
        combo->addItem(QString::fromUtf8(id));
    }
    if (combo->findText(QStringLiteral("UTC")) < 0) {
        combo->insertItem(0, QStringLiteral("UTC"));
    }
    combo->completer()->setFilterMode(Qt::MatchContains);
    combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    combo->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    return combo;
}

} // namespace certdeck::ui
