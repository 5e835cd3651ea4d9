// Linked into every libFuzzer binary (not the replayers). libFuzzer still checks each input for leaks; only the
// check at process exit is off: OpenSSL's atexit cleanup frees the provider store but not the "legacy" and
// "default" providers engine/crypto/Pkcs12.cpp loads once for the process, so they would be reported (against
// whatever input ran last) although nothing is lost.
extern "C" const char* __lsan_default_options()
{
    return "leak_check_at_exit=0";
}
