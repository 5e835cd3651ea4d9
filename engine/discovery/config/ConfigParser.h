#pragma once

#include "engine/discovery/DiscoveryTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace certdeck::discovery {

// Where a parser reads configuration files from (the local file system, or a test's map). Parsers never execute
// anything and never follow an include outside what the source returns.
class ConfigSource
{
public:
    virtual ~ConfigSource() = default;
    virtual std::optional<QByteArray> read(const QString& path) const = 0; // nullopt: missing or unreadable
    // Sorted absolute paths matching a shell glob (*, ? and [..] in any component; no match: empty). A pattern
    // without wildcards returns itself when it exists; a pattern ending in "/" matches directories only.
    virtual QStringList glob(const QString& pattern) const = 0;
    // The path with symbolic links resolved, so that two names of one file or directory compare equal (include
    // loops through a symlink, a directory include reaching its own ancestor). Default: the path itself.
    virtual QString canonicalPath(const QString& path) const { return path; }
};

class LocalConfigSource final : public ConfigSource
{
public:
    // Regular files only (a FIFO, device, socket or directory is never opened; symlinks to files are followed);
    // refuses files over 16 MiB.
    std::optional<QByteArray> read(const QString& path) const override;
    QStringList glob(const QString& pattern) const override;
    QString canonicalPath(const QString& path) const override; // realpath(3); the path itself when that fails
};

// Each parser starts at the main configuration file the running instance uses (`nginx -c`, `httpd -f`,
// CATALINA_BASE/conf/server.xml, jetty.base's start.ini / start.d, vsftpd.conf) and returns the TLS endpoints.
// `serverRoot` resolves relative paths (nginx prefix, Apache ServerRoot, CATALINA_BASE, jetty.base).
ConfigFindings parseNginxConfig(const ConfigSource& source, const QString& mainFile, const QString& prefix);
ConfigFindings parseApacheConfig(const ConfigSource& source, const QString& mainFile, const QString& serverRoot);
ConfigFindings parseTomcatServerXml(const ConfigSource& source, const QString& serverXml, const QString& catalinaBase);
ConfigFindings parseJettyConfig(const ConfigSource& source, const QString& jettyBase);
ConfigFindings parseVsftpdConfig(const ConfigSource& source, const QString& mainFile);

// jetty.base's start.ini and start.d/*.ini as start.jar reads them (Jetty 9.4): the modules enabled and the
// properties, a later file winning, each with the "file:line" it came from. Values are kept as written (an OBF:
// password stays obfuscated); nothing is run.
struct JettyStartConfig
{
    struct Setting
    {
        QString value;
        QString where; // "file:line"
    };
    QHash<QString, Setting> properties;
    QHash<QString, QString> modules; // "ssl" -> where it is enabled
    QStringList filesRead;

    // The property with ${jetty.base} replaced, or `fallback`.
    QString property(const QString& name, const QString& fallback, const QString& jettyBase) const;
    bool hasModule(const QString& name) const { return modules.contains(name); }
};
JettyStartConfig readJettyStartConfig(const ConfigSource& source, const QString& jettyBase,
                                      ConfigFindings* findings = nullptr);

} // namespace certdeck::discovery
