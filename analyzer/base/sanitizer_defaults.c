/* sanitizer_defaults.c - the sanitizer options a FEARLESS_SANITIZE build runs with, compiled into
 * each of its executables (fearless, the unit tests, the fuzz target) so that they hold however
 * the program is started (ctest, the UI harness, by hand). ASAN_OPTIONS and the others still
 * override them.
 *
 * fearless exits 0, 1 or 2, and a UI test that expects findings expects 1, which is also ASan's
 * default exit code: a report must end the process with a code no test expects (86 for ASan and
 * UBSan, 87 for LeakSanitizer) so that it fails the test that caused it. UBSan is built with
 * -fno-sanitize-recover and prints a stack trace. */

const char *__asan_default_options(void);
const char *__ubsan_default_options(void);
const char *__lsan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *__asan_default_options(void)
{
    return "exitcode=86:detect_leaks=1";
}

const char *__ubsan_default_options(void)
{
    return "halt_on_error=1:print_stacktrace=1:exitcode=86";
}

const char *__lsan_default_options(void)
{
    return "exitcode=87";
}

/* libclang leaks on some malformed input (a bare parse and dispose of
   `void f(void) __attribute__((exclusive_locks_required(k->mutex)S)_)_;` leaks 184 bytes; the
   fuzzer found it, fuzz/regressions keeps it). Its C++ allocations go through libstdc++'s
   operator new, which fearless, written in C, never calls: a leak allocated there is libclang's,
   and is not fearless's to fix. Leaks of fearless's own memory are still reported. */
const char *__lsan_default_suppressions(void)
{
    return "leak:libstdc++.so\n";
}
