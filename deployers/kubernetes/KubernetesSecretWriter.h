#pragma once

#include "deployers/kubernetes/KubernetesApi.h"
#include "deployers/kubernetes/KubernetesSecret.h"
#include "engine/core/Result.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <functional>
#include <optional>

namespace certdeck::deployers {

// What a Secret is to hold after a write: a type and data, and (for a restore) the annotations and labels it had.
struct KubernetesSecretContent
{
    QString type;
    QMap<QString, QByteArray> data;
    std::optional<QJsonObject> annotations; // nullopt: keep the Secret's own
    std::optional<QJsonObject> labels;

    static KubernetesSecretContent of(const KubernetesSecret& secret) // everything a backup restores
    {
        return {secret.type, secret.data, secret.annotations, secret.labels};
    }
};

// Writes one Secret with the API's optimistic concurrency (API concepts, "Resource versions" and "Conflicts"): read
// it, let `guard` decide on what was read (refuse a managed Secret, record the backup), then create it or replace it
// with the resourceVersion read; when the API answers 409 Conflict (someone wrote it in between) read it again and
// try again, kAttempts times in all. Every attempt calls `guard` with what it read, so a backup never holds a version
// older than the one replaced.
class KubernetesSecretWriter
{
public:
    static constexpr int kAttempts = 4;
    using Guard = std::function<Status(const std::optional<KubernetesSecret>& current)>;

    // desired nullopt: delete the Secret (with preconditions.resourceVersion). The result is the Secret as the API
    // stored it (nullopt after a delete). `steps` gets one line per write and per conflict.
    static Result<std::optional<KubernetesSecret>> write(const KubernetesApi& api, const QString& name,
                                                         const std::optional<KubernetesSecretContent>& desired,
                                                         const Guard& guard, QStringList* steps);
};

} // namespace certdeck::deployers
