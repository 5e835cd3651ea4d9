#include "engine/bots/InstallPath.h"

#include <QObject>
#include <QStringList>

namespace certdeck::bots::install_path {
namespace {

constexpr qsizetype kMaxLength = 1024;

// The value as it can be shown in one line: control characters as \n, \t, \xHH.
QString shown(const QString& path)
{
    QString out;
    for (const QChar c : path.left(200)) {
        if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char('\t')) {
            out += QStringLiteral("\\t");
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Format) {
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return path.size() > 200 ? out + QStringLiteral("...") : out;
}

bool safeCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '_' ||
           u == '-' || u == '+' || u == '@' || u == ' ';
}

Error refused(const QString& path, const QString& why)
{
    return fail(QObject::tr("Install path: \"%1\" is refused: %2. Give the path of the certdeck-bot program, absolute "
                            "or under ~/, e.g. %3 or /opt/certdeck/certdeck-bot.")
                    .arg(shown(path), why, QLatin1String(kDefault)),
                QStringLiteral("invalidInstallPath"));
}

} // namespace

Status check(const QString& path)
{
    if (path.isEmpty()) {
        return refused(path, QObject::tr("it is empty"));
    }
    if (path.size() > kMaxLength) {
        return refused(path, QObject::tr("it is longer than %1 characters").arg(kMaxLength));
    }
    QString rest;
    if (path.startsWith(QLatin1String("~/"))) {
        rest = path.mid(2);
    } else if (path.startsWith(QLatin1Char('/'))) {
        rest = path.mid(1);
    } else {
        return refused(path, QObject::tr("it is neither absolute (/...) nor under the login directory (~/...)"));
    }
    const QStringList segments = rest.split(QLatin1Char('/'));
    for (const QString& segment : segments) {
        if (segment.isEmpty()) {
            return refused(path, QObject::tr("it has an empty segment (\"//\" or a trailing \"/\")"));
        }
        if (segment == QLatin1String(".") || segment == QLatin1String("..")) {
            return refused(path, QObject::tr("it has a \"%1\" segment; write the path without it").arg(segment));
        }
        if (segment.startsWith(QLatin1Char('-'))) {
            return refused(path, QObject::tr("the segment \"%1\" starts with \"-\"").arg(shown(segment)));
        }
        for (const QChar c : segment) {
            if (!safeCharacter(c)) {
                return refused(path, QObject::tr("it contains \"%1\"; only letters, digits, space and . _ - + @ are "
                                                 "allowed between the slashes")
                                         .arg(shown(QString(c))));
            }
        }
    }
    if (segments.constLast() != QLatin1String("certdeck-bot")) {
        return refused(path, QObject::tr("the file name is \"%1\", not certdeck-bot").arg(shown(segments.constLast())));
    }
    return {};
}

} // namespace certdeck::bots::install_path
