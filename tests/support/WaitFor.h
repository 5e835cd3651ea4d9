#pragma once

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QObject>

#include <optional>
#include <utility>

namespace certdeck::test {

// Starts an asynchronous engine call with a context object of its own, then runs the event loop until the
// callback delivers a value or the deadline passes (an empty optional then). `start(context, done)`.
template <typename T, typename Start>
std::optional<T> waitFor(Start start, int timeoutMs = 120000)
{
    std::optional<T> result;
    QObject context;
    start(&context, [&result](T value) { result.emplace(std::move(value)); });
    const QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return result;
}

} // namespace certdeck::test
