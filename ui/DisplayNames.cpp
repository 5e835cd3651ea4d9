#include "ui/DisplayNames.h"

#include <QCoreApplication>

namespace certdeck::ui {

QString jobActionDisplayName(JobAction action)
{
    switch (action) {
    case JobAction::Initiate:
        return QCoreApplication::translate("JobAction", "Initiate");
    case JobAction::Order:
        return QCoreApplication::translate("JobAction", "Order");
    case JobAction::Issue:
        return QCoreApplication::translate("JobAction", "Issue");
    case JobAction::Deploy:
        return QCoreApplication::translate("JobAction", "Deploy");
    case JobAction::Delete:
        return QCoreApplication::translate("JobAction", "Delete");
    case JobAction::RecheckPinning:
        return QCoreApplication::translate("JobAction", "Re-check pinning");
    case JobAction::Rotate:
        return QCoreApplication::translate("JobAction", "Rotate");
    case JobAction::Rekey:
        return QCoreApplication::translate("JobAction", "Rekey");
    case JobAction::Revoke:
        return QCoreApplication::translate("JobAction", "Revoke");
    case JobAction::Suspend:
        return QCoreApplication::translate("JobAction", "Suspend");
    case JobAction::Resume:
        return QCoreApplication::translate("JobAction", "Resume");
    }
    return {};
}

QString jobStateDisplayName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QCoreApplication::translate("JobState", "Queued");
    case JobState::Running:
        return QCoreApplication::translate("JobState", "Running");
    case JobState::AwaitingValidation:
        return QCoreApplication::translate("JobState", "Awaiting validation");
    case JobState::Succeeded:
        return QCoreApplication::translate("JobState", "Succeeded");
    case JobState::Failed:
        return QCoreApplication::translate("JobState", "Failed");
    case JobState::Cancelled:
        return QCoreApplication::translate("JobState", "Cancelled");
    case JobState::RolledBack:
        return QCoreApplication::translate("JobState", "Rolled back");
    }
    return {};
}

QString caTypeDisplayName(const QString& caType)
{
    if (caType == QLatin1String("localca")) {
        return QCoreApplication::translate("CaType", "Built-in CA");
    }
    if (caType == QLatin1String("acme")) {
        return QCoreApplication::translate("CaType", "ACME");
    }
    return caType;
}

QString formatFingerprint(const QString& hex)
{
    QString out;
    const QString upper = hex.toUpper();
    for (int i = 0; i < upper.size(); i += 2) {
        if (!out.isEmpty()) {
            out += QLatin1Char(':');
        }
        out += upper.mid(i, 2);
    }
    return out;
}

} // namespace certdeck::ui
