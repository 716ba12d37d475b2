// The directory over the MySQL store.
#ifndef THAKSA_SERVICES_PERSONNEL_DIRECTORY_MYSQL_DIRECTORY_H_
#define THAKSA_SERVICES_PERSONNEL_DIRECTORY_MYSQL_DIRECTORY_H_

#include "common/db/connection_pool.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::personnel {

class MySqlDirectory final : public Directory {
 public:
  explicit MySqlDirectory(ConnectionPool& pool) : pool_(pool) {}
  absl::StatusOr<std::string> AgencyPath(const std::string& code) override;
  absl::StatusOr<PersonPlacement> PlacementOn(int64_t person_id, absl::CivilDay day) override;
  absl::StatusOr<std::map<int64_t, PersonPlacement>> PlacementsOn(
      const std::vector<int64_t>& person_ids, absl::CivilDay day) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DIRECTORY_MYSQL_DIRECTORY_H_
