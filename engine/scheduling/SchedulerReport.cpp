#include "engine/scheduling/SchedulerReport.h"

#include <algorithm>

namespace certdeck::scheduling {

bool SchedulerAction::isFailure() const
{
    if (action == QLatin1String("drift-check")) {
        return false;
    }
    return state == QLatin1String("failed") || state == QLatin1String("error") || state == QLatin1String("rolled-back");
}

int SchedulerReport::failures() const
{
    return int(std::count_if(actions.cbegin(), actions.cend(), [](const SchedulerAction& a) { return a.isFailure(); }));
}

bool SchedulerReport::rolledBack() const
{
    return std::any_of(actions.cbegin(), actions.cend(),
                       [](const SchedulerAction& a) { return a.state == QLatin1String("rolled-back"); });
}

} // namespace certdeck::scheduling
