// AcmeOrder: the order's durable state (saveState) and resuming an interrupted order (resumeState).
#include "connectors/acme/AcmeClient.h"
#include "connectors/acme/AcmeOrder.h"
#include "engine/core/Log.h"

namespace certdeck::acme {
namespace {

bool isTransientError(const Error& error)
{
    return error.kind == QLatin1String("network") || error.kind == QLatin1String("unavailable") ||
           error.kind == QLatin1String("rateLimited") || error.kind == QLatin1String("timeout") ||
           error.kind == QLatin1String("badNonce");
}

} // namespace

void AcmeOrder::orderCreated(const QJsonObject& order)
{
    if (!m_request.saveState) {
        fetchAuthorizations(order);
        return;
    }
    QJsonObject state{{QStringLiteral("orderUrl"), m_orderUrl}};
    if (!m_note.isEmpty()) {
        state.insert(QStringLiteral("note"), m_note);
    }
    // Nothing that depends on this order (challenges, finalize) happens before the caller has recorded it.
    const QPointer<AcmeOrder> self(this);
    m_request.saveState(state, [self, order] {
        // `proceed` may be called on the caller's thread: continue on the order's own.
        if (!self) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, order] {
                if (self && !self->m_finished) {
                    self->fetchAuthorizations(order);
                }
            },
            Qt::QueuedConnection);
    });
}

void AcmeOrder::resumeOrder(const QString& orderUrl, const QString& newOrderUrl, const QString& replaces)
{
    progress(QStringLiteral("resuming the order for %1").arg(names()), 5);
    m_client->post(orderUrl, std::nullopt, QStringLiteral("read the interrupted order for %1").arg(names()),
                   [self = QPointer<AcmeOrder>(this), orderUrl, newOrderUrl, replaces](Result<AcmeResponse> response) {
                       if (!self) {
                           return;
                       }
                       if (!response) {
                           if (isTransientError(response.error())) {
                               self->failWith(response.error()); // try again later, with the same order
                               return;
                           }
                           self->m_note = QStringLiteral("The interrupted order %1 could not be resumed (%2); a new "
                                                         "order was placed.")
                                              .arg(orderUrl, response.message().section(QLatin1Char('\n'), 0, 0));
                           self->createOrder(newOrderUrl, replaces);
                           return;
                       }
                       self->m_orderUrl = orderUrl;
                       self->onResumedOrder(response->json, newOrderUrl, replaces);
                   });
}

void AcmeOrder::onResumedOrder(const QJsonObject& order, const QString& newOrderUrl, const QString& replaces)
{
    const QString status = order.value(QStringLiteral("status")).toString();
    m_finalizeUrl = order.value(QStringLiteral("finalize")).toString();
    log::get("connectors.acme")
        ->info("Resuming order {} for {} (status {})", m_orderUrl.toStdString(), names().toStdString(),
               status.toStdString());
    if (status == QLatin1String("valid")) {
        download(order.value(QStringLiteral("certificate")).toString());
        return;
    }
    if (status == QLatin1String("ready")) {
        finalizeOrder();
        return;
    }
    if (status == QLatin1String("processing")) {
        m_deadline = QDeadlineTimer(m_options.validationTimeout.count());
        onOrderState(order, std::nullopt);
        return;
    }
    if (status == QLatin1String("pending")) {
        fetchAuthorizations(order);
        return;
    }
    // invalid (failed validation, expired): this order cannot produce the certificate any more.
    m_note = QStringLiteral("The interrupted order %1 was \"%2\" and could not be resumed; a new order was placed.")
                 .arg(m_orderUrl, status.isEmpty() ? QStringLiteral("unknown") : status);
    m_orderUrl.clear();
    m_finalizeUrl.clear();
    createOrder(newOrderUrl, replaces);
}

} // namespace certdeck::acme
