// The workflow of individual development plans (§4.8.3): a person's plan for a fiscal year is
// drafted (items added, changed, removed), submitted by the person, returned to DRAFT or
// approved by the supervisor or HR — with a waiver reason when it breaks the 70:20:10 / 70:30
// or foundation rules — made ACTIVE, completed or cancelled, and revised (a new DRAFT revision)
// once approved. Progress of non-formal items is reported by the person and confirmed by the
// supervisor; formal items are completed by institute completions (see the store). Every
// answer is the plan described: its mix by planned and by achieved hours and the rules it
// breaks, judged against the person's skill profile.
//
// Who may do what is plan_access.h's; the checks of request fields (limits, shapes) are the
// adapter's, before a call here, except those that follow the plan's state (as a caller sees
// them, in that order).
#ifndef THAKSA_SERVICES_LEARNING_PLAN_WORKFLOW_H_
#define THAKSA_SERVICES_LEARNING_PLAN_WORKFLOW_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "common/status.h"
#include "services/assessment/units/unit_catalogue.h"
#include "services/learning/domain/plan.h"
#include "services/learning/plan_access.h"
#include "services/learning/skill_profiles.h"
#include "services/learning/store/learning_store.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::learning {

// One call on plans: who makes it, its audit, the skill profiles as that caller may read them,
// and the annex's codes that items may link to.
struct PlanCall {
  const Principal& principal;
  const AuditCall& audit;
  SkillProfiles& profiles;
  assessment::AnnexReferences& annex;
};

// Which plans ListPlans wants.
struct PlanQuery {
  // The agency whose subtree's people's plans are listed; empty: the caller's own subtree
  // (every agency for ADMIN).
  std::string agency_code;
  PlanStatus status = PlanStatus::kUnspecified;  // any
  int fiscal_year = 0;                           // any
};

// `plan` with its mix and the rules it breaks, judged with the person's skill profile: each
// foundation skill set of the profile must be met or developed by an item; a profile that could
// not be had shows as a "foundation" violation saying why.
DescribedPlan Describe(Plan plan, const absl::StatusOr<SkillProfile>& profile);

// What the items of a person's plan may refer to.
struct ItemReferences {
  // The skill sets of the framework the person follows; empty when they follow none today
  // (nothing to check the codes against).
  std::set<std::string> skill_sets;
  // Whether the institute has a course with the code.
  std::function<bool(const std::string& institute, const std::string& course)> course_exists;
  // The expected behaviours' codes and the competency units' codes (sorted, in a GoalCodes);
  // null until read (ReadGoals), which they are only for items that link to any.
  const std::vector<std::string>* behaviour_codes = nullptr;
  const std::vector<std::string>* unit_codes = nullptr;
};

// The annex's codes items may link to, each kind read once it is needed.
struct GoalCodes {
  std::optional<std::vector<std::string>> behaviour_codes;
  std::optional<std::vector<std::string>> unit_codes;
};

// Reads into `goals` the annex's codes of each kind that one of `items` links to, unless they
// were read before, and points `references` at what `goals` holds (which must outlive it).
absl::Status ReadGoals(assessment::AnnexReferences& annex, const std::vector<PlanItem>& items,
                       GoalCodes& goals, ItemReferences& references);

// The skill sets `profile` says the person's items may develop (ItemReferences::skill_sets), as
// `profiles` gives a framework's: none when the person follows no framework today
// (FAILED_PRECONDITION); the profile's error when it could not be had.
absl::StatusOr<std::set<std::string>> SkillSetsFor(SkillProfiles& profiles,
                                                   const absl::StatusOr<SkillProfile>& profile);

// Adds a violation for each skill set of `item` not in `references` (on
// "<field>.skill_set_codes[i]"), for a course on an item that is not FORMAL, or one that does
// not exist (on "<field>.course_code"), and for each behaviour or unit code not in `references`
// (on "<field>.behaviour_codes[i]", "<field>.unit_codes[i]", a unit naming the nearest).
void CheckItemReferences(const PlanItem& item, const std::string& field,
                         const ItemReferences& references, FieldErrors& errors);

class PlanWorkflow final {
 public:
  // All arguments must outlive the workflow.
  PlanWorkflow(LearningStore& store, personnel::Directory& directory, const Clock& clock)
      : store_(store), directory_(directory), clock_(clock) {}

  // A DRAFT plan, revision 1, for the person and fiscal year (BE); ALREADY_EXISTS if they have
  // one.
  absl::StatusOr<DescribedPlan> Create(const PlanCall& call, int64_t person_id, int fiscal_year);
  // Adds `item` to a DRAFT plan at `expected_version`. Its skill sets must be of the person's
  // framework (INVALID_ARGUMENT on "item.skill_set_codes[i]"; not checked when the person
  // follows none today) and a course only of a FORMAL item and of a registered course
  // (INVALID_ARGUMENT on "item.course_code"). Its id, status and achieved hours are ignored.
  absl::StatusOr<DescribedPlan> AddItem(const PlanCall& call, int64_t plan_id, PlanItem item,
                                        int64_t expected_version);
  // Replaces the item with `item.id`, checked as AddItem; its status and achieved hours stay as
  // stored (INVALID_ARGUMENT on "item.id" if the plan has no such item).
  absl::StatusOr<DescribedPlan> UpdateItem(const PlanCall& call, int64_t plan_id, PlanItem item,
                                           int64_t expected_version);
  absl::StatusOr<DescribedPlan> RemoveItem(const PlanCall& call, int64_t plan_id, int64_t item_id,
                                           int64_t expected_version);
  // The plan, if the caller may read it. Unknown plans are outside the scope of all but ADMIN
  // (NOT_FOUND).
  absl::StatusOr<DescribedPlan> Get(const PlanCall& call, int64_t plan_id);
  // The current plans of the people working in the agency's subtree today, with their mix (no
  // violations: those ask a profile per plan). PERMISSION_DENIED for an agency unknown or
  // outside the caller's subtree.
  absl::StatusOr<std::vector<DescribedPlan>> List(const PlanCall& call, const PlanQuery& query);
  // Moves the plan to `to`:
  //   DRAFT <- SUBMITTED (returned; edit), SUBMITTED <- DRAFT (submit),
  //   APPROVED <- SUBMITTED (approve), ACTIVE <- APPROVED (edit),
  //   COMPLETED <- ACTIVE (approve), CANCELLED <- any but COMPLETED, CANCELLED, SUPERSEDED
  //   (approve once APPROVED or ACTIVE, edit before).
  // Access is checked first, then the move (FAILED_PRECONDITION "a plan cannot go from X to
  // Y"), then the waiver reason's shape. Approving a plan that breaks a rule needs a waiver
  // reason (FAILED_PRECONDITION listing the violations otherwise); the reason and the approver
  // are recorded. ABORTED if the plan changed since `expected_version`.
  absl::StatusOr<DescribedPlan> Transition(const PlanCall& call, int64_t plan_id, PlanStatus to,
                                           int64_t expected_version,
                                           const std::string& waiver_reason);
  // A new DRAFT revision of an APPROVED or ACTIVE plan, items and progress kept.
  absl::StatusOr<DescribedPlan> Revise(const PlanCall& call, int64_t plan_id);
  // The person reports a non-formal item of an ACTIVE plan done, with the hours and evidence
  // (checked after the plan's state: INVALID_ARGUMENT on "achieved_hours", "evidence").
  absl::StatusOr<DescribedPlan> CompleteItem(const PlanCall& call, int64_t plan_id,
                                             int64_t item_id, double achieved_hours,
                                             const std::string& evidence);
  // The supervisor (or HR) confirms an item the person reported done.
  absl::StatusOr<DescribedPlan> ConfirmItem(const PlanCall& call, int64_t plan_id,
                                            int64_t item_id);

 private:
  // Whether the caller may have `access` to the plans of `person_id` today.
  absl::Status Require(const PlanCall& call, int64_t person_id, PlanAccess access);
  // Checks `item` of a plan of a person with `profile` against what is stored.
  absl::Status Validate(const PlanCall& call, const absl::StatusOr<SkillProfile>& profile,
                        const PlanItem& item);
  // Checks `item` for plan `plan_id` and stores it, answering the plan described.
  absl::StatusOr<DescribedPlan> PutItem(const PlanCall& call, int64_t plan_id,
                                        const PlanItem& item, int64_t expected_version);

  LearningStore& store_;
  personnel::Directory& directory_;
  const Clock& clock_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_PLAN_WORKFLOW_H_
