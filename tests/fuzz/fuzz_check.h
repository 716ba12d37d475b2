// What a fuzz harness uses beside the function under test: a property check that stops the run
// (so that libFuzzer keeps the input that broke it) and reading the repository's files.
#ifndef THAKSA_TESTS_FUZZ_FUZZ_CHECK_H_
#define THAKSA_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// Aborts with `message` when `condition` is false: a broken property is a finding, like a crash.
#define FUZZ_CHECK(condition, message)                                              \
  do {                                                                              \
    if (!(condition)) {                                                             \
      std::fprintf(stderr, "%s:%d: property broken: %s (%s)\n", __FILE__, __LINE__, \
                   message, #condition);                                            \
      std::abort();                                                                 \
    }                                                                               \
  } while (false)

#endif  // THAKSA_TESTS_FUZZ_FUZZ_CHECK_H_
