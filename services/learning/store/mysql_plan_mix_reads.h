// PlanMixReads on MySQL/MariaDB (schema: deploy/sql/004_learning.sql, 018_work_application.sql):
// the plan, plan_item, completion and work_application tables, with personnel's published reads for the agency filter.
#ifndef THAKSA_SERVICES_LEARNING_STORE_MYSQL_PLAN_MIX_READS_H_
#define THAKSA_SERVICES_LEARNING_STORE_MYSQL_PLAN_MIX_READS_H_

#include "common/db/connection_pool.h"
#include "services/learning/store/plan_mix_reads.h"

namespace thaksa::learning {

class MySqlPlanMixReads final : public PlanMixReads {
 public:
  explicit MySqlPlanMixReads(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<PlanMixInputs>> CurrentPlans(const std::string& agency_path,
                                                          int fiscal_year,
                                                          absl::CivilDay day) override;
  absl::StatusOr<ActivityCounts> CompletedActivities(const std::string& agency_path,
                                                     int fiscal_year,
                                                     absl::CivilDay day) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_MYSQL_PLAN_MIX_READS_H_
