#include "engine/notify/EventHook.h"

#include "engine/store/SettingsRepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTimer>

namespace certdeck::notify {
namespace {

const QString kProgram = QStringLiteral("eventHook.program");
const QString kArguments = QStringLiteral("eventHook.arguments");
const QString kTimeout = QStringLiteral("eventHook.timeoutSecs");

} // namespace

Result<HookConfig> loadHookConfig(const store::Database& db)
{
    store::SettingsRepository settings(db);
    HookConfig config;
    auto program = settings.value(kProgram);
    if (!program) {
        return program.error();
    }
    config.program = *program;
    auto arguments = settings.value(kArguments, QStringLiteral("[]"));
    if (!arguments) {
        return arguments.error();
    }
    const QJsonDocument doc = QJsonDocument::fromJson(arguments->toUtf8());
    if (!doc.isArray()) {
        return fail(QStringLiteral("The event hook's arguments are not a JSON array of strings. Set the hook again "
                                   "(certdeckctl hook set <program> [args...])."));
    }
    for (const QJsonValue& value : doc.array()) {
        config.arguments.append(value.toString());
    }
    auto timeout = settings.value(kTimeout, QStringLiteral("30"));
    if (!timeout) {
        return timeout.error();
    }
    bool ok = false;
    const int secs = timeout->toInt(&ok);
    config.timeoutSecs = ok && secs > 0 ? secs : 30;
    return config;
}

Status saveHookConfig(const store::Database& db, const HookConfig& config)
{
    if (config.program.isEmpty()) {
        return fail(QStringLiteral("The event hook needs a program to run."));
    }
    store::SettingsRepository settings(db);
    if (auto s = settings.setValue(kProgram, config.program); !s) {
        return s;
    }
    const QByteArray args = QJsonDocument(QJsonArray::fromStringList(config.arguments)).toJson(QJsonDocument::Compact);
    if (auto s = settings.setValue(kArguments, QString::fromUtf8(args)); !s) {
        return s;
    }
    return settings.setValue(kTimeout, QString::number(config.timeoutSecs > 0 ? config.timeoutSecs : 30));
}

Status clearHookConfig(const store::Database& db)
{
    store::SettingsRepository settings(db);
    for (const QString& key : {kProgram, kArguments, kTimeout}) {
        if (auto s = settings.remove(key); !s) {
            return s;
        }
    }
    return {};
}

HookRun::HookRun(const HookConfig& config, Done done, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_done(std::move(done))
    , m_process(new QProcess(this))
{
}

HookRun* HookRun::start(const HookConfig& config, const QByteArray& stdinData, Done done, QObject* parent)
{
    auto* run = new HookRun(config, std::move(done), parent);
    QProcess* process = run->m_process;
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardOutputFile(QProcess::nullDevice());
    QObject::connect(process, &QProcess::started, run, [process, stdinData]() {
        process->write(stdinData);
        process->closeWriteChannel();
    });
    QObject::connect(process, &QProcess::errorOccurred, run, [run](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            run->finish(QStringLiteral("the hook program %1 could not be started (%2); check the path and that it "
                                       "is executable")
                            .arg(run->m_config.program, run->m_process->errorString()));
        }
    });
    QObject::connect(process, &QProcess::finished, run, [run](int exitCode, QProcess::ExitStatus status) {
        if (run->m_timedOut) {
            run->finish(QStringLiteral("the hook program %1 did not finish within %2 s and was killed")
                            .arg(run->m_config.program)
                            .arg(run->m_config.timeoutSecs));
        } else if (status == QProcess::CrashExit) {
            run->finish(QStringLiteral("the hook program %1 crashed").arg(run->m_config.program));
        } else if (exitCode != 0) {
            run->finish(
                QStringLiteral("the hook program %1 exited with code %2").arg(run->m_config.program).arg(exitCode));
        } else {
            run->finish({});
        }
    });
    auto* timer = new QTimer(run);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, run, [run]() {
        if (run->m_process->state() != QProcess::NotRunning) {
            run->m_timedOut = true;
            run->m_process->kill();
        }
    });
    timer->start(std::chrono::seconds(qMax(1, config.timeoutSecs)));
    process->start(config.program, config.arguments, QIODevice::ReadWrite);
    return run;
}

void HookRun::finish(const QString& failure)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    if (m_done) {
        m_done(failure);
    }
    deleteLater();
}

QString runHookAndWait(const HookConfig& config, const QByteArray& stdinData)
{
    QEventLoop loop;
    QString result;
    bool done = false;
    HookRun::start(config, stdinData, [&](const QString& failure) {
        result = failure;
        done = true;
        loop.quit();
    });
    if (!done) {
        loop.exec();
    }
    return result;
}

} // namespace certdeck::notify
