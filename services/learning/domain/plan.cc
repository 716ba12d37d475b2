#include "services/learning/domain/plan.h"

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"

namespace thaksa::learning {

absl::string_view PlanStatusName(PlanStatus status) {
  switch (status) {
    case PlanStatus::kUnspecified: return "PLAN_STATUS_UNSPECIFIED";
    case PlanStatus::kDraft: return "PLAN_STATUS_DRAFT";
    case PlanStatus::kSubmitted: return "PLAN_STATUS_SUBMITTED";
    case PlanStatus::kApproved: return "PLAN_STATUS_APPROVED";
    case PlanStatus::kActive: return "PLAN_STATUS_ACTIVE";
    case PlanStatus::kCompleted: return "PLAN_STATUS_COMPLETED";
    case PlanStatus::kCancelled: return "PLAN_STATUS_CANCELLED";
    case PlanStatus::kSuperseded: return "PLAN_STATUS_SUPERSEDED";
  }
  return "";
}

std::vector<RuleViolation> GoalWarnings(const Plan& plan) {
  std::vector<RuleViolation> warnings;
  for (size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    if (item.behaviour_codes.empty() && item.unit_codes.empty()) {
      warnings.push_back(
          {"goal", absl::StrCat("item ", i + 1, " (", Utf8Prefix(item.title, 60),
                                ") links to no expected behaviour or competency unit")});
    }
  }
  return warnings;
}

ItemHours HoursOf(const PlanItem& item) {
  return {item.mode, item.horizon, item.planned_hours, item.achieved_hours, item.skill_set_codes};
}

std::vector<ItemHours> HoursOf(const Plan& plan) {
  std::vector<ItemHours> items;
  items.reserve(plan.items.size());
  for (const PlanItem& item : plan.items) items.push_back(HoursOf(item));
  return items;
}

}  // namespace thaksa::learning
