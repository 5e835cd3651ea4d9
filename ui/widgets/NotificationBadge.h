#pragma once

#include "engine/store/NotificationRepository.h"

#include <QToolButton>

#include <memory>

class QMenu;

namespace certdeck::store {
class Database;
}
namespace certdeck::notify {
class Notifier;
}

namespace certdeck::ui {

// Tool bar button with the number of unseen notifications; its menu lists the recent ones and "Mark All Seen".
// Counts and lists load off the GUI thread; it updates when the Notifier adds one.
class NotificationBadge : public QToolButton
{
    Q_OBJECT

public:
    NotificationBadge(std::shared_ptr<store::Database> db, notify::Notifier* notifier, QWidget* parent = nullptr);

    int unseenCount() const { return m_unseen; }
    void reload();
    void markAllSeen();

Q_SIGNALS:
    void reloaded(int unseenCount);

private:
    void showSnapshot(int unseen, const QList<Notification>& recent);

    std::shared_ptr<store::Database> m_db;
    QMenu* m_menu = nullptr;
    int m_unseen = 0;
    int m_generation = 0;
};

} // namespace certdeck::ui
