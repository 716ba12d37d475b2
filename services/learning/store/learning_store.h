// Where institutes, courses, development plans and completions are kept. Plans speak the
// domain's types (domain/plan.h). Institutes, courses and completions are still the API
// messages (pb::Institute, pb::Course, pb::CompletionRecord, pb::Completion): the completion
// path (its outbox payloads and the course fields it copies) has not been moved to domain types
// yet. The MySQL store keeps courses and plan items whole as the API message's JSON, with the
// columns reports need beside them.
#ifndef THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_
#define THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "services/learning/domain/plan.h"
#include "services/learning/domain/plan_import.h"
#include "services/learning/store/learning_outbox.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

namespace pb = ::thaksa::learning::v1;

// A completion checked by the service and ready to store.
struct PreparedCompletion {
  pb::CompletionRecord record;  // citizen_id cleared
  // The keyed hash of the citizen ID the record named (instead of, or beside, a person id);
  // empty if it named none.
  std::string citizen_id_hash;
  pb::Course course;
};

struct CompletionOutcome {
  pb::CompletionOutcome outcome = pb::COMPLETION_OUTCOME_UNSPECIFIED;
  int64_t completion_id = 0;
  std::string reason;
  // The field a REJECTED record was rejected for.
  std::string field;
  // True when this call made the completion count (so an assessed level is to be recorded).
  bool newly_counted = false;
};

// The learning service's store; it also implements the outbox its relay delivers
// (LearningOutbox).
class LearningStore : public LearningOutbox {
 public:
  virtual ~LearningStore() = default;

  virtual absl::Status UpsertInstitute(const pb::Institute& institute, const AuditCall& audit) = 0;
  virtual absl::StatusOr<std::vector<pb::Institute>> ListInstitutes() = 0;
  // NOT_FOUND for an unknown code.
  virtual absl::StatusOr<pb::Institute> GetInstitute(const std::string& code) = 0;

  // The institute must exist (INVALID_ARGUMENT on institute_code otherwise).
  virtual absl::Status UpsertCourse(const pb::Course& course, const AuditCall& audit) = 0;
  virtual absl::StatusOr<pb::Course> GetCourse(const std::string& institute,
                                               const std::string& code) = 0;
  virtual absl::StatusOr<std::vector<pb::Course>> ListCourses(const std::string& institute,
                                                              bool non_compliant_only) = 0;


  // A DRAFT, revision 1. ALREADY_EXISTS if the person has a plan for that year.
  virtual absl::StatusOr<Plan> CreatePlan(int64_t person_id, int fiscal_year,
                                          const AuditCall& audit) = 0;
  // The plan with its items; NOT_FOUND.
  virtual absl::StatusOr<Plan> GetPlan(int64_t plan_id) = 0;
  // Adds (item.id 0) or replaces (by item.id) an item of a DRAFT plan whose version is
  // `expected_version`: FAILED_PRECONDITION if not a draft, ABORTED if stale, INVALID_ARGUMENT
  // on "item.id" if the plan has no such item. The item is stored with the status and hours it
  // carries (PlanWorkflow starts a new item PLANNED with no hours and keeps an edited one's).
  virtual absl::StatusOr<Plan> PutPlanItem(int64_t plan_id, const PlanItem& item,
                                           int64_t expected_version, const AuditCall& audit) = 0;
  // Removes an item of a DRAFT plan, as PutPlanItem (INVALID_ARGUMENT on "item_id").
  virtual absl::StatusOr<Plan> RemovePlanItem(int64_t plan_id, int64_t item_id,
                                              int64_t expected_version,
                                              const AuditCall& audit) = 0;
  // Moves the plan from `from` to `to` (ABORTED if it is no longer at `from` or the version is
  // stale), recording the waiver and approver when given (non-empty, non-zero), and appends a
  // "plan" change.
  virtual absl::StatusOr<Plan> SetPlanStatus(int64_t plan_id, PlanStatus from, PlanStatus to,
                                             int64_t expected_version,
                                             const std::string& waiver_reason,
                                             int64_t approver_token_id,
                                             const AuditCall& audit) = 0;
  // A new DRAFT revision with the items (progress kept) and the external key and digest of an
  // imported plan; the old one becomes SUPERSEDED. FAILED_PRECONDITION unless the plan is
  // APPROVED or ACTIVE.
  virtual absl::StatusOr<Plan> RevisePlan(int64_t plan_id, const AuditCall& audit) = 0;
  // Sets an item's progress, and its evidence when `evidence` is not empty; INVALID_ARGUMENT on
  // "item_id" if the plan has no such item.
  virtual absl::StatusOr<Plan> SetItemProgress(int64_t plan_id, int64_t item_id,
                                               ItemStatus status, double achieved_hours,
                                               const std::string& evidence,
                                               const AuditCall& audit) = 0;
  // The plans stored under these external keys (each the current revision of its plan), by key.
  virtual absl::StatusOr<std::map<std::string, StoredImport>> FindImports(
      const std::vector<std::string>& external_keys) = 0;
  // Stores a batch of imports in one transaction, with a few statements for the whole batch:
  // the plans under the keys are locked and each import decided against them as DecideImport
  // says (a person's plan for the year taken by a plan under no or another key, or by an earlier
  // import of the batch, refuses a new key); CREATED makes a DRAFT (revision 1) under the key
  // with the items, UPDATED replaces the items of the DRAFT and moves its version on; both record
  // the digest and append an audit event and a "plan" change. One result per import, in order.
  // The keys must differ: a repeated one is refused INVALID_ARGUMENT on "external_id".
  virtual absl::StatusOr<std::vector<PlanImportResult>> ImportPlans(
      const std::vector<PlanImport>& imports, const AuditCall& audit) = 0;
  // Current revisions (not SUPERSEDED) of people working (today) in the subtree at
  // `agency_path` ("" all), with `status` (kUnspecified: any) and of `fiscal_year` (0: any), by
  // id, at most 1000.
  virtual absl::StatusOr<std::vector<Plan>> ListPlans(const std::string& agency_path,
                                                      PlanStatus status, int fiscal_year) = 0;

  // Stores each completion of `institute` in one transaction, with a few statements for the
  // whole batch (see pb::CompletionOutcome): people are resolved by id or citizen-ID hash (the
  // record's person_id is set to the id found; a row naming nobody, or two different people, is
  // REJECTED naming person_id or citizen_id), record ids already
  // stored are compared, the new ones checked for plausibility against the person's counted
  // completions and inserted together. A counted completion marks the person's matching FORMAL
  // plan items done and, if passed with an assessed level, queues its assessments in the outbox
  // (see QueueAssessedLevels in the implementation), attributed to the token of `audit`, which
  // is also kept with each new completion.
  virtual absl::StatusOr<std::vector<CompletionOutcome>> RecordCompletions(
      const std::string& institute, std::vector<PreparedCompletion>& completions,
      const AuditCall& audit) = 0;
  // The completion `record_id` of `institute`; NOT_FOUND naming record_id if there is none.
  virtual absl::StatusOr<pb::Completion> GetCompletion(const std::string& institute,
                                                       const std::string& record_id) = 0;
  virtual absl::StatusOr<std::vector<pb::Completion>> ListReviews(const std::string& institute) = 0;
  // Releases (counts, updating plan items and queueing assessed levels as RecordCompletions
  // does, attributed to the token that recorded the completion, not the reviewer's) or rejects
  // a held completion; FAILED_PRECONDITION if it is not held. `newly_counted`
  // says whether it now counts.
  virtual absl::StatusOr<pb::Completion> ReviewCompletion(int64_t completion_id, bool release,
                                                          const AuditCall& audit,
                                                          bool* newly_counted) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_
