// Test data shared by the tests.
#ifndef THAKSA_TESTS_SUPPORT_RECORDS_H_
#define THAKSA_TESTS_SUPPORT_RECORDS_H_

#include <string>
#include <vector>

#include "grpcpp/support/status.h"
#include "thaksa/assessment/v1/assessment.pb.h"
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

// `person`'s plan for FY2570 under `external_id`, keeping every rule of the CS-2018 framework: 70
// (50 present + 20 future) : 20 : 10 by hours in four items titled in Thai, developing both
// foundation skill sets (LITERACY, GOVERNANCE); the formal item names no course.
learning::v1::PlanRecord PlanRecordOf(const std::string& external_id, int64_t person);

// An assessment of `person`'s `skill_set` at `level` by `source` on `on`, with an instrument,
// under the framework of the person's agency.
assessment::v1::AssessmentRecord AssessmentRecordOf(int64_t person, const std::string& skill_set,
                                                    int level,
                                                    assessment::v1::AssessmentSource source,
                                                    const common::v1::Date& on);

// `count` supervisor assessments of `people` (at least count / 4 of them), four each, of
// LITERACY, GOVERNANCE, LEADERSHIP and TECHNOLOGY at levels 1 to 3 on dates in 2026, with
// external ids `prefix`0, `prefix`1, ...
std::vector<assessment::v1::AssessmentRecord> SupervisorAssessments(
    const std::vector<int64_t>& people, int count, const std::string& prefix);

// A valid framework version `code`: the `foundation` skill sets, the role set TECHNOLOGY, the
// `optional` sets, levels 0 to `top`, and for technology specialists targets 1, 2 and 3 (at most
// `top`) in the EARLY, DEVELOPING and MATURING periods on the foundation sets and TECHNOLOGY.
assessment::v1::Framework FrameworkOf(const std::string& code,
                                      const std::vector<std::string>& foundation,
                                      const std::vector<std::string>& optional, int top);

// The fields named by a failed call's google.rpc.BadRequest.
std::vector<std::string> BadFields(const grpc::Status& status);

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_RECORDS_H_
