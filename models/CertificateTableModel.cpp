#include "models/CertificateTableModel.h"
