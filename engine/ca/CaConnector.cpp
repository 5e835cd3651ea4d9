#include "engine/ca/CaConnector.h"

#include "engine/core/Async.h"

namespace certdeck::ca {

void CaConnector::renewalWindow(const QByteArray&, QObject* context, std::function<void(Result<RenewalWindow>)> done)
{
    deliverTo(context, [done = std::move(done), name = name()] {
        done(fail(
            QObject::tr("CA \"%1\" does not suggest renewal windows; the configured renewal rule applies.").arg(name),
            QStringLiteral("notOffered")));
    });
}

} // namespace certdeck::ca
