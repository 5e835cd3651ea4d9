#pragma once

#include "engine/discovery/config/ConfigParser.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>

// A ConfigSource over an in-memory map of absolute path -> content. Directories are implied by the paths.
// Every read is recorded, so a test can tell what the parser looked at.
class MapConfigSource final : public certdeck::discovery::ConfigSource
{
public:
    QMap<QString, QByteArray> files;
    mutable QStringList reads;

    void add(const QString& path, const QByteArray& content) { files.insert(path, content); }

    // Copies every file under `directory` (the test data) to `mountPoint` + its relative path.
    void mount(const QString& directory, const QString& mountPoint)
    {
        QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                files.insert(mountPoint + path.mid(directory.size()), file.readAll());
            }
        }
    }

    std::optional<QByteArray> read(const QString& path) const override
    {
        reads.append(path);
        const auto found = files.constFind(path);
        if (found == files.constEnd()) {
            return std::nullopt;
        }
        return *found;
    }

    QStringList glob(const QString& pattern) const override
    {
        QSet<QString> candidates;
        for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
            QString path = it.key();
            candidates.insert(path);
            while (path.lastIndexOf(QLatin1Char('/')) > 0) {
                path = path.left(path.lastIndexOf(QLatin1Char('/')));
                candidates.insert(path);
            }
        }
        if (pattern.endsWith(QLatin1Char('/'))) { // "dir/": only a directory matches (as glob(3) does)
            const QString directory = pattern.chopped(1);
            for (auto it = files.constBegin(); it != files.constEnd(); ++it) {
                if (it.key().startsWith(pattern)) {
                    return {pattern};
                }
            }
            Q_UNUSED(directory);
            return {};
        }
        const QRegularExpression regex(QRegularExpression::wildcardToRegularExpression(pattern));
        QStringList matches;
        for (const QString& candidate : candidates) {
            const QString name = candidate.section(QLatin1Char('/'), -1);
            if (regex.match(candidate).hasMatch() && (!name.startsWith(QLatin1Char('.')) || pattern.contains("/."))) {
                matches.append(candidate);
            }
        }
        matches.sort();
        return matches;
    }
};
