#pragma once

#include "engine/core/Result.h"
#include "engine/domain/ServerType.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace certdeck::deploy {

// What a bot may do on the hosts it acts on, decided by the administrator of the bot's own host and never by a
// request: the inventory (a shared database, a console) can only choose within it. Read once when the bot starts
// from a root-owned file (the bot's own account's file when it runs unprivileged):
//
//   # /etc/certdeck/bot-policy.conf
//   program.nginx  = /usr/sbin/nginx            server programs per server type (absolute paths)
//   program.apache-http = /usr/sbin/apache2 /usr/sbin/httpd
//   write  = /etc/nginx /etc/ssl /var/www       trees it may write, back up, restore and delete certificate
//                                               material and DCV files in (its state directory is always allowed)
//   config = /etc/nginx /etc/apache2            trees the configuration files handed to server programs must be in
//   reload = yes                                may it reload or restart servers
//   agentless = yes                             may it act on other hosts over SSH
//
// A policy file that cannot be trusted (another user may write it, it does not parse) is not replaced by the
// defaults: the bot then refuses everything that changes a host, and every refusal says why (fail closed).
class BotPolicy
{
public:
    static QString systemPath(); // /etc/certdeck/bot-policy.conf

    // $CERTDECK_BOT_POLICY, else the system file, else (when not root) $XDG_CONFIG_HOME/certdeck/bot-policy.conf,
    // else the built-in defaults. Never fails: a broken file gives a policy that refuses everything.
    static BotPolicy load();
    // The file at `path`: owned by root or by this process's user, not writable by group or others, a regular file
    // in a directory only its owner can change.
    static Result<BotPolicy> loadFile(const QString& path);
    static Result<BotPolicy> parse(const QByteArray& text, const QString& source);
    static BotPolicy builtinDefaults();
    // The text of the built-in defaults, with comments: what `certdeck-bot policy init` writes.
    static QByteArray defaultFileText();
    // A policy that refuses everything that changes a host, for `reason`.
    static BotPolicy refusingAll(const QString& source, const QString& reason);

    QString source() const { return m_source; } // the file read, or "built-in defaults"
    bool isUsable() const { return m_problem.isEmpty(); }

    // The server program the bot runs for `type`. `requested` (a request's field) may only choose among the
    // policy's programs: empty or a bare program name picks the first allowed program that `exists` on the host
    // (with that name); an absolute path must be one of them. Anything else is refused, naming the rule.
    Result<QString> resolveProgram(ServerType type, const QString& requested,
                                   const std::function<bool(const QString&)>& exists) const;
    // `what` names the field or purpose for the message ("Certificate file", "DCV path"). On this host, the path
    // must also stay inside once the symbolic links of its existing part are resolved; on an agentless target the
    // check is by name (its symbolic links are refused where files are written).
    Status checkWritable(const QString& path, const QString& what, bool onThisHost = true) const;
    Status checkConfig(const QString& path, const QString& what, bool onThisHost = true) const;
    Status checkReload() const;
    Status checkAgentless() const;
    // The bot's own state directory (backups, journal, staged keys): always writable for it.
    void setStateDirectory(const QString& directory) { m_stateDirectory = directory; }

    QStringList programs(ServerType type) const { return m_programs.value(serverTypeId(type)); }
    QStringList writeTrees() const { return m_writeTrees; }
    QStringList configTrees() const { return m_configTrees; }
    bool reloadAllowed() const { return m_reload; }
    bool agentlessAllowed() const { return m_agentless; }

    // For the console's read-only view: {source, usable, problem, programs{type: [...]}, write, config, reload,
    // agentless}.
    QJsonObject toJson() const;

private:
    Status refusal() const;
    Status checkInside(const QStringList& trees, const QString& rule, const QString& path, const QString& what,
                       bool onThisHost) const;

    QString m_source;
    QString m_problem;                     // non-empty: the policy could not be read; everything is refused
    QMap<QString, QStringList> m_programs; // serverTypeId -> absolute paths
    QStringList m_writeTrees;
    QStringList m_configTrees;
    bool m_reload = true;
    bool m_agentless = true;
    QString m_stateDirectory;
};

} // namespace certdeck::deploy
