// The ordinary build's form of a fuzz target: feeds every file of the directories (or files) named on the command
// line to LLVMFuzzerTestOneInput, so the seed corpus and every saved crash stay green in ctest without libFuzzer.
// A directory that does not exist is skipped with a note (a target without regressions yet); replaying nothing fails.
#include "FuzzInput.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::filesystem::path> inputsOf(const std::filesystem::path& where)
{
    std::vector<std::filesystem::path> inputs;
    std::error_code error;
    if (std::filesystem::is_regular_file(where, error)) {
        inputs.push_back(where);
    } else if (std::filesystem::is_directory(where, error)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(where, error)) {
            if (entry.is_regular_file(error)) {
                inputs.push_back(entry.path());
            }
        }
    }
    std::sort(inputs.begin(), inputs.end());
    return inputs;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path where(argv[i]);
        if (!std::filesystem::exists(where)) {
            std::printf("skipped %s: it does not exist\n", argv[i]);
            continue;
        }
        const auto inputs = inputsOf(where);
        for (const auto& input : inputs) {
            std::ifstream file(input, std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
            if (!file.good() && !file.eof()) {
                std::fprintf(stderr, "cannot read %s\n", input.c_str());
                return 1;
            }
            std::printf("replaying %s (%zu bytes)\n", input.c_str(), bytes.size());
            std::fflush(stdout); // the last name printed is the input that crashed
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        }
        std::printf("%s: %zu inputs\n", argv[i], inputs.size());
        replayed += inputs.size();
    }
    if (replayed == 0) {
        std::fprintf(stderr, "no input was replayed: the seed corpus is missing\n");
        return 1;
    }
    std::printf("replayed %zu inputs without a crash\n", replayed);
    return 0;
}
