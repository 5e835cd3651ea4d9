#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace certdeck::csv {

// One CSV cell: RFC 4180 quoting (quotes doubled, the cell quoted when it holds a comma, quote, CR or LF), and
// safe to open in a spreadsheet: a cell starting with = + - @ (or a tab / CR) is prefixed with a single quote so
// it is never evaluated as a formula. Every CSV the console writes (audit export, dashboard view) goes through it.
QString field(const QString& value);

// The cells escaped with field(), joined with commas and ended with CRLF, as UTF-8.
QByteArray record(const QStringList& cells);

} // namespace certdeck::csv
