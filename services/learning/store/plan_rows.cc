#include "services/learning/store/plan_rows.h"

#include <string>

#include "common/proto_json.h"
#include "services/learning/learning_convert.h"

namespace thaksa::learning {

int64_t Number(PlanStatus status) { return static_cast<int64_t>(status); }
int64_t Number(ItemStatus status) { return static_cast<int64_t>(status); }

const char kInsertPlanItems[] =
    "INSERT INTO plan_item (plan_id, definition, mode, horizon, planned_hours, achieved_hours,"
    " status, institute_code, course_code) VALUES ";

std::vector<SqlValue> PlanItemRow(int64_t plan_id, const PlanItem& item) {
  const ItemStatus status = item.status == ItemStatus::kUnspecified ? ItemStatus::kPlanned
                                                                    : item.status;
  v1::PlanItem definition = ToProto(item);
  definition.clear_id();
  definition.clear_achieved_hours();
  definition.clear_status();
  return {plan_id,
          ToJson(definition),
          int64_t{definition.mode()},
          int64_t{definition.horizon()},
          std::to_string(item.planned_hours),
          std::to_string(item.achieved_hours),
          Number(status),
          NullIfEmpty(item.institute_code),
          NullIfEmpty(item.course_code)};
}

}  // namespace thaksa::learning
