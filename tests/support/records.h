// Test data shared by the end-to-end tests.
#ifndef THAKSA_TESTS_SUPPORT_RECORDS_H_
#define THAKSA_TESTS_SUPPORT_RECORDS_H_

#include <string>
#include <vector>

#include "grpcpp/support/status.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace thaksa::testing {

// A valid citizen ID, distinct for each n.
std::string CitizenId(int n);

// A date message.
common::v1::Date DateOf(int year, int month, int day);

// Person n ("E<n>", citizen ID CitizenId(n)): a technology specialist recorded by
// `record_agency`, working in `agency`, supervised by employee `supervisor` (may be empty).
personnel::v1::PersonRecord PersonRecordOf(int n, const std::string& record_agency,
                                           const std::string& agency,
                                           const std::string& supervisor = "");

// A passed completion of `course` by `person`: six hours from `start` (Unix seconds), 6 hours
// counted, with `assessed_level` (0: none).
learning::v1::CompletionRecord PassedCompletion(const std::string& record_id, int64_t person,
                                                const std::string& course, int64_t start,
                                                int assessed_level);

// The fields named by a failed call's google.rpc.BadRequest.
std::vector<std::string> BadFields(const grpc::Status& status);

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_RECORDS_H_
