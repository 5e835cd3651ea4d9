#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::ctl {

// A small reader for "--name value", "--flag" and positional arguments, with errors that name the option.
class CtlOptions
{
public:
    // valueOptions take a value; flagOptions do not. Anything else starting with "--" is an error.
    CtlOptions(const QStringList& arguments, const QStringList& valueOptions, const QStringList& flagOptions);

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    QString value(const QString& name, const QString& fallback = {}) const;
    QStringList values(const QString& name) const; // repeated option
    bool has(const QString& name) const;
    const QStringList& positional() const { return m_positional; }
    // Sets an error when a required option is missing; returns ok().
    bool require(const QStringList& names);

private:
    QList<QPair<QString, QString>> m_values;
    QStringList m_flags;
    QStringList m_positional;
    QString m_error;
};

// Reads one line from stdin (for passwords and keys: never from argv or the environment).
QByteArray readSecretLine();

} // namespace certdeck::ctl
