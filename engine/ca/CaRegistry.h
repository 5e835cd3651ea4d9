#pragma once

#include "engine/ca/CaConnector.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace certdeck::ca {

// The CA connectors the operator can choose ("CA" and "CA Connector Name" in the wizard). The app fills it.
class CaRegistry
{
public:
    void add(std::shared_ptr<CaConnector> connector);
    void removeAll(const QString& caType);
    void remove(const QString& caType, const QString& name);
    std::shared_ptr<CaConnector> find(const QString& caType, const QString& name) const;
    QList<std::shared_ptr<CaConnector>> connectors(const QString& caType = {}) const;
    QStringList caTypes() const;

private:
    std::vector<std::shared_ptr<CaConnector>> m_connectors;
};

} // namespace certdeck::ca
