// An in-memory assessment::AssessmentStore (and so StandingReads) for unit tests of the code above
// it: assessment's use cases and readiness's read model. It keeps the contracts of
// assessment_store.h and standing_reads.h that such tests rely on: framework versions with their
// lifecycle and version checks, crosswalks, agencies' choices inherited down an agency tree and
// dated, idempotency by external key, supersession, standings recomputed by precedence, change
// and audit entries. A person's context is the same on every day, but before the day their
// assignment starts (if set). Thread-safe, for read models that read from a thread.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_ASSESSMENT_STORE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_ASSESSMENT_STORE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/assessment/store/assessment_store.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::testing {

class FakeAssessmentStore final : public assessment::AssessmentStore {
 public:
  // Set-up, bypassing the checks and the audit of the store's own writes.

  // Adds an agency under `parent_code` ("" for a root): agencies below follow its choices.
  void AddAgency(const std::string& code, const std::string& parent_code = "");
  // Stores `framework` as a PUBLISHED version 1.
  void AddFramework(const assessment::v1::Framework& framework);
  // Agency `agency_code` (added as a root if unknown) follows `framework_code` from the
  // beginning of time.
  void SetAgencyFramework(const std::string& agency_code, const std::string& framework_code);
  // The person's context on every day from `assigned_from` (before it: no assignment; unset:
  // always). Their agency is added as a root if unknown.
  void SetPerson(const assessment::PersonContext& person,
                 std::optional<absl::CivilDay> assigned_from = std::nullopt);
  // Records a supervisor assessment without the checks of RecordAssessments (its id is given
  // here, increasing) and returns its id.
  int64_t AddAssessment(int64_t person_id, const std::string& framework_code,
                        const std::string& skill_set_code, int level, absl::CivilDay assessed_on,
                        std::optional<absl::CivilDay> valid_until = std::nullopt);
  // Every read fails with `error` (OK again to stop).
  void FailReads(absl::Status error);

  // What tests look at.

  // The assessment counted in the standing of a person for a skill set of a framework, as
  // RecordAssessments last left it; nullopt if none counts.
  std::optional<assessment::AssessmentFact> StandingOf(int64_t person_id,
                                                       const std::string& framework_code,
                                                       const std::string& skill_set_code) const;
  // How many assessments are stored.
  size_t assessment_count() const;
  // Change-log entries, as "kind key[ detail]", in order.
  std::vector<std::string> changes() const;
  // Audit entries of the store's writes, as "entity_type/entity_id OUTCOME", in order.
  std::vector<std::string> audited() const;
  // How many times each of the reads a batch of records needs was called, by name
  // ("RecordsOfExternalKeys", "PersonContextsOnDays", "FrameworksFollowed"; the single reads
  // PersonContextOn and AgencyFramework count too).
  std::map<std::string, int> reads() const;

  // assessment::ProfileInputs and StandingReads.
  absl::StatusOr<assessment::StoredFramework> GetFramework(const std::string& code) override;
  absl::StatusOr<std::vector<assessment::StoredCrosswalk>> CrosswalksTo(
      const std::string& framework_code) override;
  absl::StatusOr<assessment::AgencyChoice> AgencyFramework(const std::string& agency_code,
                                                           absl::CivilDay on) override;
  absl::StatusOr<assessment::PersonContext> PersonContextOn(int64_t person_id,
                                                            absl::CivilDay on) override;
  absl::StatusOr<std::vector<assessment::StoredAssessment>> AssessmentsOf(
      int64_t person_id) override;
  // The batch reads, as the single ones for each.
  absl::StatusOr<std::map<std::string, assessment::AgencyChoice>> AgencyFrameworks(
      const std::set<std::string>& agency_codes, absl::CivilDay on) override;
  absl::StatusOr<std::map<int64_t, assessment::PersonContext>> PersonContextsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) override;
  absl::StatusOr<std::map<int64_t, std::vector<assessment::StoredAssessment>>> AssessmentsOfPeople(
      const std::vector<int64_t>& person_ids) override;
  // The further groups of the contexts given to SetPerson (which PersonContextOn leaves out).
  absl::StatusOr<std::map<int64_t, std::vector<assessment::Group>>> FurtherGroupsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) override;
  absl::StatusOr<int64_t> NewestAssessmentId() override;
  absl::StatusOr<int64_t> AssessmentsRecordedAfter(const std::string& agency_path,
                                                   absl::CivilDay day, int64_t after_id) override;
  absl::StatusOr<std::vector<int64_t>> PeopleWithExpiries(absl::CivilDay from,
                                                          absl::CivilDay to) override;

  // assessment::AssessmentStore.
  absl::StatusOr<assessment::StoredFramework> CreateFramework(const std::string& code,
                                                              const std::string& definition_json,
                                                              const AuditCall& audit) override;
  absl::StatusOr<assessment::StoredFramework> UpdateFramework(const std::string& code,
                                                              const std::string& definition_json,
                                                              int64_t expected_version,
                                                              const AuditCall& audit) override;
  absl::StatusOr<assessment::StoredFramework> SetFrameworkStatus(
      const std::string& code, assessment::FrameworkStatus status,
      const AuditCall& audit) override;
  absl::StatusOr<std::vector<assessment::StoredFramework>> ListFrameworks() override;
  absl::Status PutCrosswalk(const assessment::StoredCrosswalk& crosswalk,
                            const AuditCall& audit) override;
  absl::Status PutBehaviours(const std::vector<assessment::BehaviourRow>& rows,
                             const AuditCall& audit) override;
  absl::StatusOr<std::vector<assessment::BehaviourRow>> ListBehaviours(
      const std::string& skill_set_code, const std::string& unit_code) override;
  absl::Status SetAgencyFramework(const std::string& agency_code,
                                  const std::string& framework_code,
                                  absl::CivilDay effective_from, const AuditCall& audit) override;
  absl::Status SetOptionalSkillSet(const std::string& agency_code,
                                   const std::string& framework_code,
                                   const std::string& skill_set_code, bool adopted,
                                   absl::CivilDay effective_from, const AuditCall& audit) override;
  absl::StatusOr<std::map<std::string, std::string>> RecordsOfExternalKeys(
      const std::vector<std::string>& external_keys) override;
  absl::StatusOr<std::map<assessment::PersonDay, assessment::PersonContext>> PersonContextsOnDays(
      const std::vector<assessment::PersonDay>& wanted) override;
  absl::StatusOr<std::map<assessment::AgencyDay, std::string>> FrameworksFollowed(
      const std::vector<assessment::AgencyDay>& wanted) override;
  absl::StatusOr<std::vector<assessment::RecordResult>> RecordAssessments(
      const std::vector<assessment::NewAssessment>& assessments,
      const std::map<std::string, std::vector<assessment::Source>>& precedence,
      absl::CivilDay today, const AuditCall& audit) override;

 private:
  struct Person {
    assessment::PersonContext context;
    std::optional<absl::CivilDay> assigned_from;
  };
  // (agency, framework, skill set, first day) -> adopted.
  using OptionalKey = std::tuple<std::string, std::string, std::string, absl::CivilDay>;
  // (person, framework, skill set).
  using StandingKey = std::tuple<int64_t, std::string, std::string>;

  void AddAgencyLocked(const std::string& code, const std::string& parent_code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  absl::StatusOr<assessment::PersonContext> PersonContextLocked(int64_t person_id,
                                                                absl::CivilDay on) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The framework `agency_code` follows on `on` ("" if none) and the agency whose choice it is.
  std::pair<std::string, std::string> ChoiceLocked(const std::string& agency_code,
                                                   absl::CivilDay on) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  int64_t AddAssessmentLocked(int64_t person_id, assessment::StoredAssessment stored)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void Audit(const std::string& entity, const std::string& outcome)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Stores a new definition, status or version of a framework.
  assessment::StoredFramework& Framework(const std::string& code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void RefreshStanding(int64_t person_id, const std::string& framework_code,
                       const std::string& skill_set_code,
                       const std::vector<assessment::Source>& precedence, absl::CivilDay today)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  absl::Status failure_ ABSL_GUARDED_BY(mutex_);
  // Agency code -> the codes from the root down to it.
  std::map<std::string, std::vector<std::string>> agencies_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, assessment::StoredFramework> frameworks_ ABSL_GUARDED_BY(mutex_);
  // (from, to) -> crosswalk.
  std::map<std::pair<std::string, std::string>, assessment::StoredCrosswalk> crosswalks_
      ABSL_GUARDED_BY(mutex_);
  std::vector<assessment::BehaviourRow> behaviours_ ABSL_GUARDED_BY(mutex_);
  // Agency -> first day -> framework code.
  std::map<std::string, std::map<absl::CivilDay, std::string>> choices_ ABSL_GUARDED_BY(mutex_);
  std::map<OptionalKey, bool> optional_ ABSL_GUARDED_BY(mutex_);
  std::map<int64_t, Person> people_ ABSL_GUARDED_BY(mutex_);
  // Person and assessment, oldest first; an assessment's id is its place here plus one.
  std::vector<std::pair<int64_t, assessment::StoredAssessment>> assessments_
      ABSL_GUARDED_BY(mutex_);
  std::map<std::string, int64_t> external_keys_ ABSL_GUARDED_BY(mutex_);
  std::map<StandingKey, assessment::AssessmentFact> standings_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> changes_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> audited_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, int> reads_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_ASSESSMENT_STORE_H_
