// Where frameworks, agencies' framework choices, behaviours, assessments and standings are kept:
// the interface only (MySqlAssessmentStore in mysql_assessment_store.h implements it; unit tests
// use tests/support/fake_assessment_store.h). Framework definitions, crosswalks and assessment
// records are stored whole, as the JSON of their API message, so the store needs no protos.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_log.h"
#include "common/status.h"
#include "services/assessment/domain/standing.h"
#include "services/assessment/store/standing_reads.h"

namespace thaksa::assessment {

struct BehaviourRow {
  std::string driver;
  std::string stage;
  int personnel_group = 0;
  std::string text_th;
  std::string text_en;
  std::string unit_codes;  // space-separated
  std::string skill_set_code;
  std::string components;  // thaksa.assessment.v1.UnitComponent numbers, space-separated
  std::string code;
  int period = 0;  // thaksa.common.v1.Period
};

// A person (by id) on a day, and an agency (by code) on a day: keys of the reads of a batch.
using PersonDay = std::pair<int64_t, absl::CivilDay>;
using AgencyDay = std::pair<std::string, absl::CivilDay>;

// A validated assessment to store.
struct NewAssessment {
  int64_t person_id = 0;
  std::string framework_code;
  std::string skill_set_code;
  int level = 0;
  Source source = Source::kUnspecified;
  std::string instrument;
  absl::CivilDay assessed_on;
  std::optional<absl::CivilDay> valid_until;
  std::string record_json;   // the whole record, for reading back
  std::string external_key;  // empty: none
  int64_t supersedes_id = 0;
  // Whom the assessment is attributed to (assessment.assessor_token_id and assessor_role): the
  // caller's token and role, but an institute's token and TRAINING_INSTITUTE for the SERVICE
  // principal recording for an institute (AssessmentRecorder::Prepare). 0: no token.
  int64_t assessor_token_id = 0;
  Role assessor_role = Role::kUnspecified;
};

enum class RecordOutcome { kRecorded = 1, kUnchanged, kRejected };

struct RecordResult {
  RecordOutcome outcome = RecordOutcome::kRejected;
  int64_t assessment_id = 0;
  std::vector<FieldViolation> errors;
  absl::StatusCode rejection = absl::StatusCode::kInvalidArgument;
};

// The assessment service's own store; it also implements the reads it publishes (StandingReads).
class AssessmentStore : public StandingReads {
 public:
  // Code taken: ALREADY_EXISTS.
  virtual absl::StatusOr<StoredFramework> CreateFramework(const std::string& code,
                                                          const std::string& definition_json,
                                                          const AuditCall& audit) = 0;
  // NOT_FOUND; not a draft: FAILED_PRECONDITION; stale version: ABORTED.
  virtual absl::StatusOr<StoredFramework> UpdateFramework(const std::string& code,
                                                          const std::string& definition_json,
                                                          int64_t expected_version,
                                                          const AuditCall& audit) = 0;
  // Only DRAFT -> PUBLISHED and PUBLISHED -> RETIRED: otherwise FAILED_PRECONDITION.
  virtual absl::StatusOr<StoredFramework> SetFrameworkStatus(const std::string& code,
                                                             FrameworkStatus status,
                                                             const AuditCall& audit) = 0;
  virtual absl::StatusOr<std::vector<StoredFramework>> ListFrameworks() = 0;

  // Both versions must exist: INVALID_ARGUMENT otherwise.
  virtual absl::Status PutCrosswalk(const StoredCrosswalk& crosswalk, const AuditCall& audit) = 0;

  virtual absl::Status PutBehaviours(const std::vector<BehaviourRow>& rows,
                                     const AuditCall& audit) = 0;
  virtual absl::StatusOr<std::vector<BehaviourRow>> ListBehaviours(
      const std::string& skill_set_code, const std::string& unit_code) = 0;

  // Unknown agency or framework: INVALID_ARGUMENT naming the field.
  virtual absl::Status SetAgencyFramework(const std::string& agency_code,
                                          const std::string& framework_code,
                                          absl::CivilDay effective_from,
                                          const AuditCall& audit) = 0;
  virtual absl::Status SetOptionalSkillSet(const std::string& agency_code,
                                           const std::string& framework_code,
                                           const std::string& skill_set_code, bool adopted,
                                           absl::CivilDay effective_from,
                                           const AuditCall& audit) = 0;

  // The records (their JSON, as RecordAssessments stored them) kept under any of
  // `external_keys`, by key; keys under which none is kept are absent. What a replay of such a
  // key is compared with: the same record again is UNCHANGED.
  virtual absl::StatusOr<std::map<std::string, std::string>> RecordsOfExternalKeys(
      const std::vector<std::string>& external_keys) = 0;

  // PersonContextsOn for people each on their own day (or days), such as the records of a bulk
  // stream's batch; people who do not exist are absent.
  virtual absl::StatusOr<std::map<PersonDay, PersonContext>> PersonContextsOnDays(
      const std::vector<PersonDay>& wanted) = 0;

  // The code of the framework version each agency follows on each day, as AgencyFramework gives
  // it ("" if none), for many at once; agencies that do not exist are absent.
  virtual absl::StatusOr<std::map<AgencyDay, std::string>> FrameworksFollowed(
      const std::vector<AgencyDay>& wanted) = 0;

  // Stores the assessments in one transaction, one result each, as if stored one after the
  // other in their order: an external key seen before (also earlier in `assessments`) with the
  // same record is UNCHANGED, with another record REJECTED (ALREADY_EXISTS); an unknown
  // framework, person or superseded id, or an assessment already superseded (also earlier in
  // `assessments`), is REJECTED. Recorded ones update the person's standing for that skill set
  // as of `today` under `precedence` (by framework code), and append a change-log row per
  // standing and an audit event per assessment. Concurrent calls with the same external keys
  // store each once (the later one compares with the earlier).
  virtual absl::StatusOr<std::vector<RecordResult>> RecordAssessments(
      const std::vector<NewAssessment>& assessments,
      const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
      const AuditCall& audit) = 0;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_STORE_H_
