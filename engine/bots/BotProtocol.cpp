#include "engine/bots/BotProtocol.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace certdeck::bots::protocol {
namespace {

QByteArray toLine(const QJsonObject& object)
{
    // Compact JSON never contains a raw newline: strings escape it as \n.
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject envelope()
{
    return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}};
}

QJsonValue idValue(qint64 id)
{
    // Id 0 means "unknown request" (e.g. a line the bot could not parse): JSON-RPC's null id.
    return id > 0 ? QJsonValue(static_cast<double>(id)) : QJsonValue(QJsonValue::Null);
}

// JSON numbers are doubles: an id must be a positive whole number that a double holds exactly.
bool readId(const QJsonValue& value, qint64* id)
{
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    constexpr double kMaxExact = 9007199254740992.0; // 2^53
    if (!std::isfinite(number) || number < 1 || number > kMaxExact || std::floor(number) != number) {
        return false;
    }
    *id = static_cast<qint64>(number);
    return true;
}

std::optional<Message> refuse(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return std::nullopt;
}

} // namespace

QByteArray encodeRequest(qint64 id, const QString& method, const QJsonObject& params)
{
    QJsonObject object = envelope();
    object.insert(QStringLiteral("id"), idValue(id));
    object.insert(QStringLiteral("method"), method);
    object.insert(QStringLiteral("params"), params);
    return toLine(object);
}

QByteArray encodeResult(qint64 id, const QJsonObject& result)
{
    QJsonObject object = envelope();
    object.insert(QStringLiteral("id"), idValue(id));
    object.insert(QStringLiteral("result"), result);
    return toLine(object);
}

QByteArray encodeError(qint64 id, int code, const QString& message)
{
    QJsonObject object = envelope();
    object.insert(QStringLiteral("id"), idValue(id));
    object.insert(QStringLiteral("error"),
                  QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}});
    return toLine(object);
}

QByteArray encodeProgress(qint64 requestId, int percent, const QString& step)
{
    QJsonObject object = envelope();
    object.insert(QStringLiteral("method"), QStringLiteral("progress"));
    object.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("id"), static_cast<double>(requestId)},
                                                        {QStringLiteral("percent"), qBound(0, percent, 100)},
                                                        {QStringLiteral("step"), step}});
    return toLine(object);
}

std::optional<Message> decode(const QByteArray& line, QString* error)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty()) {
        return refuse(error, QStringLiteral("empty line"));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return refuse(
            error,
            QStringLiteral("not valid JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isObject()) {
        return refuse(error, QStringLiteral("not a JSON object"));
    }
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("jsonrpc")).toString() != QLatin1String("2.0")) {
        return refuse(error, QStringLiteral("missing \"jsonrpc\": \"2.0\""));
    }

    Message message;
    const QJsonValue id = object.value(QStringLiteral("id"));
    const bool hasId = object.contains(QStringLiteral("id")) && !id.isNull();

    if (object.contains(QStringLiteral("method"))) {
        const QJsonValue method = object.value(QStringLiteral("method"));
        if (!method.isString() || method.toString().isEmpty()) {
            return refuse(error, QStringLiteral("\"method\" must be a non-empty string"));
        }
        message.method = method.toString();
        const QJsonValue params = object.value(QStringLiteral("params"));
        if (!params.isUndefined() && !params.isNull() && !params.isObject()) {
            return refuse(error, QStringLiteral("\"params\" of %1 must be an object").arg(message.method));
        }
        message.params = params.toObject();
        if (!hasId) {
            message.type = Message::Type::Notification;
            return message;
        }
        if (!readId(id, &message.id)) {
            return refuse(error, QStringLiteral("\"id\" of %1 must be a positive integer").arg(message.method));
        }
        message.type = Message::Type::Request;
        return message;
    }

    if (object.contains(QStringLiteral("result"))) {
        if (!hasId || !readId(id, &message.id)) {
            return refuse(error, QStringLiteral("a response needs a positive integer \"id\""));
        }
        const QJsonValue result = object.value(QStringLiteral("result"));
        if (!result.isObject()) {
            return refuse(error, QStringLiteral("\"result\" must be an object"));
        }
        message.type = Message::Type::Response;
        message.result = result.toObject();
        return message;
    }

    if (object.contains(QStringLiteral("error"))) {
        // An error may carry a null id when the peer could not tell which request it answers.
        if (hasId && !readId(id, &message.id)) {
            return refuse(error, QStringLiteral("\"id\" of an error must be a positive integer or null"));
        }
        const QJsonValue errorValue = object.value(QStringLiteral("error"));
        if (!errorValue.isObject()) {
            return refuse(error, QStringLiteral("\"error\" must be an object"));
        }
        const QJsonObject errorObject = errorValue.toObject();
        const QJsonValue code = errorObject.value(QStringLiteral("code"));
        if (!code.isDouble() || std::floor(code.toDouble()) != code.toDouble()) {
            return refuse(error, QStringLiteral("\"error.code\" must be an integer"));
        }
        message.type = Message::Type::Error;
        message.errorCode = code.toInt();
        message.errorMessage = errorObject.value(QStringLiteral("message")).toString();
        if (message.errorMessage.isEmpty()) {
            message.errorMessage = QStringLiteral("error %1 without a message").arg(message.errorCode);
        }
        return message;
    }

    return refuse(error, QStringLiteral("neither a request, a response nor a notification"));
}

} // namespace certdeck::bots::protocol
