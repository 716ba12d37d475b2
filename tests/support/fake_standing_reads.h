// An in-memory assessment::StandingReads for unit tests: frameworks, agencies' framework
// choices, people (their context the same on every day) and assessments set up by the test.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_STANDING_READS_H_
#define THAKSA_TESTS_SUPPORT_FAKE_STANDING_READS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/assessment/store/standing_reads.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::testing {

class FakeStandingReads final : public assessment::StandingReads {
 public:
  void AddFramework(const assessment::v1::Framework& framework);
  // Agency `agency_code` (and nothing below it: set each) follows `framework_code`.
  void SetAgencyFramework(const std::string& agency_code, const std::string& framework_code);
  void SetPerson(const assessment::PersonContext& person);
  // Records an assessment (its id is given here, increasing) and returns its id.
  int64_t AddAssessment(int64_t person_id, const std::string& framework_code,
                        const std::string& skill_set_code, int level, absl::CivilDay assessed_on,
                        std::optional<absl::CivilDay> valid_until = std::nullopt);
  // Every read fails with `error` (OK again to stop).
  void FailReads(absl::Status error);

  absl::StatusOr<assessment::StoredFramework> GetFramework(const std::string& code) override;
  absl::StatusOr<std::vector<assessment::StoredCrosswalk>> CrosswalksTo(
      const std::string& framework_code) override;
  absl::StatusOr<assessment::AgencyChoice> AgencyFramework(const std::string& agency_code,
                                                           absl::CivilDay on) override;
  absl::StatusOr<assessment::PersonContext> PersonContextOn(int64_t person_id,
                                                            absl::CivilDay on) override;
  absl::StatusOr<std::vector<assessment::StoredAssessment>> AssessmentsOf(
      int64_t person_id) override;
  absl::StatusOr<int64_t> NewestAssessmentId() override;
  absl::StatusOr<int64_t> AssessmentsRecordedAfter(const std::string& agency_path,
                                                   absl::CivilDay day, int64_t after_id) override;
  absl::StatusOr<std::vector<int64_t>> PeopleWithExpiries(absl::CivilDay from,
                                                          absl::CivilDay to) override;

 private:
  mutable absl::Mutex mutex_;
  absl::Status failure_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, assessment::StoredFramework> frameworks_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, std::string> choices_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, assessment::PersonContext> people_ ABSL_GUARDED_BY(mutex_);
  // Person and assessment, oldest first.
  std::vector<std::pair<int64_t, assessment::StoredAssessment>> assessments_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_STANDING_READS_H_
