#include "engine/discovery/config/ConfigText.h"

#include <QDir>

namespace certdeck::discovery::configtext {

QString location(const QString& file, int line)
{
    return QStringLiteral("%1:%2").arg(file).arg(line);
}

QString resolvePath(const QString& base, const QString& path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || base.isEmpty()) {
        return path;
    }
    return QDir::cleanPath(base + QLatin1Char('/') + path);
}

QString directoryOf(const QString& file)
{
    const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
    if (slash < 0) {
        return QStringLiteral(".");
    }
    return slash == 0 ? QStringLiteral("/") : file.left(slash);
}

bool hasGlobMagic(const QString& path)
{
    return path.contains(QLatin1Char('*')) || path.contains(QLatin1Char('?')) || path.contains(QLatin1Char('['));
}

QString decode(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes);
}

void addFileRead(ConfigFindings& findings, const QString& file)
{
    if (!findings.filesRead.contains(file)) {
        findings.filesRead.append(file);
    }
}

void addWarning(ConfigFindings& findings, const QString& file, int line, const QString& message)
{
    if (findings.warnings.size() < maxWarningsPerParse) {
        findings.warnings.append(QStringLiteral("%1: %2").arg(location(file, line), message));
    } else if (findings.warnings.size() == maxWarningsPerParse) {
        findings.warnings.append(QStringLiteral("more than %1 warnings; the rest are left out (first left out: %2)")
                                     .arg(maxWarningsPerParse)
                                     .arg(location(file, line)));
    }
}

} // namespace certdeck::discovery::configtext
