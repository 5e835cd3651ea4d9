// The console <-> certdeck-bot protocol decoder (engine/bots/BotProtocol): every line either side reads from the
// other. A decoded message is encoded again and must decode to the same type and id.
#include "FuzzInput.h"

#include "engine/bots/BotProtocol.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace certdeck::bots::protocol;
    QString error;
    const std::optional<Message> message = decode(certdeck::fuzz::bytesOf(data, size), &error);
    if (!message) {
        return 0;
    }
    QByteArray again;
    switch (message->type) {
    case Message::Type::Request:
        again = encodeRequest(message->id, message->method, message->params);
        break;
    case Message::Type::Response:
        again = encodeResult(message->id, message->result);
        break;
    case Message::Type::Error:
        again = encodeError(message->id, message->errorCode, message->errorMessage);
        break;
    case Message::Type::Notification:
        return 0; // only progress notifications have an encoder, and other notifications decode too
    }
    QString againError;
    const std::optional<Message> decodedAgain = decode(again, &againError);
    if (!decodedAgain || decodedAgain->type != message->type || decodedAgain->id != message->id) {
        std::abort(); // what the bot encodes, the console must read back
    }
    return 0;
}
