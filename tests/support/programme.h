// The programme set-up most end-to-end tests share: an agency tree, the shipped framework
// versions (through the same seed step tools/run uses), and an agency following CS-2018.
#ifndef THAKSA_TESTS_SUPPORT_PROGRAMME_H_
#define THAKSA_TESTS_SUPPORT_PROGRAMME_H_

#include <string>

#include "tests/support/test_server.h"

namespace thaksa::testing {

// Registers the training institute TDGA (ทีดีจีเอ), as tokens of its role need.
void RegisterInstitute(TestServer& server);

// Imports `agencies_csv` (the `thaksa agencies import` format), seeds deploy/frameworks and lets
// `agency` (and so the agencies below it) follow CS-2018 from 1 October 2025, and registers the
// institute TDGA. Failures are
// reported as test failures.
void SetUpProgramme(TestServer& server, const std::string& agencies_csv,
                    const std::string& agency = "MDES");

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_PROGRAMME_H_
