#include "ui/widgets/NotificationBadge.h"

#include "engine/notify/Notifier.h"
#include "engine/store/Database.h"

#include <QMenu>
#include <QPointer>
#include <QtConcurrent>

namespace certdeck::ui {
namespace {

struct Snapshot
{
    int unseen = 0;
    QList<Notification> recent;
    QString error;
};

} // namespace

NotificationBadge::NotificationBadge(std::shared_ptr<store::Database> db, notify::Notifier* notifier, QWidget* parent)
    : QToolButton(parent)
    , m_db(std::move(db))
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("notificationBadge"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setMenu(m_menu);
    setText(tr("Notifications"));
    if (notifier) {
        connect(notifier, &notify::Notifier::notified, this, &NotificationBadge::reload);
    }
    connect(m_menu, &QMenu::aboutToShow, this, &NotificationBadge::reload);
    reload();
}

void NotificationBadge::reload()
{
    if (!m_db) {
        return;
    }
    const int generation = ++m_generation;
    const std::shared_ptr<store::Database> db = m_db;
    QPointer<NotificationBadge> self(this);
    QtConcurrent::run([db]() {
        Snapshot snapshot;
        store::NotificationRepository repo(*db);
        auto count = repo.unseenCount();
        auto recent = repo.recent(20);
        if (!count || !recent) {
            snapshot.error = !count ? count.message() : recent.message();
            return snapshot;
        }
        snapshot.unseen = *count;
        snapshot.recent = *recent;
        return snapshot;
    }).then(this, [this, self, generation](Snapshot snapshot) {
        if (!self || generation != m_generation) {
            return;
        }
        if (!snapshot.error.isEmpty()) {
            setToolTip(snapshot.error);
            return;
        }
        showSnapshot(snapshot.unseen, snapshot.recent);
    });
}

void NotificationBadge::showSnapshot(int unseen, const QList<Notification>& recent)
{
    m_unseen = unseen;
    setText(unseen > 0 ? tr("Notifications (%1)").arg(unseen) : tr("Notifications"));
    setToolTip(tr("%n unseen notification(s)", nullptr, unseen));
    m_menu->clear();
    if (recent.isEmpty()) {
        m_menu->addAction(tr("No notifications"))->setEnabled(false);
    }
    for (const Notification& n : recent) {
        QAction* action =
            m_menu->addAction(QStringLiteral("%1%2").arg(n.seen ? QString() : QStringLiteral("\u2022 "), n.title));
        action->setToolTip(n.message);
        action->setStatusTip(n.message);
    }
    m_menu->addSeparator();
    QAction* markAll = m_menu->addAction(tr("Mark All Seen"));
    markAll->setObjectName(QStringLiteral("markAllSeen"));
    markAll->setEnabled(unseen > 0);
    connect(markAll, &QAction::triggered, this, &NotificationBadge::markAllSeen);
    Q_EMIT reloaded(unseen);
}

void NotificationBadge::markAllSeen()
{
    const std::shared_ptr<store::Database> db = m_db;
    QPointer<NotificationBadge> self(this);
    QtConcurrent::run([db]() {
        return store::NotificationRepository(*db).markAllSeen();
    }).then(this, [this, self](Status status) {
        if (!self) {
            return;
        }
        if (!status) {
            setToolTip(status.message());
        }
        reload();
    });
}

} // namespace certdeck::ui
