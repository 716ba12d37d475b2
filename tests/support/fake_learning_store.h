// In-memory fakes for unit tests of learning's use cases: a LearningStore and the SkillProfiles
// port. The store keeps the contracts of learning_store.h for institutes, courses and plans
// (drafts only change at their version, status moves only from the status and version read,
// revisions supersede, progress, lists by where people work today, audit and plan changes,
// imports decided by DecideImport, their keys moving to a new revision);
// completions and the outbox answer UNIMPLEMENTED — they are tested against MariaDB
// (e2e_learning, e2e_outbox), as is the MySQL store's agreement with this fake. The relay's
// unit tests use the outbox of fake_outbox.h instead.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_LEARNING_STORE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_LEARNING_STORE_H_

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "services/learning/skill_profiles.h"
#include "services/learning/store/learning_store.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::testing {

class FakeLearningStore final : public learning::LearningStore {
 public:
  // Plans are listed by where `directory` places their people on the day of `clock`.
  FakeLearningStore(personnel::Directory& directory, const Clock& clock)
      : directory_(directory), clock_(clock) {}

  absl::Status UpsertInstitute(const learning::pb::Institute& institute,
                               const AuditCall& audit) override;
  absl::StatusOr<std::vector<learning::pb::Institute>> ListInstitutes() override;
  absl::StatusOr<learning::pb::Institute> GetInstitute(const std::string& code) override;
  absl::Status UpsertCourse(const learning::pb::Course& course, const AuditCall& audit) override;
  absl::StatusOr<learning::pb::Course> GetCourse(const std::string& institute,
                                                 const std::string& code) override;
  absl::StatusOr<std::vector<learning::pb::Course>> ListCourses(const std::string& institute,
                                                                bool non_compliant_only) override;
  absl::StatusOr<learning::Plan> CreatePlan(int64_t person_id, int fiscal_year,
                                            const AuditCall& audit) override;
  absl::StatusOr<learning::Plan> GetPlan(int64_t plan_id) override;
  absl::StatusOr<learning::Plan> PutPlanItem(int64_t plan_id, const learning::PlanItem& item,
                                             int64_t expected_version,
                                             const AuditCall& audit) override;
  absl::StatusOr<learning::Plan> RemovePlanItem(int64_t plan_id, int64_t item_id,
                                                int64_t expected_version,
                                                const AuditCall& audit) override;
  absl::StatusOr<learning::Plan> SetPlanStatus(int64_t plan_id, learning::PlanStatus from,
                                               learning::PlanStatus to, int64_t expected_version,
                                               const std::string& waiver_reason,
                                               int64_t approver_token_id,
                                               const AuditCall& audit) override;
  absl::StatusOr<learning::Plan> RevisePlan(int64_t plan_id, const AuditCall& audit) override;
  absl::StatusOr<learning::Plan> SetItemProgress(int64_t plan_id, int64_t item_id,
                                                 learning::ItemStatus status,
                                                 double achieved_hours,
                                                 const std::string& evidence,
                                                 const AuditCall& audit) override;
  absl::StatusOr<std::map<std::string, learning::StoredImport>> FindImports(
      const std::vector<std::string>& external_keys) override;
  absl::StatusOr<std::vector<learning::PlanImportResult>> ImportPlans(
      const std::vector<learning::PlanImport>& imports, const AuditCall& audit) override;
  absl::StatusOr<std::vector<learning::Plan>> ListPlans(const std::string& agency_path,
                                                        learning::PlanStatus status,
                                                        int fiscal_year) override;
  absl::StatusOr<std::vector<learning::CompletionOutcome>> RecordCompletions(
      const std::string& institute, std::vector<learning::PreparedCompletion>& completions,
      const AuditCall& audit) override;
  absl::StatusOr<learning::pb::Completion> GetCompletion(const std::string& institute,
                                                        const std::string& record_id) override;
  absl::StatusOr<std::vector<learning::pb::Completion>> ListReviews(
      const std::string& institute) override;
  absl::StatusOr<learning::pb::Completion> ReviewCompletion(int64_t completion_id, bool release,
                                                            const AuditCall& audit,
                                                            bool* newly_counted) override;
  absl::StatusOr<std::vector<learning::OutboxRow>> DueOutbox(absl::Time now, int limit) override;
  absl::StatusOr<int> MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                          absl::Time at) override;
  absl::Status RetryOutboxLater(const std::vector<int64_t>& ids, const std::string& error,
                                absl::Time next) override;
  absl::Status MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) override;
  absl::StatusOr<learning::OutboxCounts> CountOutbox() override;
  absl::StatusOr<int> PruneDeliveredOutbox(absl::Time delivered_before, int limit) override;
  absl::StatusOr<bool> HoldRelayLease(const std::string& holder, absl::Duration duration) override;
  absl::Status ReleaseRelayLease(const std::string& holder) override;

  // What the store was asked to audit, as "entity_type/entity_id", in order.
  const std::vector<std::string>& audited() const { return audited_; }
  // The plan changes appended (as the change log gets them), as "plan/<id> <STATUS>".
  const std::vector<std::string>& changes() const { return changes_; }
  // How many times ImportPlans was called.
  int import_batches() const { return import_batches_; }

 private:
  // The plan for change by PutPlanItem or RemovePlanItem: a DRAFT at `expected_version`.
  absl::StatusOr<learning::Plan*> DraftForChange(int64_t plan_id, int64_t expected_version);
  // A new DRAFT (revision 1), not audited.
  learning::Plan& NewDraft(int64_t person_id, int fiscal_year);
  // Marks the plan changed (a new version) and audits the change; answers the plan.
  learning::Plan Changed(learning::Plan& plan);

  personnel::Directory& directory_;
  const Clock& clock_;
  std::map<std::string, learning::pb::Institute> institutes_;
  std::map<std::pair<std::string, std::string>, learning::pb::Course> courses_;
  std::map<int64_t, learning::Plan> plans_;
  int64_t next_plan_id_ = 1;
  int64_t next_item_id_ = 1;
  std::vector<std::string> audited_;
  std::vector<std::string> changes_;
  // Imported plans: the plan (current revision) and the digest last imported, by external key.
  std::map<std::string, std::pair<int64_t, std::string>> imports_;
  int import_batches_ = 0;
};

// A SkillProfiles whose answers the test sets. A person without a profile follows no framework
// (FAILED_PRECONDITION), as the assessment service answers for them.
class FakeSkillProfiles final : public learning::SkillProfiles {
 public:
  void Set(int64_t person_id, absl::StatusOr<learning::SkillProfile> profile) {
    profiles_.insert_or_assign(person_id, std::move(profile));
  }
  void SetFramework(const std::string& code, std::set<std::string> skill_sets) {
    frameworks_[code] = std::move(skill_sets);
  }
  // How many profiles were asked for one by one (Of), and how many requests OfEach made.
  int asked() const { return asked_; }
  int batches_asked() const { return batches_asked_; }

  absl::StatusOr<learning::SkillProfile> Of(int64_t person_id) override;
  std::map<int64_t, absl::StatusOr<learning::SkillProfile>> OfEach(
      const std::vector<int64_t>& person_ids) override;
  absl::StatusOr<std::set<std::string>> SkillSetsOf(const std::string& framework_code) override;

 private:
  absl::StatusOr<learning::SkillProfile> ProfileOf(int64_t person_id) const;

  std::map<int64_t, absl::StatusOr<learning::SkillProfile>> profiles_;
  std::map<std::string, std::set<std::string>> frameworks_;
  int asked_ = 0;
  int batches_asked_ = 0;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_LEARNING_STORE_H_
