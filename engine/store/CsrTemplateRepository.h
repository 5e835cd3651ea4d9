#pragma once

#include "engine/core/Result.h"
#include "engine/domain/CsrTemplate.h"

#include <QList>
#include <QString>

#include <optional>

namespace certdeck::store {

class Database;

// The CSR templates of the wizard's Full Override (table csr_templates: name, JSON definition, updated_at).
// SQLite and PostgreSQL alike. Call off the GUI thread (runInPool with the shared Database).
class CsrTemplateRepository
{
public:
    explicit CsrTemplateRepository(const Database& db);

    Result<QList<CsrTemplate>> list() const; // ordered by name
    Result<std::optional<CsrTemplate>> find(const QString& name) const;
    // Inserts a new template or replaces the one with the same name. Refuses an invalid template
    // (CsrTemplate::validate, kind "invalid").
    Status save(const CsrTemplate& csrTemplate) const;
    Status remove(const QString& name) const; // kind "notFound" when absent

private:
    const Database& m_db;
};

} // namespace certdeck::store
