#pragma once

#include "app/common/Engine.h"
#include "ui/UiServices.h"

#include <QTemporaryDir>

#include <memory>

namespace certdeck::ui {
class MainWindow;
}

namespace certdeck::test {

// The console's real engine (app::openEngine, as app/certdeck wires it) over a throw-away SQLite inventory, with
// the shared database in UiServices (CSR templates, bots), a main window, and the built-in CA "office-ca" created
// the way the operator does it (CA > Create Built-in CA).
class WizardFixture
{
public:
    WizardFixture();
    ~WizardFixture();

    // Creates the main window and the built-in CA; QVERIFY-style: the test fails when this fails.
    void start();

    QString dir() const { return m_dir.path(); }
    ui::UiServices services() const;
    app::Engine& engine() { return *m_engine; }
    ui::MainWindow& window() { return *m_window; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::Engine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace certdeck::test
