#pragma once

#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QStackedWidget;

namespace certdeck::ui {

class ValidationPanel;

// The selected certificate: identity, validity, key, fingerprint, SANs, status, its job history and, when its latest
// job waits for manual domain validation, what to publish.
class CertificateDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit CertificateDetailsPane(QWidget* parent = nullptr);

    void setCertificate(const CertificateRecord& record);
    void setJobs(const QList<Job>& jobs);
    void setJobsMessage(const QString& message);
    void clear();

    qint64 certificateId() const { return m_certificateId; }
    // Shown while the latest job awaits manual domain validation.
    ValidationPanel* validationPanel() const { return m_validation; }
    QString fieldText(const QString& field) const;     // by object name, for tests
    QTreeWidget* jobHistory() const { return m_jobs; } // newest first: action, state, step, message, times

private:
    qint64 m_certificateId = 0;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_form = nullptr;
    QList<QLabel*> m_values;
    QTreeWidget* m_jobs = nullptr;
    ValidationPanel* m_validation = nullptr;
};

} // namespace certdeck::ui
