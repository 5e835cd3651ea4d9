#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <utility>

namespace certdeck {

// Runs `work` on `pool` and hands its result to `done` on the thread of `context` (the caller's thread).
// When `context` is destroyed first, `done` is never called. A pool with one thread keeps order.
template <typename T, typename Work>
void runInPool(QThreadPool* pool, QObject* context, Work work, std::function<void(T)> done)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

// The same on the global thread pool, for work that needs no ordering (key generation, signing).
template <typename T, typename Work>
void runInBackground(QObject* context, Work work, std::function<void(T)> done)
{
    runInPool<T>(QThreadPool::globalInstance(), context, std::move(work), std::move(done));
}

// Calls `fn` on the thread of `context` (queued), unless `context` is gone by then.
template <typename Fn>
void deliverTo(QObject* context, Fn fn)
{
    QPointer<QObject> guard(context);
    if (!guard) {
        return;
    }
    QMetaObject::invokeMethod(
        context,
        [guard, fn = std::move(fn)]() mutable {
            if (guard) {
                fn();
            }
        },
        Qt::QueuedConnection);
}

} // namespace certdeck
