#include "services/learning/catalogue/mysql_catalogue.h"

#include "common/status.h"
#include "services/learning/catalogue/catalogue_sql.h"

namespace thaksa::learning {

absl::StatusOr<std::optional<int>> MySqlCatalogue::MaxAssessedLevel(const std::string& code) {
  std::optional<int> level;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    level = InstituteMaxAssessedLevel(c, code);
    return absl::OkStatus();
  }));
  return level;
}

}  // namespace thaksa::learning
