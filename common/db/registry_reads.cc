#include "common/db/registry_reads.h"

#include <cppconn/resultset.h>

#include "absl/status/status.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"

namespace thaksa {

std::optional<std::string> AgencyPathOf(sql::Connection& connection, const std::string& code) {
  auto rows = Query(connection, "SELECT path FROM agency WHERE code = ?", {code});
  if (!rows->next()) return std::nullopt;
  return std::string(rows->getString("path"));
}

absl::StatusOr<PersonPlacement> PersonPlacementOn(sql::Connection& connection, int64_t person_id,
                                                  absl::CivilDay on) {
  const std::string day = FormatIsoDate(on);
  auto rows = Query(connection,
                    "SELECT p.supervisor_id, ra.path AS record_path, pa.personnel_group,"
                    " a.code, a.path FROM person p JOIN agency ra ON ra.id = p.record_agency_id"
                    " LEFT JOIN person_assignment pa ON pa.person_id = p.id"
                    " AND pa.effective_from <= ? AND pa.effective_to > ?"
                    " LEFT JOIN agency a ON a.id = pa.agency_id WHERE p.id = ?",
                    {day, day, person_id});
  if (!rows->next()) return absl::NotFoundError("no such person");
  PersonPlacement placement;
  placement.supervisor_id = rows->isNull("supervisor_id") ? 0 : rows->getInt64("supervisor_id");
  placement.record_agency_path = rows->getString("record_path");
  if (!rows->isNull("code")) {
    placement.group = rows->getInt("personnel_group");
    placement.agency_code = rows->getString("code");
    placement.agency_path = rows->getString("path");
  }
  return placement;
}

}  // namespace thaksa
