#include "engine/store/CsrTemplateRepository.h"

#include "engine/store/Database.h"
#include "engine/store/SqlSupport.h"

#include <QSqlQuery>

namespace certdeck::store {
namespace {

CsrTemplate fromRow(const QSqlQuery& query)
{
    CsrTemplate csrTemplate = CsrTemplate::fromJson(sql::jsonObject(query.value(1)));
    csrTemplate.name = query.value(0).toString(); // the key column is authoritative
    return csrTemplate;
}

} // namespace

CsrTemplateRepository::CsrTemplateRepository(const Database& db)
    : m_db(db)
{
}

Result<QList<CsrTemplate>> CsrTemplateRepository::list() const
{
    auto query = sql::run(m_db.connection(), QStringLiteral("SELECT name, definition FROM csr_templates ORDER BY name"),
                          {}, QStringLiteral("read the CSR templates"));
    if (!query) {
        return query.error();
    }
    QList<CsrTemplate> templates;
    while (query->next()) {
        templates.append(fromRow(*query));
    }
    return templates;
}

Result<std::optional<CsrTemplate>> CsrTemplateRepository::find(const QString& name) const
{
    auto query =
        sql::run(m_db.connection(), QStringLiteral("SELECT name, definition FROM csr_templates WHERE name = ?"), {name},
                 QStringLiteral("read the CSR template \"%1\"").arg(name));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<CsrTemplate>();
    }
    return std::optional<CsrTemplate>(fromRow(*query));
}

Status CsrTemplateRepository::save(const CsrTemplate& csrTemplate) const
{
    CsrTemplate normalized = csrTemplate;
    normalized.name = csrTemplate.name.trimmed();
    if (const Status valid = normalized.validate(); !valid) {
        return fail(QStringLiteral("The CSR template was not saved. %1").arg(valid.message()), valid.error().kind);
    }
    return m_db.transaction([&]() -> Status {
        auto saved = sql::run(m_db.connection(),
                              QStringLiteral("INSERT INTO csr_templates (name, definition, updated_at) VALUES (?, ?, ?)"
                                             " ON CONFLICT (name) DO UPDATE"
                                             " SET definition = excluded.definition, updated_at = excluded.updated_at"),
                              {normalized.name, sql::jsonText(normalized.toJson()), sql::nowText()},
                              QStringLiteral("save the CSR template \"%1\"").arg(normalized.name));
        if (!saved) {
            return saved.error();
        }
        return {};
    });
}

Status CsrTemplateRepository::remove(const QString& name) const
{
    return m_db.transaction([&]() -> Status {
        return sql::runOnOneRow(m_db.connection(), QStringLiteral("DELETE FROM csr_templates WHERE name = ?"), {name},
                                QStringLiteral("remove the CSR template \"%1\"").arg(name),
                                QStringLiteral("The CSR template \"%1\" does not exist (it may have been removed "
                                               "already). Refresh the list.")
                                    .arg(name));
    });
}

} // namespace certdeck::store
