#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>

namespace certdeck {

// A user-readable failure: what failed and, where possible, what to do about it.
struct Error
{
    QString message;
    // Optional machine-readable kind for callers that branch on it (e.g. "timeout", "notFound").
    QString kind;
    // For transient failures: when the other side asked us to try again (Retry-After), UTC. Invalid: not said.
    QDateTime retryAfter;

    static Error make(QString message, QString kind = {}) { return Error{std::move(message), std::move(kind), {}}; }
};

// Value or Error. Engine calls return this instead of throwing across the event loop.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const T& operator*() const& { return *m_value; }
    T& operator*() & { return *m_value; }

    const Error& error() const { return m_error; }
    const QString& message() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    const QString& message() const { return m_error.message; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

inline Error fail(QString message, QString kind = {})
{
    return Error::make(std::move(message), std::move(kind));
}

} // namespace certdeck
