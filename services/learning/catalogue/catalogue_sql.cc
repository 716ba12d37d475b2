#include "services/learning/catalogue/catalogue_sql.h"

#include <cppconn/resultset.h>

#include <optional>

#include "common/db/sql.h"

namespace thaksa::learning {

bool InstituteExists(sql::Connection& c, const std::string& code) {
  return Query(c, "SELECT code FROM institute WHERE code = ?", {code})->next();
}

std::optional<int> InstituteMaxAssessedLevel(sql::Connection& c, const std::string& code) {
  auto rows = Query(c, "SELECT max_assessed_level FROM institute WHERE code = ?", {code});
  if (!rows->next()) return std::nullopt;
  return rows->getInt("max_assessed_level");
}

}  // namespace thaksa::learning
