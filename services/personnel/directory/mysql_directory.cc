#include "services/personnel/directory/mysql_directory.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::personnel {

absl::StatusOr<std::string> MySqlDirectory::AgencyPath(const std::string& code) {
  std::optional<AgencyKey> agency;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    agency = FindAgency(c, code);
    return absl::OkStatus();
  }));
  if (!agency) return absl::NotFoundError(absl::StrCat("no agency '", code, "'"));
  return agency->path;
}

absl::StatusOr<PersonPlacement> MySqlDirectory::PlacementOn(int64_t person_id,
                                                            absl::CivilDay day) {
  absl::StatusOr<PersonPlacement> placement;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    placement = PersonPlacementOn(c, person_id, day);
    return absl::OkStatus();
  }));
  return placement;
}

absl::StatusOr<std::map<int64_t, PersonPlacement>> MySqlDirectory::PlacementsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay day) {
  std::map<int64_t, PersonPlacement> placements;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    placements = personnel::PlacementsOn(c, person_ids, day);
    return absl::OkStatus();
  }));
  return placements;
}

}  // namespace thaksa::personnel
