#include "connectors/acme/AcmeProblem.h"

#include <QJsonArray>
#include <QLocale>
#include <QStringList>

namespace certdeck::acme {
namespace {

const QLatin1String kAcmeUrn("urn:ietf:params:acme:error:");

QString identifierText(const QJsonObject& identifier)
{
    return identifier.value(QStringLiteral("value")).toString();
}

QString whenText(const QDateTime& at, const QDateTime& now)
{
    const qint64 seconds = std::max<qint64>(0, now.secsTo(at));
    QString in;
    if (seconds < 120) {
        in = QStringLiteral("%1 seconds").arg(seconds);
    } else if (seconds < 2 * 3600) {
        in = QStringLiteral("%1 minutes").arg((seconds + 59) / 60);
    } else {
        in = QStringLiteral("%1 hours").arg((seconds + 3599) / 3600);
    }
    return QStringLiteral("%1 UTC (in %2)").arg(at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), in);
}

QString advice(const QString& kind, const QJsonObject& problem, const std::optional<QDateTime>& retryAfter,
               const QDateTime& now)
{
    if (kind == QLatin1String("rateLimited")) {
        return retryAfter
                   ? QStringLiteral("The CA's rate limit was reached: retry after %1.").arg(whenText(*retryAfter, now))
                   : QStringLiteral("The CA's rate limit was reached: retry later (the CA did not say when).");
    }
    if (kind == QLatin1String("externalAccountRequired")) {
        return QStringLiteral("This CA requires External Account Binding (EAB): enter the EAB key ID and HMAC key "
                              "from your account at the CA in the connector settings.");
    }
    if (kind == QLatin1String("accountDoesNotExist")) {
        return QStringLiteral("The CA does not know this ACME account: register it again.");
    }
    if (kind == QLatin1String("rejectedIdentifier")) {
        return QStringLiteral("The CA will not issue for this name: remove it from the request or use another CA.");
    }
    if (kind == QLatin1String("unauthorized")) {
        return QStringLiteral("The CA refused the request for this account: check the domain validation and the "
                              "account's permissions at the CA.");
    }
    if (kind == QLatin1String("caa")) {
        return QStringLiteral("A CAA record of the domain forbids this CA: add the CA to the domain's CAA records.");
    }
    if (kind == QLatin1String("connection") || kind == QLatin1String("incorrectResponse") ||
        kind == QLatin1String("dns") || kind == QLatin1String("tls")) {
        return QStringLiteral("Check that the CA can reach the validation answer (web root, firewall, DNS).");
    }
    if (kind == QLatin1String("badCSR")) {
        return QStringLiteral("Check the key type and names of the certificate request.");
    }
    if (kind == QLatin1String("userActionRequired")) {
        const QString instance = problem.value(QStringLiteral("instance")).toString();
        return instance.isEmpty() ? QStringLiteral("The CA asks you to take an action at its web site.")
                                  : QStringLiteral("The CA asks you to visit %1 first.").arg(instance);
    }
    if (kind == QLatin1String("serverInternal")) {
        return QStringLiteral("The CA had an internal error: retry later.");
    }
    return {};
}

} // namespace

QString AcmeProblem::kindOf(const QJsonObject& problem)
{
    QString type = problem.value(QStringLiteral("type")).toString();
    if (type.startsWith(kAcmeUrn)) {
        type.remove(0, kAcmeUrn.size());
    }
    return type;
}

Error AcmeProblem::toError(const QJsonObject& problem, const QString& action, int httpStatus,
                           const std::optional<QDateTime>& retryAfter, const QDateTime& now)
{
    const QString kind = kindOf(problem);
    QString detail = problem.value(QStringLiteral("detail")).toString().trimmed();
    if (detail.isEmpty()) {
        detail = problem.value(QStringLiteral("title")).toString().trimmed();
    }
    QStringList parts;
    QString head = QStringLiteral("Could not %1: the CA answered").arg(action);
    if (!kind.isEmpty()) {
        head += QStringLiteral(" \"%1\"").arg(kind);
    } else if (httpStatus > 0) {
        head += QStringLiteral(" HTTP %1").arg(httpStatus);
    }
    head += detail.isEmpty() ? QStringLiteral(".") : QStringLiteral(": %1").arg(detail);
    if (!head.endsWith(QLatin1Char('.'))) {
        head += QLatin1Char('.');
    }
    parts << head;
    const QJsonArray subproblems = problem.value(QStringLiteral("subproblems")).toArray();
    for (const auto& value : subproblems) {
        const QJsonObject sub = value.toObject();
        const QString id = identifierText(sub.value(QStringLiteral("identifier")).toObject());
        QString line = id.isEmpty() ? QStringLiteral("-") : QStringLiteral("- %1:").arg(id);
        const QString subDetail = sub.value(QStringLiteral("detail")).toString().trimmed();
        if (!subDetail.isEmpty()) {
            line += QLatin1Char(' ') + subDetail;
        }
        const QString subKind = kindOf(sub);
        if (!subKind.isEmpty()) {
            line += QStringLiteral(" (%1)").arg(subKind);
        }
        parts << line;
    }
    const QString hint = advice(kind, problem, retryAfter, now);
    if (!hint.isEmpty()) {
        parts << hint;
    }
    return fail(parts.join(QLatin1Char('\n')), kind.isEmpty() ? QStringLiteral("acme") : kind);
}

Error AcmeProblem::httpError(int httpStatus, const QByteArray& body, const QString& action)
{
    QString excerpt = QString::fromUtf8(body.left(200)).simplified();
    QString message = QStringLiteral("Could not %1: the ACME server answered HTTP %2").arg(action).arg(httpStatus);
    if (!excerpt.isEmpty()) {
        message += QStringLiteral(" (%1)").arg(excerpt);
    }
    message += QStringLiteral(". Check the directory URL of the connector.");
    return fail(message, QStringLiteral("http"));
}

std::optional<QDateTime> AcmeProblem::parseRetryAfter(const QByteArray& header, const QDateTime& now)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0) {
            return std::nullopt;
        }
        return now.toUTC().addSecs(seconds);
    }
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (the obsolete forms are not sent by ACME servers).
    QDateTime at =
        QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid()) {
        return std::nullopt;
    }
    at.setTimeSpec(Qt::UTC);
    return at;
}

} // namespace certdeck::acme
