// Where institutes, courses, development plans and completions are kept. Plans speak the
// domain's types (domain/plan.h). Institutes, courses and completions are still the API
// messages (pb::Institute, pb::Course, pb::CompletionRecord, pb::Completion): the completion
// path (its outbox payloads and the course fields it copies) has not been moved to domain types
// yet. The MySQL store keeps courses and plan items whole as the API message's JSON, with the
// columns reports need beside them.
#ifndef THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_
#define THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "services/learning/domain/plan.h"
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

// A write the learning service owes the assessment service (table learning_outbox): the
// assessment an institute's counted completion makes, recorded on the institute's behalf.
struct OutboxRow {
  int64_t id = 0;
  std::string institute_code;
  std::string external_id;
  std::string payload;  // a thaksa.assessment.v1.AssessmentRecord as JSON
  int attempts = 0;     // failed so far
};

// Rows waiting for delivery (new or to be retried) and rows rejected for good.
struct OutboxCounts {
  int64_t pending = 0;
  int64_t failed = 0;
};

class LearningStore {
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
  // on "item.id" if the plan has no such item. A new item is PLANNED with no hours achieved.
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
  // A new DRAFT revision with the items (progress kept); the old one becomes SUPERSEDED.
  // FAILED_PRECONDITION unless the plan is APPROVED or ACTIVE.
  virtual absl::StatusOr<Plan> RevisePlan(int64_t plan_id, const AuditCall& audit) = 0;
  // Sets an item's progress, and its evidence when `evidence` is not empty; INVALID_ARGUMENT on
  // "item_id" if the plan has no such item.
  virtual absl::StatusOr<Plan> SetItemProgress(int64_t plan_id, int64_t item_id,
                                               ItemStatus status, double achieved_hours,
                                               const std::string& evidence,
                                               const AuditCall& audit) = 0;
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
  // (see QueueAssessedLevels in the implementation).
  virtual absl::StatusOr<std::vector<CompletionOutcome>> RecordCompletions(
      const std::string& institute, std::vector<PreparedCompletion>& completions,
      const AuditCall& audit) = 0;
  virtual absl::StatusOr<std::vector<pb::Completion>> ListReviews(const std::string& institute) = 0;
  // Releases (counts, updating plan items and queueing assessed levels as RecordCompletions
  // does) or rejects a held completion; FAILED_PRECONDITION if it is not held. `newly_counted`
  // says whether it now counts.
  virtual absl::StatusOr<pb::Completion> ReviewCompletion(int64_t completion_id, bool release,
                                                          const AuditCall& audit,
                                                          bool* newly_counted) = 0;

  // The outbox rows neither delivered nor failed whose next attempt is due at `now`, oldest
  // first, at most `limit`.
  virtual absl::StatusOr<std::vector<OutboxRow>> DueOutbox(absl::Time now, int limit) = 0;
  // Marks rows acknowledged by the receiver; a row already delivered or failed stays as it is.
  virtual absl::Status MarkOutboxDelivered(const std::vector<int64_t>& ids, absl::Time at) = 0;
  // Counts a failed attempt of each row still pending and puts its next attempt at `next`.
  virtual absl::Status RetryOutboxLater(const std::vector<int64_t>& ids, const std::string& error,
                                        absl::Time next) = 0;
  // Marks a pending row rejected for good, with the reason; it is kept and no longer retried.
  virtual absl::Status MarkOutboxFailed(int64_t id, const std::string& reason, absl::Time at) = 0;
  virtual absl::StatusOr<OutboxCounts> CountOutbox() = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_LEARNING_STORE_H_
