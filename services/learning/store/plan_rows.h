// Writing plans and their items as MySQL rows: shared by the per-plan operations of the MySQL
// learning store and its bulk import (mysql_plan_import.cc).
#ifndef THAKSA_SERVICES_LEARNING_STORE_PLAN_ROWS_H_
#define THAKSA_SERVICES_LEARNING_STORE_PLAN_ROWS_H_

#include <cstdint>
#include <vector>

#include "common/db/sql.h"
#include "services/learning/domain/plan.h"

namespace thaksa::learning {

// Statuses as their stored numbers (the API's values).
int64_t Number(PlanStatus status);
int64_t Number(ItemStatus status);

// "INSERT INTO plan_item (...) VALUES " for InsertRows, with kPlanItemColumns values a row.
extern const char kInsertPlanItems[];
inline constexpr size_t kPlanItemColumns = 9;

// The row of `item` in plan `plan_id`: its definition as the API message's JSON (without id,
// status and achieved hours, which are columns), PLANNED unless it has a status.
std::vector<SqlValue> PlanItemRow(int64_t plan_id, const PlanItem& item);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_PLAN_ROWS_H_
