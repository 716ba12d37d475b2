// Personnel's published reads for the other services' MySQL stores: on the caller's connection,
// so that they are part of its transaction. The only code outside personnel that names the
// agency and people tables.
#ifndef THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_SQL_H_
#define THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_SQL_H_

#include <cppconn/connection.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/db/sql.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::personnel {

// An agency's identity and place in the tree.
struct AgencyKey {
  int64_t id = 0;
  std::string code;
  std::string path;  // materialized, "/1/7/42/"
};

// Every function may throw sql::SQLException, like the store code that calls it.

// The agency with `code`, or nullopt.
std::optional<AgencyKey> FindAgency(sql::Connection& c, const std::string& code);
// The agencies with the given ids that exist, by id.
std::map<int64_t, AgencyKey> AgenciesById(sql::Connection& c, const std::vector<int64_t>& ids);

// Select-list expressions naming the code and the path of the agency whose id is in
// `id_column` (NULL if it is NULL), as columns `agency_code` and `agency_path`: for a query of
// another service's table that carries an agency id.
std::string AgencyCodeAndPathColumns(const std::string& id_column);

// The agencies with the given codes that exist, by code.
std::map<std::string, AgencyKey> AgenciesByCode(sql::Connection& c,
                                                const std::set<std::string>& codes);

// NOT_FOUND if there is no such person.
absl::StatusOr<PersonPlacement> PersonPlacementOn(sql::Connection& c, int64_t person_id,
                                                  absl::CivilDay day);
// PersonPlacementOn for many people, one query per thousand: the people that exist, by id.
std::map<int64_t, PersonPlacement> PlacementsOn(sql::Connection& c,
                                                const std::vector<int64_t>& person_ids,
                                                absl::CivilDay day);
// A person (by id) on a day.
using PersonDay = std::pair<int64_t, absl::CivilDay>;
// PlacementsOn for people each on their own day (or days), with one query per thousand people:
// the people that exist, by person and day.
std::map<PersonDay, PersonPlacement> PlacementsOnDays(sql::Connection& c,
                                                      const std::vector<PersonDay>& wanted);
// The period each agency at `agency_paths` is in during the fiscal year of `day`, by path: its
// own declaration or its nearest declaring ancestor's (EffectivePeriod); kUnspecified for "".
// One query per thousand agencies on the paths.
std::map<std::string, Period> PeriodsInEffect(sql::Connection& c,
                                              const std::set<std::string>& agency_paths,
                                              absl::CivilDay day);
// An agency (by materialized path) on a day.
using PathDay = std::pair<std::string, absl::CivilDay>;
// PeriodsInEffect for agencies each on their own day (or days): by path and day.
std::map<PathDay, Period> PeriodsInEffectOnDays(sql::Connection& c,
                                                const std::vector<PathDay>& wanted);
bool PersonExists(sql::Connection& c, int64_t person_id);
// The further groups (PersonRecord.secondary_groups) that those of `person_ids` who have any
// held on `on`: approved by then, or kept before approval days were. By id, each person's in
// ascending order (thaksa.common.v1.PersonnelGroup values); `person_ids` may repeat.
std::map<int64_t, std::vector<int>> SecondaryGroupsOn(sql::Connection& c,
                                                      const std::vector<int64_t>& person_ids,
                                                      absl::CivilDay on);
// Those of `person_ids` that are the ids of people.
std::set<int64_t> ExistingPeople(sql::Connection& c, const std::vector<int64_t>& person_ids);
// The keyed citizen-ID hashes of the people with the given ids ("" for one whose citizen ID was
// erased), by id; ids of no person are absent.
std::map<int64_t, std::string> CitizenIdHashesOf(sql::Connection& c,
                                                 const std::vector<int64_t>& person_ids);
// The ids of the people with the given keyed citizen-ID hashes, by hash.
std::map<std::string, int64_t> PeopleWithCitizenIdHashes(sql::Connection& c,
                                                         const std::vector<std::string>& hashes);

// A subquery selecting `person_id` of everyone assigned on `day` to an agency in the subtree
// rooted at `agency_path`, for "... person_id IN (<sql>)"; its parameters in order.
struct SqlFragment {
  std::string sql;
  std::vector<SqlValue> params;
};
SqlFragment PeopleAssignedUnder(const std::string& agency_path, absl::CivilDay day);
// The ids of everyone assigned on `day` to an agency under `agency_path`, ascending, once each.
std::vector<int64_t> PeopleAssignedOn(sql::Connection& c, const std::string& agency_path,
                                      absl::CivilDay day);
// The ids of people whose assignments started or ended on a day after `after` and not after
// `through`: moves, hirings and leavings that took effect in that time, ascending.
std::vector<int64_t> PeopleMovedBetween(sql::Connection& c, absl::CivilDay after,
                                        absl::CivilDay through);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DIRECTORY_DIRECTORY_SQL_H_
