#pragma once

#include "engine/crypto/Certificate.h"

#include <QList>

namespace certdeck::fuzz {

// Reads every field the console shows of a certificate (details pane, inventory columns, fingerprints), the way
// an imported or discovered certificate is used after parsing.
void inspectCertificate(const crypto::Certificate& certificate);
void inspectChain(const QList<crypto::Certificate>& chain);

} // namespace certdeck::fuzz
