#include "services/learning/learning_convert.h"

namespace thaksa::learning {

ItemHours HoursOf(const v1::PlanItem& item) {
  return {static_cast<Mode>(item.mode()), static_cast<Horizon>(item.horizon()),
          item.planned_hours(), item.achieved_hours(),
          {item.skill_set_codes().begin(), item.skill_set_codes().end()}};
}

std::vector<ItemHours> HoursOf(const v1::Plan& plan) {
  std::vector<ItemHours> items;
  items.reserve(static_cast<size_t>(plan.items_size()));
  for (const v1::PlanItem& item : plan.items()) items.push_back(HoursOf(item));
  return items;
}

}  // namespace thaksa::learning
