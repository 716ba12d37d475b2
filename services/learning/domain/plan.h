// Individual development plans as the learning service's use cases and store see them: a plan
// of a person for a fiscal year, its items (each a part of 70:20:10 for the present or the
// future role), where the plan is in its workflow and how far each item has come. The API
// messages (thaksa.learning.v1.Plan, PlanItem) are converted to and from these in
// learning_convert.h; the enumerators have the API's values.
#ifndef THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_H_
#define THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/learning/domain/learning_rules.h"

namespace thaksa::learning {

// Where a plan is in its workflow. Values as in thaksa.learning.v1.PlanStatus.
enum class PlanStatus {
  kUnspecified = 0,
  kDraft,
  kSubmitted,
  kApproved,
  kActive,
  kCompleted,
  kCancelled,
  kSuperseded,  // replaced by a newer revision
};

// The API's name of `status` ("PLAN_STATUS_DRAFT", ...); empty for a value outside the enum.
absl::string_view PlanStatusName(PlanStatus status);

// How far an item has come. Values as in thaksa.learning.v1.ItemStatus.
enum class ItemStatus {
  kUnspecified = 0,
  kPlanned,
  kReported,  // reported done by the person, awaiting the supervisor
  kDone,      // confirmed by the supervisor, or completed by an institute completion
};

struct PlanItem {
  int64_t id = 0;
  std::string title;
  Mode mode = Mode::kUnspecified;
  std::vector<std::string> skill_set_codes;
  double planned_hours = 0;
  Horizon horizon = Horizon::kUnspecified;
  std::optional<absl::CivilDay> due;
  // FORMAL items of an institute course.
  std::string institute_code;
  std::string course_code;
  ItemStatus status = ItemStatus::kUnspecified;
  double achieved_hours = 0;
  // What the person reported as done.
  std::string evidence;
  // The goals it works towards: expected behaviours' codes and competency-unit codes (in their
  // one form), each once.
  std::vector<std::string> behaviour_codes;
  std::vector<std::string> unit_codes;
};

struct Plan {
  int64_t id = 0;  // each revision has its own
  int64_t person_id = 0;
  int fiscal_year = 0;  // BE
  int revision = 0;
  PlanStatus status = PlanStatus::kUnspecified;
  std::vector<PlanItem> items;  // in the order added
  // Why it was approved despite breaking the rules; empty if it did not.
  std::string waiver_reason;
  int64_t approved_by_token_id = 0;  // 0 before approval
  int64_t version = 0;
};

// A plan with what the rules say of it: its mix by planned and by achieved hours and the rules
// it breaks (left empty where the violations were not asked for, as in lists).
struct DescribedPlan {
  Plan plan;
  Mix planned;
  Mix achieved;
  std::vector<RuleViolation> violations;
  std::vector<RuleViolation> warnings;  // GoalWarnings
};

// A "goal" warning for each item of `plan` that links to no expected behaviour or competency
// unit (§4.8.3 ¶2: learning goals come from the expected roles), naming it by place and title.
std::vector<RuleViolation> GoalWarnings(const Plan& plan);

// The item's mode, horizon, planned and achieved hours and the skill sets it develops.
ItemHours HoursOf(const PlanItem& item);
// The hours of every item of `plan`, in order.
std::vector<ItemHours> HoursOf(const Plan& plan);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_H_
