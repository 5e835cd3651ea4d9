#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

// Every fuzz target defines this libFuzzer entry point. With -DCERTDECK_BUILD_FUZZ=ON it is linked with libFuzzer;
// in the ordinary build CorpusReplayer.cpp calls it for every file of the seed corpus and of the regressions.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace certdeck::fuzz {

// The input as the parsers get it in the product (from QFile::readAll, QProcess, a socket): a NUL-terminated copy.
inline QByteArray bytesOf(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

} // namespace certdeck::fuzz
