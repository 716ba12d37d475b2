// Reads of the personnel registry that the other services' stores share: they all live in the
// one MySQL store, so an agency's path or where a person works is asked the same way everywhere.
#ifndef THAKSA_COMMON_DB_REGISTRY_READS_H_
#define THAKSA_COMMON_DB_REGISTRY_READS_H_

#include <cppconn/connection.h>

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace thaksa {

// The materialised path of the agency with `code`, or nullopt if there is none.
std::optional<std::string> AgencyPathOf(sql::Connection& connection, const std::string& code);

// Where a person stands on a day. The assignment fields are empty (group 0) when the person
// has no assignment on that day.
struct PersonPlacement {
  int64_t supervisor_id = 0;  // 0 if none
  std::string record_agency_path;
  int group = 0;
  std::string agency_code;
  std::string agency_path;
};

// NOT_FOUND if there is no such person.
absl::StatusOr<PersonPlacement> PersonPlacementOn(sql::Connection& connection, int64_t person_id,
                                                  absl::CivilDay on);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_REGISTRY_READS_H_
