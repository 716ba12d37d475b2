// WorkApplicationStore on MySQL/MariaDB (schema: deploy/sql/018_work_application.sql, beside
// 004_learning.sql's completion, plan and plan_item).
#ifndef THAKSA_SERVICES_LEARNING_STORE_MYSQL_WORK_APPLICATION_STORE_H_
#define THAKSA_SERVICES_LEARNING_STORE_MYSQL_WORK_APPLICATION_STORE_H_

#include "common/db/connection_pool.h"
#include "services/learning/store/work_application_store.h"

namespace thaksa::learning {

class MySqlWorkApplicationStore final : public WorkApplicationStore {
 public:
  explicit MySqlWorkApplicationStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<ApplicationActivity> ActivityOf(const WorkApplication& application) override;
  absl::StatusOr<WorkApplication> Record(const WorkApplication& given,
                                         const AuditCall& audit) override;
  absl::StatusOr<WorkApplication> Get(int64_t id) override;
  absl::StatusOr<WorkApplication> Confirm(int64_t id, int64_t expected_version,
                                          const AuditCall& audit) override;
  absl::StatusOr<std::vector<WorkApplication>> OfPerson(int64_t person_id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_STORE_MYSQL_WORK_APPLICATION_STORE_H_
