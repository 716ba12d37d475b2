// The catalogue over the MySQL store (the institute table, deploy/sql/004_learning.sql).
#ifndef THAKSA_SERVICES_LEARNING_CATALOGUE_MYSQL_CATALOGUE_H_
#define THAKSA_SERVICES_LEARNING_CATALOGUE_MYSQL_CATALOGUE_H_

#include "common/db/connection_pool.h"
#include "services/learning/catalogue/catalogue.h"

namespace thaksa::learning {

class MySqlCatalogue final : public Catalogue {
 public:
  // `pool` must outlive this.
  explicit MySqlCatalogue(ConnectionPool& pool) : pool_(pool) {}
  absl::StatusOr<std::optional<int>> MaxAssessedLevel(const std::string& code) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_CATALOGUE_MYSQL_CATALOGUE_H_
