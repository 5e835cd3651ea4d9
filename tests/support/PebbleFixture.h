#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QProcess;

namespace certdeck::test {

// How to run pebble for one test.
struct PebbleOptions
{
    // External Account Binding: required by the server, with these key IDs -> base64url HMAC keys.
    bool eabRequired = false;
    QMap<QString, QByteArray> eabKeys;
    bool vaNoSleep = true;      // PEBBLE_VA_NOSLEEP=1 (false: random 0-5 s validation sleeps)
    int nonceRejectPercent = 0; // PEBBLE_WFE_NONCEREJECT; -1: pebble's default (5%)
    bool alwaysValid = false;   // PEBBLE_VA_ALWAYS_VALID=1: skips validation (tests not about DCV)
    int alternateRoots = 0;     // PEBBLE_ALTERNATE_ROOTS: alternate chains offered by Link rel="alternate"
    int authzReusePercent = 0;  // PEBBLE_AUTHZREUSE
    // Start pebble-challtestsrv as pebble's DNS (every name resolves to 127.0.0.1) with its management API.
    bool challengeTestServer = true;
    // challtestsrv answers http-01 on the validation port (false when e.g. a real nginx serves that port).
    bool challengeTestServerHttp01 = true;
    // Pebble's DNS server "host:port" instead of challtestsrv (e.g. a bind9 for dns-01); empty: challtestsrv.
    QString dnsServer;
    int httpValidationPort = 0; // 0: a free loopback port
};

// A real ACME CA for tests: pebble on free loopback ports with a throw-away HTTPS certificate, and by default
// pebble-challtestsrv as its DNS and http-01 responder. Processes are stopped by PID; state lives in a temp dir.
class PebbleFixture
{
public:
    explicit PebbleFixture(PebbleOptions options = {});
    ~PebbleFixture();
    PebbleFixture(const PebbleFixture&) = delete;
    PebbleFixture& operator=(const PebbleFixture&) = delete;

    // pebble and pebble-challtestsrv installed? `reason` says what to install otherwise.
    static bool isAvailable(QString* reason);

    Status start(int timeoutMs = 20000);
    // Stops and starts pebble again on the same ports: new roots, accounts and orders are lost.
    Status restart(int timeoutMs = 20000);
    void stop();

    const PebbleOptions& options() const { return m_options; }
    QString directoryUrl() const;  // https://127.0.0.1:<port>/dir
    QString managementUrl() const; // https://127.0.0.1:<port>
    int httpValidationPort() const { return m_httpPort; }
    QString trustBundlePath() const;        // PEM root of pebble's HTTPS certificate (for the ACME client)
    QString challengeTestServerUrl() const; // http://127.0.0.1:<port> (management API), empty when not started
    QString dnsServer() const;              // what pebble resolves with ("127.0.0.1:<port>")
    QString workDir() const { return m_dir.path(); }

    // Pebble's current issuance roots and intermediates (they change at every start).
    Result<QByteArray> rootPem(int index = 0) const;
    Result<QByteArray> intermediatePem(int index = 0) const;
    // /cert-status-by-serial/<hex>: {"Status": "Valid"|"Revoked", "Reason": n, ...}.
    Result<QJsonObject> certStatus(const QString& serialHex) const;

    // challtestsrv management API.
    Status addHttp01(const QString& token, const QString& content) const;
    Status deleteHttp01(const QString& token) const;
    Status setTxt(const QString& host, const QString& value) const; // host: "_acme-challenge.example.com."
    Status clearTxt(const QString& host) const;

    // Blocking HTTP(S) helpers trusting pebble's HTTPS root (tests only; runs a local event loop).
    Result<QByteArray> httpGet(const QString& url, int* status = nullptr) const;
    Result<QByteArray> httpPost(const QString& url, const QByteArray& body, int* status = nullptr) const;

private:
    Status writeConfig();
    Status startOnce(int timeoutMs);
    Status startPebble(int timeoutMs);
    Status startChallengeTestServer(int timeoutMs);
    Status waitForUrl(const QString& url, QProcess* process, const QString& what, int timeoutMs) const;
    void stopProcess(std::unique_ptr<QProcess>& process);

    PebbleOptions m_options;
    QTemporaryDir m_dir;
    int m_acmePort = 0;
    int m_managementPort = 0;
    int m_httpPort = 0;
    int m_tlsPort = 0;
    int m_dnsPort = 0;
    int m_challManagementPort = 0;
    QString m_trustBundle;
    std::unique_ptr<QProcess> m_pebble;
    std::unique_ptr<QProcess> m_challtestsrv;
};

} // namespace certdeck::test
