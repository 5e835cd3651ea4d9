#include "engine/jobs/ManualValidation.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace certdeck::jobs {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ManualValidation", text);
}

QJsonObject challengeToJson(const ManualChallenge& c)
{
    QJsonObject json{
        {QStringLiteral("identifier"), c.identifier},
        {QStringLiteral("type"), c.type},
    };
    const auto put = [&json](const char* key, const QString& value) {
        if (!value.isEmpty()) {
            json.insert(QLatin1String(key), value);
        }
    };
    put("url", c.url);
    put("fileName", c.fileName);
    put("filePath", c.filePath);
    put("content", c.content);
    put("recordName", c.recordName);
    put("recordValue", c.recordValue);
    return json;
}

ManualChallenge challengeFromJson(const QJsonObject& json)
{
    ManualChallenge c;
    c.identifier = json.value(QStringLiteral("identifier")).toString();
    c.type = json.value(QStringLiteral("type")).toString();
    c.url = json.value(QStringLiteral("url")).toString();
    c.fileName = json.value(QStringLiteral("fileName")).toString();
    c.filePath = json.value(QStringLiteral("filePath")).toString();
    c.content = json.value(QStringLiteral("content")).toString();
    c.recordName = json.value(QStringLiteral("recordName")).toString();
    c.recordValue = json.value(QStringLiteral("recordValue")).toString();
    return c;
}

QString challengeStep(const ManualChallenge& c)
{
    if (c.type == QLatin1String("dns-01")) {
        return tr("%1: Publish a TXT record %2 with the value %3").arg(c.identifier, c.recordName, c.recordValue);
    }
    if (c.filePath.isEmpty()) {
        return tr("%1: Create a file named %2 served at %3 containing exactly: %4")
            .arg(c.identifier, c.fileName, c.url, c.content);
    }
    return tr("%1: Create the file %2 containing exactly: %3").arg(c.identifier, c.filePath, c.content);
}

} // namespace

QJsonObject ManualValidation::toJson() const
{
    QJsonArray list;
    for (const ManualChallenge& challenge : challenges) {
        list.append(challengeToJson(challenge));
    }
    QJsonObject json{
        {QStringLiteral("reason"), reason},
        {QStringLiteral("challenges"), list},
    };
    if (deadline.isValid()) {
        json.insert(QStringLiteral("deadline"), deadline.toUTC().toString(Qt::ISODateWithMs));
    }
    return json;
}

ManualValidation ManualValidation::fromJson(const QJsonObject& json)
{
    ManualValidation validation;
    validation.reason = json.value(QStringLiteral("reason")).toString();
    const QString deadline = json.value(QStringLiteral("deadline")).toString();
    if (!deadline.isEmpty()) {
        validation.deadline = QDateTime::fromString(deadline, Qt::ISODateWithMs);
    }
    const QJsonArray list = json.value(QStringLiteral("challenges")).toArray();
    for (const QJsonValue& value : list) {
        validation.challenges.append(challengeFromJson(value.toObject()));
    }
    return validation;
}

QString ManualValidation::instructions() const
{
    QStringList lines;
    int step = 1;
    for (const ManualChallenge& challenge : challenges) {
        lines.append(QStringLiteral("%1. %2").arg(step++).arg(challengeStep(challenge)));
    }
    if (deadline.isValid()) {
        lines.append(tr("%1. Then confirm that validation is done before %2; after that the order is abandoned.")
                         .arg(step)
                         .arg(deadline.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))));
    } else {
        lines.append(tr("%1. Then confirm that validation is done.").arg(step));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace certdeck::jobs
