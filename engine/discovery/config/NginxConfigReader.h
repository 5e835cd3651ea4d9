#pragma once

#include "engine/discovery/config/ConfigParser.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace certdeck::discovery {

// One nginx directive with its arguments (quotes and escapes already resolved) and, for a block, its children.
struct NginxDirective
{
    QString name;
    QStringList args;
    QString file;
    int line = 0;
    bool isBlock = false;
    std::vector<NginxDirective> children;
};

// Reads an nginx configuration into a tree, expanding `include` (globs; relative to the conf directory) in place.
// Never executes anything; missing includes, include loops, absurd nesting and syntax errors become warnings.
class NginxConfigReader
{
public:
    NginxConfigReader(const ConfigSource& source, const QString& confDirectory, ConfigFindings& findings);

    std::vector<NginxDirective> readMainFile(const QString& mainFile);

private:
    std::vector<NginxDirective> readFile(const QString& file, const QString& identity, const QByteArray& data,
                                         int nestingBase);
    void expandInclude(const NginxDirective& include, std::vector<NginxDirective>& into, int nesting);
    void warn(const QString& file, int line, const QString& message);
    void warnLimitOnce(const QString& limit, const NginxDirective& at, const QString& message);

    const ConfigSource& m_source;
    QString m_confDirectory;
    ConfigFindings& m_findings;
    QStringList m_includeChain; // canonical paths of the files being read
    QStringList m_limitsReported;
    int m_filesOpened = 0;
    qint64 m_bytesRead = 0;
};

} // namespace certdeck::discovery
