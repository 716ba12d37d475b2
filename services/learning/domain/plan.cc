#include "services/learning/domain/plan.h"

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
