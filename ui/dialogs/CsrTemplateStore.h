#pragma once

#include "engine/core/Result.h"
#include "engine/domain/CsrTemplate.h"

#include <QList>

#include <functional>
#include <memory>

class QObject;

namespace certdeck::store {
class Database;
}

namespace certdeck::ui {

// The CSR template repository for the console, off the GUI thread: each call runs on one ordered worker
// thread and hands its result to `done` on the thread of `context` (never when `context` is gone first).
// A null database fails with a message that says templates are unavailable.
namespace csrtemplates {

void load(std::shared_ptr<store::Database> db, QObject* context, std::function<void(Result<QList<CsrTemplate>>)> done);
void save(std::shared_ptr<store::Database> db, const CsrTemplate& csrTemplate, QObject* context,
          std::function<void(Status)> done);
void remove(std::shared_ptr<store::Database> db, const QString& name, QObject* context,
            std::function<void(Status)> done);

} // namespace csrtemplates
} // namespace certdeck::ui
