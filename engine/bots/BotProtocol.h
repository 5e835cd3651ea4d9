#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// The console <-> certdeck-bot protocol: one JSON object per line (UTF-8, '\n' terminated),
// JSON-RPC 2.0 shaped. Requests {"jsonrpc":"2.0","id":N,"method":M,"params":{...}}; responses
// {"jsonrpc":"2.0","id":N,"result":{...}} or {"jsonrpc":"2.0","id":N,"error":{"code":C,"message":"..."}};
// progress notifications {"jsonrpc":"2.0","method":"progress","params":{"id":N,"percent":P,"step":"..."}}.
// The first request is always "hello"; a bot answers other requests only after it.
//
// Methods (version 1):
//   hello       {client, version}                         -> {bot, version, host, methods[], serverTypes[], release}
//               (a client version other than the bot's -> VersionMismatch error naming both versions)
//   csr.create  {commonName, sans[], keyAlgorithm, keySize, signatureAlgorithm,
//                organization?, organizationalUnit?, country?, state?, locality?}
//                                                         -> {csrPem, keyId}   (key staged 0600 on the bot host)
//               keyId? (rotation): the CSR is built from that staged key instead of a new one and the answer
//               carries the same keyId and reusedKey=true; a key the bot does not hold -> UnknownKey
//   deploy      {serverType, fields{}, keyId, certificatePem, chainPem, expectedFingerprint,
//                verify{host, port, serverName, timeoutMs}, rollbackOnFailure}
//                                                         -> DeployReport {deployed, rolledBack, backupId,
//                                                            servedFingerprint, steps[], failure}
//   rollback    {serverType, fields{}, backupId, verify{...}} -> DeployReport
//   remove      {serverType, fields{}}                    -> DeployReport {deployed=false, backupId, steps[], failure}
//               takes the certificate, key and chain files named by fields off the server (backup, delete, config
//               test; restored byte-for-byte when the server still needs them, else reload); failure empty = removed
//   probe.tls   {host, port, serverName, timeoutMs}       -> {chainPem, fingerprint, protocol}
//   dcv.put     {dcvPath, token, content}                 -> {path}
//               writes <dcvPath>/.well-known/acme-challenge/<token> (directories created 0755, file 0644,
//               atomically); token must be base64url (1-256 of [A-Za-z0-9_-]), dcvPath an absolute existing
//               directory; a path that resolves outside dcvPath (symlinks) is refused
//   dcv.remove  {dcvPath, token}                          -> {removed}  (false when the file was not there)
// Secrets travel only inside params; a bot never logs params.
// Errors: bad params -> InvalidParams (message from the engine, e.g. "SHA-1 is refused"); a request before
// hello -> HandshakeRequired; a line that is not a request -> ParseError with a null id (id 0 here);
// work that failed on the host (TLS probe, key staging) -> OperationFailed. dcv.*: a bad token or a relative
// dcvPath -> InvalidParams; a DCV path that is missing, not a directory, not writable or escaped through a
// symlink -> OperationFailed; each message names the reason and the path.
// Test aid: `certdeck-bot serve --protocol-version N` announces N in hello (hidden from --help).
namespace certdeck::bots::protocol {

constexpr int kVersion = 1;

// JSON-RPC error codes, plus CertDeck's application range.
enum ErrorCode {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    VersionMismatch = 1001,
    HandshakeRequired = 1002,
    OperationFailed = 1003,
    UnknownKey = 1004, // csr.create {keyId}: this bot holds no usable staged key of that id
    Busy = 1005,       // the bot's request queue is full: retry later
};

struct Message
{
    enum class Type { Request, Response, Error, Notification };
    Type type = Type::Request;
    qint64 id = 0;
    QString method;
    QJsonObject params; // request / notification
    QJsonObject result; // response
    int errorCode = 0;
    QString errorMessage;
};

QByteArray encodeRequest(qint64 id, const QString& method, const QJsonObject& params);
QByteArray encodeResult(qint64 id, const QJsonObject& result);
QByteArray encodeError(qint64 id, int code, const QString& message);
QByteArray encodeProgress(qint64 requestId, int percent, const QString& step);
// Parses one line; nullopt with *error set when it is not a protocol message.
std::optional<Message> decode(const QByteArray& line, QString* error);

} // namespace certdeck::bots::protocol
