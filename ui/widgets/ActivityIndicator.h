#pragma once

#include "engine/domain/Job.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace certdeck::ui {

// Status-bar progress: a busy bar while inventory work runs, a percentage while jobs run
// (fed by LifecycleService::jobChanged). Hidden when nothing is running.
class ActivityIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityIndicator(QWidget* parent = nullptr);

    // Returns a token for endBusy().
    int beginBusy(const QString& text);
    void endBusy(int token);
    void updateJob(const Job& job, const QString& certificateName);

    bool isActive() const;
    QString text() const;

private:
    void refresh();

    QLabel* m_label = nullptr;
    QProgressBar* m_bar = nullptr;
    QMap<int, QString> m_busy;
    int m_nextToken = 1;
    struct RunningJob
    {
        Job job;
        QString name;
    };
    QMap<qint64, RunningJob> m_jobs;
};

} // namespace certdeck::ui
