#pragma once

#include "engine/ca/AcmeAdmin.h"

#include <QList>
#include <optional>

namespace certdeck::acme {

// The public ACME CAs the operator can pick, and "custom" for any other directory URL.
class AcmePresets
{
public:
    static QList<ca::AcmePreset> all();
    static std::optional<ca::AcmePreset> find(const QString& id);
};

} // namespace certdeck::acme
