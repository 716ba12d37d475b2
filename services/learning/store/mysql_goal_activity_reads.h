// GoalActivityReads on MySQL/MariaDB (schema: deploy/sql/004_learning.sql,
// 018_work_application.sql): the plan, plan_item, completion, course and work_application tables.
#ifndef THAKSA_SERVICES_LEARNING_STORE_MYSQL_GOAL_ACTIVITY_READS_H_
#define THAKSA_SERVICES_LEARNING_STORE_MYSQL_GOAL_ACTIVITY_READS_H_

#include "common/db/connection_pool.h"
#include "services/learning/store/goal_activity_reads.h"

namespace thaksa::learning {

class MySqlGoalActivityReads final : public GoalActivityReads {
 public:
  explicit MySqlGoalActivityReads(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<GoalActivity>> ActivitiesOf(int64_t person_id, int fiscal_year,
                                                         absl::CivilDay day) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_MYSQL_GOAL_ACTIVITY_READS_H_
