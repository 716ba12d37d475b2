// Personnel's published reads: what the other services may know about agencies and people.
// Personnel owns the agency and people tables; other services read them only through this
// interface (in use-case code) or through directory_sql.h (inside their own transactions).
#ifndef THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_H_
#define THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/personnel/domain/agency.h"

namespace thaksa::personnel {

// Where a person stands on a day. The assignment fields are empty (group 0) when the person has
// no assignment on that day.
struct PersonPlacement {
  int64_t person_id = 0;
  int64_t supervisor_id = 0;  // 0 if none
  std::string record_agency_path;
  int group = 0;
  std::string agency_code;
  std::string agency_path;
  std::string position_title;
  std::string grade;
};

class Directory {
 public:
  virtual ~Directory() = default;
  // The materialized path of the agency with `code`; NOT_FOUND if there is none.
  virtual absl::StatusOr<std::string> AgencyPath(const std::string& code) = 0;
  // Where person `person_id` stands on `day`; NOT_FOUND if there is no such person.
  virtual absl::StatusOr<PersonPlacement> PlacementOn(int64_t person_id, absl::CivilDay day) = 0;
  // Where each of `person_ids` stands on `day`, by id, in one read; ids of no person are absent.
  virtual absl::StatusOr<std::map<int64_t, PersonPlacement>> PlacementsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay day) = 0;
};

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_H_
