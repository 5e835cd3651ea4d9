#pragma once

#include "engine/discovery/AddressRange.h"
#include "engine/discovery/InventoryImport.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace certdeck::discovery {

// What one endpoint answered.
struct ScanResult
{
    QString host;
    int port = 0;
    QString serverName;   // SNI sent; empty when none
    bool reached = false; // a TLS handshake completed and a certificate was served
    // Short and fixed for counting: "connection refused", "timed out", "not a TLS server: ...", "closed during
    // the TLS handshake", "cannot resolve ...", "TLS handshake failed: ...". Empty when reached.
    QString error;
    // "refused", "timeout", "notTls", "closed", "handshake", "resolve", "connect", "noCertificate", "cancelled".
    QString errorKind;
    QString timeoutStage;       // "TCP connection" or "TLS handshake" when errorKind is "timeout"
    QString fingerprintSha256;  // leaf, lowercase hex
    QList<QByteArray> chainDer; // as served, leaf first
    QString protocol;           // "TLSv1.3"
    int elapsedMs = 0;          // connect + handshake

    QByteArray chainPem() const;
};

struct ScanOptions
{
    int concurrency = 512; // handshakes in flight at once, over all event loops
    int timeoutMs = 3000;  // per endpoint, connect + handshake
    int threads = 0;       // event loops; 0: one per core, at most 4
    // Called from a scanner thread with (done, total) at most every progressIntervalMs, and once at the end.
    std::function<void(quint64 done, quint64 total)> progress;
    int progressIntervalMs = 200;
    const std::atomic_bool* cancel = nullptr; // set to stop early: in-flight handshakes are dropped
    // Which results to return (all are counted): the reached endpoints; also failures other than refused and
    // timed out (a sweep of empty addresses stays small); or everything.
    enum class Keep { Reached, ReachedAndErrors, All };
    Keep keep = Keep::Reached;
};

struct ScanSummary
{
    quint64 total = 0;
    quint64 scanned = 0; // finished, reached or not
    quint64 tlsFound = 0;
    quint64 refused = 0;
    quint64 timedOut = 0;
    quint64 notTls = 0;
    quint64 otherErrors = 0;
    qint64 elapsedMs = 0;
    bool cancelled = false;
    int concurrency = 0;       // what was used after the file-descriptor limit
    QList<ScanResult> results; // see ScanOptions::keep, in no particular order

    double endpointsPerSecond() const { return elapsedMs > 0 ? double(scanned) * 1000.0 / double(elapsedMs) : 0; }
};

// Many TLS handshakes at once without a thread per endpoint: non-blocking sockets and OpenSSL driven by epoll,
// a bounded number in flight, one deadline per endpoint covering connect and handshake, SNI per target, no
// certificate verification (we record what is served). Blocking: call it off the GUI thread.
class TlsScanner
{
public:
    static ScanSummary scan(const ScanPlan& plan, const ScanOptions& options = {});

    // One endpoint, the same code path (crypto::probeTls and the pinning re-check use it).
    static ScanResult probe(const ScanTarget& target, int timeoutMs);

    // Raises the soft RLIMIT_NOFILE to the hard limit once; returns the soft limit now in force.
    static quint64 raiseFileLimit();
};

// The reached endpoints of a scan, as the inventory import takes them (details: protocol, elapsed ms).
QList<SeenEndpoint> toSeenEndpoints(const QList<ScanResult>& results);

} // namespace certdeck::discovery
