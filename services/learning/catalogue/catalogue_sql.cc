#include "services/learning/catalogue/catalogue_sql.h"

#include <cppconn/resultset.h>

#include "common/db/sql.h"

namespace thaksa::learning {

bool InstituteExists(sql::Connection& c, const std::string& code) {
  return Query(c, "SELECT code FROM institute WHERE code = ?", {code})->next();
}

}  // namespace thaksa::learning
