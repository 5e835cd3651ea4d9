#include "engine/store/InventoryFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace certdeck::store::inventory_files {
namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

Status setMode(const QString& path, mode_t mode, const QString& what)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        return errno == ENOENT
                   ? Status()
                   : Status(fail(QStringLiteral("Could not check the %1 \"%2\": %3.").arg(what, path, errnoText()),
                                 QStringLiteral("io")));
    }
    if (S_ISLNK(st.st_mode)) {
        return fail(QStringLiteral("The %1 \"%2\" is a symbolic link. Move the real file there (CertDeck does not "
                                   "follow links for its inventory).")
                        .arg(what, path),
                    QStringLiteral("io"));
    }
    if ((st.st_mode & 07777) == mode) {
        return {};
    }
    if (::chmod(QFile::encodeName(path).constData(), mode) != 0) {
        return fail(QStringLiteral("Could not make the %1 \"%2\" private (mode %3): %4. Check that the file "
                                   "belongs to you.")
                        .arg(what, path, QString::number(mode, 8), errnoText()),
                    QStringLiteral("io"));
    }
    return {};
}

} // namespace

PrivateUmask::PrivateUmask()
    : m_previous(::umask(077))
{
}

PrivateUmask::~PrivateUmask()
{
    ::umask(m_previous);
}

QStringList companionPaths(const QString& databasePath)
{
    return {databasePath + QStringLiteral("-wal"), databasePath + QStringLiteral("-shm"),
            databasePath + QStringLiteral("-journal")};
}

Status prepareFolder(const QString& databasePath, bool ownFolder)
{
    const QString folder = QFileInfo(databasePath).absolutePath();
    QStringList missing;
    for (QString dir = folder; !QFileInfo::exists(dir); dir = QFileInfo(dir).absolutePath()) {
        missing.prepend(dir);
        if (QDir(dir).isRoot()) {
            break;
        }
    }
    for (const QString& dir : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST) {
            return fail(QStringLiteral("Could not create the inventory folder \"%1\": %2. Check that you may write "
                                       "to its parent folder.")
                            .arg(dir, errnoText()),
                        QStringLiteral("io"));
        }
        // mkdir applies the umask: make sure of 0700 whatever it was.
        if (Status made = setMode(dir, 0700, QStringLiteral("inventory folder")); !made) {
            return made;
        }
    }
    if (ownFolder && missing.isEmpty()) {
        return setMode(folder, 0700, QStringLiteral("inventory folder"));
    }
    return {};
}

Status tightenModes(const QString& databasePath)
{
    if (Status db = setMode(databasePath, 0600, QStringLiteral("inventory database")); !db) {
        return db;
    }
    for (const QString& companion : companionPaths(databasePath)) {
        if (Status s = setMode(companion, 0600, QStringLiteral("inventory database file")); !s) {
            return s;
        }
    }
    return {};
}

} // namespace certdeck::store::inventory_files
