#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <utility>

namespace certdeck::localca {

// Runs `work` on the global thread pool and hands its result to `done` on `context`'s thread.
// `context` must live in the calling thread (the watcher is its child); when it is destroyed first,
// the result is dropped and `done` is never called. The caller's thread never blocks.
template <typename R, typename Work>
void runInBackground(QObject* context, Work work, std::function<void(R)> done)
{
    Q_ASSERT(context);
    Q_ASSERT(context->thread() == QThread::currentThread());
    QPointer<QObject> guard(context);
    auto* watcher = new QFutureWatcher<R>(context);
    QObject::connect(watcher, &QFutureWatcher<R>::finished, context, [watcher, guard, done = std::move(done)]() {
        if (guard && done) {
            done(watcher->result());
        }
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace certdeck::localca
