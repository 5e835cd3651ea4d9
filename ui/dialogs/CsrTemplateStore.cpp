#include "ui/dialogs/CsrTemplateStore.h"

#include "engine/core/Async.h"
#include "engine/store/CsrTemplateRepository.h"
#include "engine/store/Database.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace certdeck::ui::csrtemplates {
namespace {

// One thread: a save followed by a load sees the save.
QThreadPool* pool()
{
    static QThreadPool* instance = [] {
        auto* created = new QThreadPool(QCoreApplication::instance());
        created->setMaxThreadCount(1);
        created->setExpiryTimeout(30000);
        return created;
    }();
    return instance;
}

Error unavailable()
{
    return fail(QCoreApplication::translate("CsrTemplates",
                                            "CSR templates are unavailable: the console has no inventory database."));
}

} // namespace

void load(std::shared_ptr<store::Database> db, QObject* context, std::function<void(Result<QList<CsrTemplate>>)> done)
{
    if (!db) {
        deliverTo(context, [done = std::move(done)] { done(Result<QList<CsrTemplate>>(unavailable())); });
        return;
    }
    runInPool<Result<QList<CsrTemplate>>>(
        pool(), context, [db] { return store::CsrTemplateRepository(*db).list(); }, std::move(done));
}

void save(std::shared_ptr<store::Database> db, const CsrTemplate& csrTemplate, QObject* context,
          std::function<void(Status)> done)
{
    if (!db) {
        deliverTo(context, [done = std::move(done)] { done(Status(unavailable())); });
        return;
    }
    runInPool<Status>(
        pool(), context, [db, csrTemplate] { return store::CsrTemplateRepository(*db).save(csrTemplate); },
        std::move(done));
}

void remove(std::shared_ptr<store::Database> db, const QString& name, QObject* context,
            std::function<void(Status)> done)
{
    if (!db) {
        deliverTo(context, [done = std::move(done)] { done(Status(unavailable())); });
        return;
    }
    runInPool<Status>(
        pool(), context, [db, name] { return store::CsrTemplateRepository(*db).remove(name); }, std::move(done));
}

} // namespace certdeck::ui::csrtemplates
