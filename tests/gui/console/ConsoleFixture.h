#pragma once

#include "app/common/Engine.h"
#include "ui/UiServices.h"

#include <QTemporaryDir>

#include <memory>

namespace certdeck::jobs {
class LifecycleService;
}

namespace certdeck::test {

// The console's real engine, wired by app::openEngine exactly as app/certdeck does, over a throw-away SQLite
// inventory, with its own bot state directory and keychain service name.
class ConsoleFixture
{
public:
    ConsoleFixture();
    ~ConsoleFixture();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString dir() const { return m_dir.path(); }
    QString databaseUrl() const;
    ui::UiServices services() const;

    jobs::LifecycleService& lifecycle() const { return *m_engine->lifecycle; }
    ca::CaRegistry& cas() { return m_engine->cas; }
    secrets::SecretStore& secrets() { return m_engine->secrets; }

private:
    QTemporaryDir m_dir;
    QString m_error;
    std::unique_ptr<app::Engine> m_engine;
};

} // namespace certdeck::test
