#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <utility>

namespace certdeck::test {

// A fake server of tests/fakes/java (WildFly's or WebLogic's management API with a real JVM TLS listener), started as
// `java -cp <jar> <mainClass> <arguments>` with an argv list, no shell. The test's own test passwords reach it on
// standard input ("key=value" lines, then "."), never in argv, environment or a file; control lines (an injected
// failure) follow on the same channel. It prints "ready" once every port listens. Stopped by PID when the fixture
// goes away; its output goes to `logFile` for failure messages.
class JavaFakeServerFixture
{
public:
    JavaFakeServerFixture(QString jar, QString mainClass, QString logFile);
    ~JavaFakeServerFixture();
    JavaFakeServerFixture(const JavaFakeServerFixture&) = delete;
    JavaFakeServerFixture& operator=(const JavaFakeServerFixture&) = delete;

    // False with a reason when java or the fakes' jar is missing (tests QSKIP then).
    static bool isAvailable(const QString& jar, QString* reason);

    Status start(const QStringList& arguments, const QList<std::pair<QString, QByteArray>>& secrets,
                 int timeoutMs = 30000);
    Status command(const QByteArray& line); // one control line, e.g. "fail-next-activate <detail>"
    void stop();
    QString log() const; // the end of the fake's output

private:
    QString m_jar;
    QString m_mainClass;
    QString m_logFile;
    std::unique_ptr<QProcess> m_process;
};

} // namespace certdeck::test
