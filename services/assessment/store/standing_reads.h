// What the assessment service publishes for read models (readiness) to read of its data without
// naming its tables: the inputs a skill profile is computed from, and the few facts about the
// assessment record a read model needs to keep its figures current. Implemented by
// MySqlAssessmentStore; tests use the in-memory fake in tests/support.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_STANDING_READS_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_STANDING_READS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/assessment/domain/standing.h"

namespace thaksa::assessment {

struct StoredFramework {
  int64_t id = 0;
  std::string code;
  FrameworkStatus status = FrameworkStatus::kUnspecified;
  std::string definition_json;
  int64_t version = 0;
};

struct StoredCrosswalk {
  std::string from_framework;
  std::string to_framework;
  std::string definition_json;
};

// What an agency follows on a date.
struct AgencyChoice {
  std::string agency_code;
  std::string framework_code;   // empty if no agency on the path chose one
  std::string chosen_by;        // the agency whose choice it is
  std::set<std::string> adopted;  // optional skill sets adopted on the path
};

// What assessing a person needs to know of them on a date.
struct PersonContext {
  int64_t person_id = 0;
  Group group = 0;                // 0 if no assignment on the date
  std::string agency_code;        // where they work on the date
  std::string position_title;     // of their assignment on the date
  std::string grade;
  std::string agency_path;
  std::string record_agency_path;
  int64_t supervisor_id = 0;
  Period period = Period::kUnspecified;  // declared by the agency or nearest ancestor
  std::vector<Group> further_groups;     // only when asked for (ProfileInputs::FurtherGroupsOn)
};

struct StoredAssessment {
  AssessmentFact fact;
  std::string record_json;
  int64_t assessor_token_id = 0;
  int assessor_role = 0;
  int64_t recorded_at_unix = 0;
};

// The reads a skill profile is computed from (see ComputeSkillProfile). Implementations may be
// called from several threads at once.
class ProfileInputs {
 public:
  virtual ~ProfileInputs() = default;

  // NOT_FOUND for an unknown code.
  virtual absl::StatusOr<StoredFramework> GetFramework(const std::string& code) = 0;
  virtual absl::StatusOr<std::vector<StoredCrosswalk>> CrosswalksTo(
      const std::string& framework_code) = 0;
  // NOT_FOUND for an unknown agency.
  virtual absl::StatusOr<AgencyChoice> AgencyFramework(const std::string& agency_code,
                                                       absl::CivilDay on) = 0;
  // NOT_FOUND for an unknown person.
  virtual absl::StatusOr<PersonContext> PersonContextOn(int64_t person_id, absl::CivilDay on) = 0;
  // Every assessment of the person, newest first.
  virtual absl::StatusOr<std::vector<StoredAssessment>> AssessmentsOf(int64_t person_id) = 0;

  // The same for many at once, each read with a bounded number of queries however many are
  // asked for (computing the profiles of thousands of people together):
  // AgencyFramework by code, leaving out unknown agencies;
  virtual absl::StatusOr<std::map<std::string, AgencyChoice>> AgencyFrameworks(
      const std::set<std::string>& agency_codes, absl::CivilDay on) = 0;
  // PersonContextOn by person id, leaving out unknown people;
  virtual absl::StatusOr<std::map<int64_t, PersonContext>> PersonContextsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) = 0;
  // AssessmentsOf by person id, leaving out people without assessments.
  virtual absl::StatusOr<std::map<int64_t, std::vector<StoredAssessment>>> AssessmentsOfPeople(
      const std::vector<int64_t>& person_ids) = 0;
  // The further groups (personnel's secondary groups) each of `person_ids` held on `on`, by id,
  // ascending; people without any are left out.
  virtual absl::StatusOr<std::map<int64_t, std::vector<Group>>> FurtherGroupsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) = 0;
};

// The profile inputs, and what read models need besides to follow standings over time.
class StandingReads : public ProfileInputs {
 public:
  // The id of the newest assessment recorded (0 if none): later ones have greater ids.
  virtual absl::StatusOr<int64_t> NewestAssessmentId() = 0;
  // How many assessments dated on or before `day` were recorded after assessment `after_id`
  // (ids above it), of people assigned on `day` to agencies under `agency_path`.
  virtual absl::StatusOr<int64_t> AssessmentsRecordedAfter(const std::string& agency_path,
                                                           absl::CivilDay day,
                                                           int64_t after_id) = 0;
  // People with a counted (not superseded) assessment valid until a day in [from, to): their
  // standing changed when it expired, the day after.
  virtual absl::StatusOr<std::vector<int64_t>> PeopleWithExpiries(absl::CivilDay from,
                                                                  absl::CivilDay to) = 0;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_STANDING_READS_H_
