#include "deployers/kubernetes/KubernetesSecretWriter.h"

#include <QCoreApplication>

namespace certdeck::deployers {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("KubernetesSecretWriter", text);
}

bool isConflict(const Error& error)
{
    return error.kind == QLatin1String("conflict") || error.kind == QLatin1String("alreadyExists");
}

} // namespace

Result<std::optional<KubernetesSecret>>
KubernetesSecretWriter::write(const KubernetesApi& api, const QString& name,
                              const std::optional<KubernetesSecretContent>& desired, const Guard& guard,
                              QStringList* steps)
{
    const QString secretName = QStringLiteral("%1/%2").arg(api.connection().namespaceName(), name);
    Error last;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        auto current = api.readSecret(name);
        if (!current) {
            return current.error();
        }
        if (guard) {
            if (Status admitted = guard(*current); !admitted) {
                return admitted.error();
            }
        }
        if (!desired) {
            if (!current->has_value()) {
                return std::optional<KubernetesSecret>();
            }
            const Status deleted = api.deleteSecret(name, (*current)->resourceVersion);
            if (deleted) {
                steps->append(
                    tr("deleted Secret %1 (resourceVersion %2)").arg(secretName, (*current)->resourceVersion));
                return std::optional<KubernetesSecret>();
            }
            last = deleted.error();
        } else {
            Result<KubernetesSecret> written = fail(QString());
            if (current->has_value()) {
                KubernetesSecret replacement = **current;
                if (replacement.type != desired->type) {
                    return fail(tr("Secret %1 is of type %2, not %3, and Kubernetes never changes the type of a "
                                   "Secret; choose another Secret name or delete it first. Nothing was changed.")
                                    .arg(secretName, replacement.type, desired->type),
                                QStringLiteral("invalid"));
                }
                replacement.data = desired->data;
                replacement.annotations = desired->annotations.value_or(replacement.annotations);
                replacement.labels = desired->labels.value_or(replacement.labels);
                written = api.replaceSecret(replacement);
            } else {
                KubernetesSecret created;
                created.name = name;
                created.type = desired->type;
                created.data = desired->data;
                created.annotations = desired->annotations.value_or(QJsonObject());
                created.labels = desired->labels.value_or(QJsonObject());
                written = api.createSecret(created);
            }
            if (written) {
                steps->append(
                    current->has_value()
                        ? tr("replaced Secret %1 (resourceVersion %2 -> %3)")
                              .arg(secretName, (*current)->resourceVersion, written->resourceVersion)
                        : tr("created Secret %1 (resourceVersion %2)").arg(secretName, written->resourceVersion));
                return std::optional<KubernetesSecret>(written.value());
            }
            last = written.error();
        }
        if (!isConflict(last)) {
            return last;
        }
        steps->append(tr("Secret %1 changed while it was written (HTTP 409, attempt %2 of %3); reading it again")
                          .arg(secretName)
                          .arg(attempt)
                          .arg(kAttempts));
    }
    return fail(tr("Secret %1 kept changing while it was written (%2 conflicts in a row): %3")
                    .arg(secretName)
                    .arg(kAttempts)
                    .arg(last.message),
                QStringLiteral("conflict"));
}

} // namespace certdeck::deployers
