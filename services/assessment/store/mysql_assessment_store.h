// AssessmentStore on MySQL/MariaDB (schema: deploy/sql/003_assessment.sql). Reads the personnel
// tables (people, assignments, agency tree and periods) through personnel's directory_sql.h;
// never writes them. RecordAssessments stores a batch as store/assessment_batch.h describes.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_ASSESSMENT_STORE_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_ASSESSMENT_STORE_H_

#include "common/db/connection_pool.h"
#include "services/assessment/store/assessment_store.h"

namespace thaksa::assessment {

class MySqlAssessmentStore final : public AssessmentStore {
 public:
  explicit MySqlAssessmentStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<StoredFramework> CreateFramework(const std::string& code,
                                                  const std::string& definition_json,
                                                  const AuditCall& audit) override;
  absl::StatusOr<StoredFramework> UpdateFramework(const std::string& code,
                                                  const std::string& definition_json,
                                                  int64_t expected_version,
                                                  const AuditCall& audit) override;
  absl::StatusOr<StoredFramework> SetFrameworkStatus(const std::string& code,
                                                     FrameworkStatus status,
                                                     const AuditCall& audit) override;
  absl::StatusOr<StoredFramework> GetFramework(const std::string& code) override;
  absl::StatusOr<std::vector<StoredFramework>> ListFrameworks() override;
  absl::Status PutCrosswalk(const StoredCrosswalk& crosswalk, const AuditCall& audit) override;
  absl::StatusOr<std::vector<StoredCrosswalk>> CrosswalksTo(
      const std::string& framework_code) override;
  absl::Status PutBehaviours(const std::vector<BehaviourRow>& rows,
                             const AuditCall& audit) override;
  absl::StatusOr<std::vector<BehaviourRow>> ListBehaviours(const std::string& skill_set_code,
                                                           const std::string& unit_code) override;
  absl::Status SetAgencyFramework(const std::string& agency_code,
                                  const std::string& framework_code,
                                  absl::CivilDay effective_from, const AuditCall& audit) override;
  absl::Status SetOptionalSkillSet(const std::string& agency_code,
                                   const std::string& framework_code,
                                   const std::string& skill_set_code, bool adopted,
                                   absl::CivilDay effective_from, const AuditCall& audit) override;
  absl::StatusOr<AgencyChoice> AgencyFramework(const std::string& agency_code,
                                               absl::CivilDay on) override;
  absl::StatusOr<PersonContext> PersonContextOn(int64_t person_id, absl::CivilDay on) override;
  absl::StatusOr<std::map<std::string, std::string>> RecordsOfExternalKeys(
      const std::vector<std::string>& external_keys) override;
  absl::StatusOr<std::map<PersonDay, PersonContext>> PersonContextsOnDays(
      const std::vector<PersonDay>& wanted) override;
  absl::StatusOr<std::map<AgencyDay, std::string>> FrameworksFollowed(
      const std::vector<AgencyDay>& wanted) override;
  absl::StatusOr<std::vector<RecordResult>> RecordAssessments(
      const std::vector<NewAssessment>& assessments,
      const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
      const AuditCall& audit) override;
  absl::StatusOr<std::vector<StoredAssessment>> AssessmentsOf(int64_t person_id) override;
  absl::StatusOr<std::map<std::string, AgencyChoice>> AgencyFrameworks(
      const std::set<std::string>& agency_codes, absl::CivilDay on) override;
  absl::StatusOr<std::map<int64_t, std::vector<Group>>> FurtherGroupsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) override;
  absl::StatusOr<std::map<int64_t, PersonContext>> PersonContextsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay on) override;
  absl::StatusOr<std::map<int64_t, std::vector<StoredAssessment>>> AssessmentsOfPeople(
      const std::vector<int64_t>& person_ids) override;
  // StandingReads (mysql_standing_reads.cc).
  absl::StatusOr<int64_t> NewestAssessmentId() override;
  absl::StatusOr<int64_t> AssessmentsRecordedAfter(const std::string& agency_path,
                                                   absl::CivilDay day, int64_t after_id) override;
  absl::StatusOr<std::vector<int64_t>> PeopleWithExpiries(absl::CivilDay from,
                                                          absl::CivilDay to) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_MYSQL_ASSESSMENT_STORE_H_
