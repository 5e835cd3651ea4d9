#include "engine/deploy/DeployerField.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace certdeck::deploy {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DeployerField", text);
}

QString valueOf(const DeployerField& field, const QVariantMap& values)
{
    const QString value = values.value(field.id).toString().trimmed();
    return value.isEmpty() ? field.defaultValue.trimmed() : value;
}

// What to enter, for the end of a message: the field's help, else its placeholder as an example.
QString hint(const DeployerField& field)
{
    if (!field.placeholder.isEmpty()) {
        return tr("e.g. %1").arg(field.placeholder);
    }
    return field.help;
}

QString withHint(const DeployerField& field, const QString& message)
{
    const QString example = hint(field);
    return example.isEmpty() ? QStringLiteral("%1: %2").arg(field.label, message)
                             : QStringLiteral("%1: %2, %3").arg(field.label, message, example);
}

bool isAbsolutePath(const QString& path)
{
    static const QRegularExpression windowsDrive(QStringLiteral("^[A-Za-z]:[\\\\/]"));
    return path.startsWith(QLatin1Char('/')) || path.startsWith(QStringLiteral("\\\\")) ||
           windowsDrive.match(path).hasMatch();
}

bool isPort(const QString& text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port >= 1 && port <= 65535;
}

bool isFlag(const QString& text)
{
    static const QStringList known = {QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("1"),
                                      QStringLiteral("0"),    QStringLiteral("yes"),   QStringLiteral("no")};
    return known.contains(text.toLower());
}

// Empty when the value is acceptable, else the problem.
QString checkValue(const DeployerField& field, const QString& value)
{
    switch (field.kind) {
    case DeployerField::Kind::Path:
        if (!isAbsolutePath(value)) {
            return withHint(field, tr("enter an absolute path (\"%1\" is relative)").arg(value));
        }
        break;
    case DeployerField::Kind::Port:
        if (!isPort(value)) {
            return withHint(field, tr("enter a port number from 1 to 65535 (\"%1\" is not one)").arg(value));
        }
        break;
    case DeployerField::Kind::HostPort: {
        const int colon = value.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || !isPort(value.mid(colon + 1))) {
            return withHint(field, tr("enter host:port with a port from 1 to 65535 (\"%1\" is not one)").arg(value));
        }
        break;
    }
    case DeployerField::Kind::Choice:
        if (!field.choices.contains(value)) {
            return QStringLiteral("%1: %2").arg(
                field.label,
                tr("choose one of %1 (\"%2\" is not one)").arg(field.choices.join(QStringLiteral(", ")), value));
        }
        break;
    case DeployerField::Kind::Flag:
        if (!isFlag(value)) {
            return QStringLiteral("%1: %2").arg(field.label, tr("enter true or false (\"%1\" is neither)").arg(value));
        }
        break;
    case DeployerField::Kind::Text:
    case DeployerField::Kind::Secret:
        break;
    }
    return {};
}

} // namespace

DeployerField makeField(DeployerField::Kind kind, const QString& id, const QString& label, bool required,
                        const QString& placeholder, const QString& help, const QString& defaultValue)
{
    DeployerField field;
    field.id = id;
    field.label = label;
    field.kind = kind;
    field.required = required;
    field.placeholder = placeholder;
    field.help = help;
    field.defaultValue = defaultValue;
    return field;
}

Status validateFieldValues(const QList<DeployerField>& schema, const QVariantMap& values)
{
    QStringList problems;
    for (const DeployerField& field : schema) {
        const QString value = valueOf(field, values);
        if (value.isEmpty()) {
            if (field.required) {
                problems << withHint(field, tr("this field is required"));
            }
            continue;
        }
        const QString problem = checkValue(field, value);
        if (!problem.isEmpty()) {
            problems << problem;
        }
    }
    if (!problems.isEmpty()) {
        return fail(problems.join(QLatin1Char('\n')), QStringLiteral("invalidFields"));
    }
    return {};
}

} // namespace certdeck::deploy
