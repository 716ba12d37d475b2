// LearningStore on MySQL/MariaDB (schema: deploy/sql/004_learning.sql; the outbox:
// 012_learning_outbox.sql and 013_outbox_attribution.sql; imported plans' keys:
// 016_plan_external_key.sql, the import itself in mysql_plan_import.cc; a revision moves its
// items' applications at work, 018_work_application.sql). People and agencies
// come from personnel's directory (directory_sql.h).
#ifndef THAKSA_SERVICES_LEARNING_STORE_MYSQL_LEARNING_STORE_H_
#define THAKSA_SERVICES_LEARNING_STORE_MYSQL_LEARNING_STORE_H_

#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "services/learning/store/learning_store.h"

namespace thaksa::learning {

class MySqlLearningStore final : public LearningStore {
 public:
  MySqlLearningStore(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  absl::Status UpsertInstitute(const pb::Institute& institute, const AuditCall& audit) override;
  absl::StatusOr<std::vector<pb::Institute>> ListInstitutes() override;
  absl::StatusOr<pb::Institute> GetInstitute(const std::string& code) override;
  absl::Status UpsertCourse(const pb::Course& course, const AuditCall& audit) override;
  absl::StatusOr<pb::Course> GetCourse(const std::string& institute,
                                       const std::string& code) override;
  absl::StatusOr<std::vector<pb::Course>> ListCourses(const std::string& institute,
                                                      bool non_compliant_only) override;
  absl::StatusOr<Plan> CreatePlan(int64_t person_id, int fiscal_year,
                                  const AuditCall& audit) override;
  absl::StatusOr<Plan> GetPlan(int64_t plan_id) override;
  absl::StatusOr<Plan> PutPlanItem(int64_t plan_id, const PlanItem& item,
                                   int64_t expected_version, const AuditCall& audit) override;
  absl::StatusOr<Plan> RemovePlanItem(int64_t plan_id, int64_t item_id, int64_t expected_version,
                                      const AuditCall& audit) override;
  absl::StatusOr<Plan> SetPlanStatus(int64_t plan_id, PlanStatus from, PlanStatus to,
                                     int64_t expected_version, const std::string& waiver_reason,
                                     int64_t approver_token_id, const AuditCall& audit) override;
  absl::StatusOr<Plan> RevisePlan(int64_t plan_id, const AuditCall& audit) override;
  absl::StatusOr<Plan> SetItemProgress(int64_t plan_id, int64_t item_id, ItemStatus status,
                                       double achieved_hours, const std::string& evidence,
                                       const AuditCall& audit) override;
  absl::StatusOr<std::map<std::string, StoredImport>> FindImports(
      const std::vector<std::string>& external_keys) override;
  absl::StatusOr<std::vector<PlanImportResult>> ImportPlans(const std::vector<PlanImport>& imports,
                                                            const AuditCall& audit) override;
  absl::StatusOr<std::vector<Plan>> ListPlans(const std::string& agency_path, PlanStatus status,
                                              int fiscal_year) override;
  absl::StatusOr<std::vector<CompletionOutcome>> RecordCompletions(
      const std::string& institute, std::vector<PreparedCompletion>& completions,
      const AuditCall& audit) override;
  absl::StatusOr<pb::Completion> GetCompletion(const std::string& institute,
                                               const std::string& record_id) override;
  absl::StatusOr<std::vector<pb::Completion>> ListReviews(const std::string& institute) override;
  absl::StatusOr<pb::Completion> ReviewCompletion(int64_t completion_id, bool release,
                                                  const AuditCall& audit,
                                                  bool* newly_counted) override;
  absl::StatusOr<std::vector<OutboxRow>> DueOutbox(absl::Time now, int limit) override;
  absl::StatusOr<int> MarkOutboxDelivered(const std::vector<int64_t>& ids,
                                          absl::Time at) override;
  absl::Status RetryOutboxLater(const std::vector<int64_t>& ids, const std::string& error,
                                absl::Time next) override;
  absl::Status MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) override;
  absl::StatusOr<OutboxCounts> CountOutbox() override;
  absl::StatusOr<int> PruneDeliveredOutbox(absl::Time delivered_before, int limit) override;
  absl::StatusOr<bool> HoldRelayLease(const std::string& holder, absl::Duration duration) override;
  absl::Status ReleaseRelayLease(const std::string& holder) override;

 private:
  // Sets each completion's person_id to the person it names (by id, by citizen-ID hash, or by
  // both when they agree); where none is found, or the two name different people,
  // `unresolved[i]` is REJECTED saying why (field and reason).
  static void ResolvePeople(sql::Connection& c, std::vector<PreparedCompletion>& completions,
                            std::vector<CompletionOutcome>& unresolved);

  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_MYSQL_LEARNING_STORE_H_
