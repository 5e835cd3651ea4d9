#include "ui/widgets/ActivityIndicator.h"

#include "ui/DisplayNames.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace certdeck::ui {

ActivityIndicator::ActivityIndicator(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("activityIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(false);
    refresh();
}

int ActivityIndicator::beginBusy(const QString& text)
{
    const int token = m_nextToken++;
    m_busy.insert(token, text);
    refresh();
    return token;
}

void ActivityIndicator::endBusy(int token)
{
    m_busy.remove(token);
    refresh();
}

void ActivityIndicator::updateJob(const Job& job, const QString& certificateName)
{
    if (isFinal(job.state)) {
        m_jobs.remove(job.id);
    } else {
        m_jobs.insert(job.id, RunningJob{job, certificateName});
    }
    refresh();
}

bool ActivityIndicator::isActive() const
{
    return !m_busy.isEmpty() || !m_jobs.isEmpty();
}

QString ActivityIndicator::text() const
{
    return m_label->text();
}

void ActivityIndicator::refresh()
{
    setVisible(isActive());
    if (!m_jobs.isEmpty()) {
        int total = 0;
        for (const RunningJob& running : std::as_const(m_jobs)) {
            total += running.job.progress;
        }
        const RunningJob& first = m_jobs.first();
        QString text = tr("%1 %2: %3").arg(jobActionDisplayName(first.job.action), first.name, first.job.step);
        if (m_jobs.size() > 1) {
            text += tr(" (+%n more)", nullptr, static_cast<int>(m_jobs.size() - 1));
        }
        m_label->setText(text);
        m_bar->setRange(0, 100);
        m_bar->setValue(total / static_cast<int>(m_jobs.size()));
    } else if (!m_busy.isEmpty()) {
        m_label->setText(m_busy.last());
        m_bar->setRange(0, 0); // busy
    } else {
        m_label->clear();
        m_bar->setRange(0, 100);
        m_bar->setValue(0);
    }
}

} // namespace certdeck::ui
