#include "services/assessment/units/mysql_unit_catalogue.h"

#include <cppconn/resultset.h>

#include "common/db/sql.h"
#include "common/status.h"

namespace thaksa::assessment {

absl::Status MySqlUnitCatalogue::Replace(const std::vector<v1::CompetencyUnit>& units,
                                         const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    Execute(c, "DELETE FROM competency_unit", {});
    std::vector<std::vector<SqlValue>> rows;
    for (const v1::CompetencyUnit& u : units) {
      rows.push_back({u.code(), u.skill_set_code(), int64_t{u.provisional()}, u.name().th(),
                      u.name().en()});
    }
    InsertRows(c,
               "INSERT INTO competency_unit (code, skill_set_code, provisional, name_th, name_en)"
               " VALUES ",
               5, rows);
    AppendAuditEvents(c, audit, {{"competency_units", "", "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<std::map<std::string, v1::CompetencyUnit>> MySqlUnitCatalogue::Units(
    const std::string& skill_set_code) {
  std::map<std::string, v1::CompetencyUnit> units;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    units.clear();
    auto rows = Query(c,
                      "SELECT code, skill_set_code, provisional, name_th, name_en"
                      " FROM competency_unit WHERE ? = '' OR skill_set_code = ? ORDER BY code",
                      {skill_set_code, skill_set_code});
    while (rows->next()) {
      v1::CompetencyUnit& u = units[std::string(rows->getString("code"))];
      u.set_code(rows->getString("code"));
      u.set_skill_set_code(rows->getString("skill_set_code"));
      u.set_provisional(rows->getBoolean("provisional"));
      u.mutable_name()->set_th(rows->getString("name_th"));
      u.mutable_name()->set_en(rows->getString("name_en"));
    }
    return absl::OkStatus();
  }));
  return units;
}

absl::StatusOr<std::vector<std::string>> MySqlUnitCatalogue::UnitCodes() {
  return Codes("SELECT code FROM competency_unit ORDER BY code");
}

absl::StatusOr<std::vector<std::string>> MySqlUnitCatalogue::BehaviourCodes() {
  return Codes("SELECT code FROM behaviour WHERE code <> '' ORDER BY code");
}

absl::StatusOr<std::vector<std::string>> MySqlUnitCatalogue::Codes(const std::string& query) {
  std::vector<std::string> codes;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    codes.clear();
    // The code columns are ascii_bin, which orders bytes as std::string does.
    auto rows = Query(c, query, {});
    while (rows->next()) codes.push_back(rows->getString("code"));
    return absl::OkStatus();
  }));
  return codes;
}

}  // namespace thaksa::assessment
