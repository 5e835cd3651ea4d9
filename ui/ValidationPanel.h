#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Job.h"
#include "engine/jobs/ManualValidation.h"

#include <QGroupBox>

#include <functional>

class QGridLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace certdeck::ui {

class FieldMessage;

// Manual domain validation for the selected certificate: when its latest job waits in AwaitingValidation, shows why,
// what to publish for each name (values in read-only fields with Copy buttons), the deadline, and "Validation done",
// which asks the engine to continue the order. Hidden for any other job.
class ValidationPanel : public QGroupBox
{
    Q_OBJECT
public:
    // How "Validation done" reaches the engine (LifecycleService::confirmValidation in the console).
    using ConfirmHandler = std::function<void(qint64 jobId, QObject* context, std::function<void(Status)> done)>;

    explicit ValidationPanel(QWidget* parent = nullptr);

    void setConfirmHandler(ConfirmHandler handler);
    // The certificate's latest job; the panel shows itself only when it awaits validation.
    void setJob(const Job& job);
    void clear();

    qint64 jobId() const { return m_job.id; }
    const jobs::ManualValidation& validation() const { return m_validation; }
    QString statusText() const;

public Q_SLOTS:
    // From LifecycleService::jobChanged: follows the shown job (the panel hides once it moves on).
    void updateJob(const certdeck::Job& job);

Q_SIGNALS:
    void confirmed(qint64 jobId); // the engine accepted "Validation done"
    void statusMessage(const QString& message);

private:
    void rebuild();
    void addValue(QWidget* parent, QGridLayout* grid, int row, const QString& label, const QString& value,
                  const QString& name, const QString& copyTip);
    void updateDeadline();
    void confirm();

    ConfirmHandler m_confirm;
    Job m_job;
    jobs::ManualValidation m_validation;
    QLabel* m_reason = nullptr;
    QWidget* m_challenges = nullptr;
    QVBoxLayout* m_challengeLayout = nullptr;
    QLabel* m_deadline = nullptr;
    QPushButton* m_done = nullptr;
    QLabel* m_progress = nullptr;
    FieldMessage* m_error = nullptr;
    bool m_confirming = false;
};

} // namespace certdeck::ui
