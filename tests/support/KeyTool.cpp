#include "tests/support/KeyTool.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace certdeck::test {

namespace {

QString keytoolPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("keytool"));
}

// The lines of `alias`'s block in `keytool -list -v` output (from its "Alias name:" to the next one).
QStringList blockOf(const QString& output, const QString& alias)
{
    QStringList block;
    bool inside = false;
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Alias name: "))) {
            inside = line.mid(12).trimmed().compare(alias, Qt::CaseInsensitive) == 0;
        }
        if (inside) {
            block << line;
        }
    }
    return block;
}

} // namespace

bool KeyTool::isAvailable(QString* reason)
{
    if (keytoolPath().isEmpty()) {
        *reason = QStringLiteral("keytool is not installed (apt-get install default-jdk-headless)");
        return false;
    }
    return true;
}

QString KeyTool::fingerprintOf(const crypto::Certificate& certificate)
{
    const QString hex = certificate.fingerprintSha256().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        pairs << hex.mid(i, 2);
    }
    return pairs.join(QLatin1Char(':'));
}

KeyTool::Outcome KeyTool::run(const QStringList& arguments, const QByteArray& stdinText)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(keytoolPath(), arguments);
    Outcome outcome;
    if (!process.waitForStarted(10000)) {
        outcome.output = QStringLiteral("keytool did not start: ") + process.errorString();
        return outcome;
    }
    process.write(stdinText);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished(5000);
        outcome.output = QStringLiteral("keytool did not finish within 120 s");
        return outcome;
    }
    outcome.output = QString::fromUtf8(process.readAll());
    outcome.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return outcome;
}

KeyTool::Listing KeyTool::list(const QString& storePath, const QByteArray& password)
{
    const Outcome outcome =
        run({QStringLiteral("-list"), QStringLiteral("-v"), QStringLiteral("-keystore"), storePath}, password + '\n');
    Listing listing;
    listing.ok = outcome.ok;
    listing.output = outcome.output;
    static const QRegularExpression type(QStringLiteral("Keystore type: (\\S+)"));
    listing.storeType = type.match(outcome.output).captured(1);
    static const QRegularExpression alias(QStringLiteral("^Alias name: (.+)$"), QRegularExpression::MultilineOption);
    for (auto it = alias.globalMatch(outcome.output); it.hasNext();) {
        listing.aliases << it.next().captured(1).trimmed();
    }
    return listing;
}

int KeyTool::Listing::chainLength(const QString& alias) const
{
    const QStringList block = blockOf(output, alias);
    if (block.isEmpty()) {
        return -1;
    }
    for (const QString& line : block) {
        if (line.startsWith(QLatin1String("Certificate chain length: "))) {
            return line.mid(26).trimmed().toInt();
        }
    }
    return 0;
}

QString KeyTool::Listing::entryType(const QString& alias) const
{
    for (const QString& line : blockOf(output, alias)) {
        if (line.startsWith(QLatin1String("Entry type: "))) {
            return line.mid(12).trimmed();
        }
    }
    return {};
}

QStringList KeyTool::Listing::fingerprints(const QString& alias) const
{
    QStringList result;
    for (const QString& line : blockOf(output, alias)) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("SHA256: "))) {
            result << trimmed.mid(8).trimmed();
        }
    }
    return result;
}

KeyTool::Outcome KeyTool::generateKeyPair(const QString& storePath, const QString& storeType,
                                          const QByteArray& password, const QString& alias,
                                          const QString& distinguishedName)
{
    // A new store asks for its password twice; an existing one once. keytool reads what it needs.
    const QByteArray answers = password + '\n' + password + '\n';
    return run({QStringLiteral("-genkeypair"), QStringLiteral("-keyalg"), QStringLiteral("RSA"),
                QStringLiteral("-keysize"), QStringLiteral("2048"), QStringLiteral("-validity"), QStringLiteral("30"),
                QStringLiteral("-alias"), alias, QStringLiteral("-dname"), distinguishedName,
                QStringLiteral("-storetype"), storeType, QStringLiteral("-keystore"), storePath},
               QFileInfo::exists(storePath) ? QByteArray(password + '\n') : answers);
}

KeyTool::Outcome KeyTool::importTrusted(const QString& storePath, const QString& storeType, const QByteArray& password,
                                        const QString& alias, const QString& certificateFile)
{
    const QByteArray answers =
        QFileInfo::exists(storePath) ? QByteArray(password + '\n') : QByteArray(password + '\n' + password + '\n');
    return run({QStringLiteral("-importcert"), QStringLiteral("-noprompt"), QStringLiteral("-alias"), alias,
                QStringLiteral("-file"), certificateFile, QStringLiteral("-storetype"), storeType,
                QStringLiteral("-keystore"), storePath},
               answers);
}

KeyTool::Outcome KeyTool::convert(const QString& from, const QString& fromType, const QString& to,
                                  const QString& toType, const QByteArray& password)
{
    // Destination password twice (new store), then the source password.
    return run({QStringLiteral("-importkeystore"), QStringLiteral("-noprompt"), QStringLiteral("-srckeystore"), from,
                QStringLiteral("-srcstoretype"), fromType, QStringLiteral("-destkeystore"), to,
                QStringLiteral("-deststoretype"), toType},
               password + '\n' + password + '\n' + password + '\n');
}

} // namespace certdeck::test
