// UnitCatalogue on MySQL/MariaDB (schema: deploy/sql/019_competency_units.sql).
#ifndef THAKSA_SERVICES_ASSESSMENT_UNITS_MYSQL_UNIT_CATALOGUE_H_
#define THAKSA_SERVICES_ASSESSMENT_UNITS_MYSQL_UNIT_CATALOGUE_H_

#include "common/db/connection_pool.h"
#include "services/assessment/units/unit_catalogue.h"

namespace thaksa::assessment {

class MySqlUnitCatalogue final : public UnitCatalogue {
 public:
  explicit MySqlUnitCatalogue(ConnectionPool& pool) : pool_(pool) {}

  absl::Status Replace(const std::vector<v1::CompetencyUnit>& units,
                       const AuditCall& audit) override;
  absl::StatusOr<std::map<std::string, v1::CompetencyUnit>> Units(
      const std::string& skill_set_code) override;
  absl::StatusOr<std::vector<std::string>> UnitCodes() override;
  absl::StatusOr<std::vector<std::string>> BehaviourCodes() override;

 private:
  // The `code` column of `query`'s rows, which it sorts.
  absl::StatusOr<std::vector<std::string>> Codes(const std::string& query);

  ConnectionPool& pool_;
};

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_UNITS_MYSQL_UNIT_CATALOGUE_H_
