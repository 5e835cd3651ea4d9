#pragma once

#include "engine/discovery/DiscoveryTypes.h"
#include "engine/discovery/ProcessTable.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::discovery {

// A running server instance found in the process table, with what its configuration parser needs.
struct DetectedInstance
{
    DetectedServer server; // running, binary, configRoot, pids (instance process and its descendants), evidence
    QString mainConfig;    // the file the parser starts at (nginx -c, apache -f, server.xml, vsftpd.conf)
    QString root;          // nginx prefix, Apache ServerRoot, CATALINA_BASE, jetty.base
};

// The detection rules of the system scan: which processes are which server. One instance per running server
// (an nginx master with its workers is one instance; two masters are two). Pure: reads only the table.
QList<DetectedInstance> detectRunningServers(const ProcessTable& processes);

// Servers whose binary or package directory exists on this host but of which no instance runs (`runningTypes`):
// one entry each, running = false.
QList<DetectedServer> detectInstalledServers(const QStringList& runningTypes);

// Options of a command line in the forms "-x value" and "-xvalue" (nginx, apache, vsftpd style).
QString shortOption(const QStringList& arguments, const QString& option);
// "-Dname=value" of a JVM command line.
QString systemProperty(const QStringList& arguments, const QString& name);

} // namespace certdeck::discovery
