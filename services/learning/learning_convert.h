// Conversions between the learning API messages and the learning rules' values: the hours of
// plan items, which the plan mix (70:20:10, 70:30) is computed from. Used by the learning
// service for a plan's mix and by the plan-mix reads that readiness sums.
#ifndef THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_
#define THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_

#include <vector>

#include "services/learning/domain/learning_rules.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

// The item's mode, horizon, planned and achieved hours and the skill sets it develops.
ItemHours HoursOf(const v1::PlanItem& item);
// The hours of every item of `plan`, in order.
std::vector<ItemHours> HoursOf(const v1::Plan& plan);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_LEARNING_CONVERT_H_
