#include "engine/domain/Job.h"

#include <iterator>

namespace certdeck {
namespace {

constexpr const char* kActionIds[] = {"initiate", "order", "issue",  "deploy",  "delete", "recheck-pinning",
                                      "rotate",   "rekey", "revoke", "suspend", "resume"};
constexpr const char* kStateIds[] = {"queued", "running",   "awaiting-validation", "succeeded",
                                     "failed", "cancelled", "rolled-back"};

template <typename Enum, std::size_t N>
bool fromId(const char* const (&ids)[N], const QString& id, Enum* out)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (id == QLatin1String(ids[i])) {
            *out = static_cast<Enum>(i);
            return true;
        }
    }
    return false;
}

} // namespace

QString jobActionId(JobAction action)
{
    return QString::fromLatin1(kActionIds[static_cast<int>(action)]);
}

bool jobActionFromId(const QString& id, JobAction* out)
{
    return fromId(kActionIds, id, out);
}

QString jobStateId(JobState state)
{
    return QString::fromLatin1(kStateIds[static_cast<int>(state)]);
}

bool jobStateFromId(const QString& id, JobState* out)
{
    return fromId(kStateIds, id, out);
}

bool isFinal(JobState state)
{
    return state == JobState::Succeeded || state == JobState::Failed || state == JobState::Cancelled ||
           state == JobState::RolledBack;
}

} // namespace certdeck
