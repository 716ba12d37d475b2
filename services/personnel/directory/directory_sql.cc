#include "services/personnel/directory/directory_sql.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/thai_calendar.h"

namespace thaksa::personnel {
namespace {

AgencyKey ReadAgencyKey(sql::ResultSet& row) {
  return {row.getInt64("id"), row.getString("code"), row.getString("path")};
}

// The agencies whose `column` ("id" or "code") is one of `values`.
std::vector<AgencyKey> AgenciesWhere(sql::Connection& c, const std::string& column,
                                     const std::vector<SqlValue>& values) {
  std::vector<AgencyKey> agencies;
  if (values.empty()) return agencies;
  auto rows = Query(c,
                    absl::StrCat("SELECT id, code, path FROM agency WHERE ", column, " IN (",
                                 PlaceholderList(values.size()), ")"),
                    values);
  while (rows->next()) agencies.push_back(ReadAgencyKey(*rows));
  return agencies;
}

// Where the person of `row` (of the query of PlacementsOnDays) stands on each of their days in
// `days_of`: an entry for each, with the row's assignment on the days it covers unless an
// assignment that started earlier covers them too (rows come in order of their start).
void PlaceOnDays(sql::ResultSet& row, std::map<int64_t, std::vector<absl::CivilDay>>& days_of,
                 std::map<PersonDay, PersonPlacement>& placements) {
  PersonPlacement unassigned;
  unassigned.person_id = row.getInt64("id");
  unassigned.supervisor_id = row.isNull("supervisor_id") ? 0 : row.getInt64("supervisor_id");
  unassigned.record_agency_path = row.getString("record_path");
  absl::StatusOr<absl::CivilDay> from = absl::NotFoundError("no assignment");
  absl::StatusOr<absl::CivilDay> to = from;
  if (!row.isNull("code")) {
    from = ParseIsoDate(std::string(row.getString("effective_from")));
    to = ParseIsoDate(std::string(row.getString("effective_to")));
  }
  for (absl::CivilDay day : days_of[unassigned.person_id]) {
    PersonPlacement& placement =
        placements.emplace(PersonDay{unassigned.person_id, day}, unassigned).first->second;
    if (placement.agency_code.empty() && from.ok() && to.ok() && *from <= day && day < *to) {
      placement.group = row.getInt("personnel_group");
      placement.agency_code = row.getString("code");
      placement.agency_path = row.getString("path");
      placement.position_title = row.getString("position_title");
      placement.grade = row.getString("grade");
    }
  }
}

}  // namespace

std::optional<AgencyKey> FindAgency(sql::Connection& c, const std::string& code) {
  auto rows = Query(c, "SELECT id, code, path FROM agency WHERE code = ?", {code});
  if (!rows->next()) return std::nullopt;
  return ReadAgencyKey(*rows);
}

std::map<int64_t, AgencyKey> AgenciesById(sql::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, AgencyKey> agencies;
  for (AgencyKey& agency : AgenciesWhere(c, "id", std::vector<SqlValue>(ids.begin(), ids.end()))) {
    agencies.emplace(agency.id, std::move(agency));
  }
  return agencies;
}

std::string AgencyCodeAndPathColumns(const std::string& id_column) {
  return absl::StrCat("(SELECT code FROM agency WHERE id = ", id_column, ") AS agency_code,",
                      " (SELECT path FROM agency WHERE id = ", id_column, ") AS agency_path");
}

std::map<std::string, AgencyKey> AgenciesByCode(sql::Connection& c,
                                                const std::set<std::string>& codes) {
  std::map<std::string, AgencyKey> agencies;
  for (AgencyKey& agency :
       AgenciesWhere(c, "code", std::vector<SqlValue>(codes.begin(), codes.end()))) {
    agencies.emplace(agency.code, agency);
  }
  return agencies;
}

absl::StatusOr<PersonPlacement> PersonPlacementOn(sql::Connection& c, int64_t person_id,
                                                  absl::CivilDay day) {
  std::map<int64_t, PersonPlacement> placements = PlacementsOn(c, {person_id}, day);
  if (placements.empty()) return absl::NotFoundError("no such person");
  return std::move(placements.begin()->second);
}

std::map<int64_t, PersonPlacement> PlacementsOn(sql::Connection& c,
                                                const std::vector<int64_t>& person_ids,
                                                absl::CivilDay day) {
  std::vector<PersonDay> wanted;
  for (int64_t person_id : person_ids) wanted.push_back({person_id, day});
  std::map<int64_t, PersonPlacement> placements;
  for (auto& [person_day, placement] : PlacementsOnDays(c, wanted)) {
    placements.emplace(person_day.first, std::move(placement));
  }
  return placements;
}

std::map<PersonDay, PersonPlacement> PlacementsOnDays(sql::Connection& c,
                                                      const std::vector<PersonDay>& wanted) {
  std::map<PersonDay, PersonPlacement> placements;
  if (wanted.empty()) return placements;
  absl::CivilDay first = wanted.front().second, last = first;
  std::map<int64_t, std::vector<absl::CivilDay>> days_of;
  for (const auto& [person_id, day] : wanted) {
    days_of[person_id].push_back(day);
    first = std::min(first, day);
    last = std::max(last, day);
  }
  std::vector<int64_t> ids;
  for (const auto& [person_id, days] : days_of) ids.push_back(person_id);
  // A row per assignment in force on some day between the first and the last day asked, or one
  // row with no assignment for a person who has none then.
  for (std::vector<SqlValue>& params : IdSlices(ids)) {
    const size_t count = params.size();
    params.insert(params.begin(), {FormatIsoDate(last), FormatIsoDate(first)});
    auto rows = Query(c,
                      absl::StrCat("SELECT p.id, p.supervisor_id, ra.path AS record_path,"
                                   " pa.effective_from, pa.effective_to, pa.personnel_group,"
                                   " pa.position_title, pa.grade,"
                                   " a.code, a.path FROM person p"
                                   " JOIN agency ra ON ra.id = p.record_agency_id"
                                   " LEFT JOIN person_assignment pa ON pa.person_id = p.id"
                                   " AND pa.effective_from <= ? AND pa.effective_to > ?"
                                   " LEFT JOIN agency a ON a.id = pa.agency_id WHERE p.id IN (",
                                   PlaceholderList(count), ") ORDER BY pa.effective_from"),
                      params);
    while (rows->next()) PlaceOnDays(*rows, days_of, placements);
  }
  return placements;
}

std::map<std::string, Period> PeriodsInEffect(sql::Connection& c,
                                              const std::set<std::string>& agency_paths,
                                              absl::CivilDay day) {
  std::vector<PathDay> wanted;
  for (const std::string& path : agency_paths) wanted.push_back({path, day});
  std::map<std::string, Period> periods;
  for (const auto& [path_day, period] : PeriodsInEffectOnDays(c, wanted)) {
    periods[path_day.first] = period;
  }
  return periods;
}

std::map<PathDay, Period> PeriodsInEffectOnDays(sql::Connection& c,
                                                const std::vector<PathDay>& wanted) {
  std::set<int64_t> ancestors;
  for (const auto& [path, day] : wanted) {
    for (int64_t id : AncestorIds(path)) ancestors.insert(id);
  }
  std::map<int64_t, std::vector<PeriodDeclaration>> declared;
  QueryIn(c, "SELECT agency_id, fiscal_year, period FROM agency_period WHERE agency_id",
          std::vector<SqlValue>(ancestors.begin(), ancestors.end()), " ORDER BY fiscal_year, id",
          [&](sql::ResultSet& row) {
            declared[row.getInt64("agency_id")].push_back(
                {row.getInt("fiscal_year"), static_cast<Period>(row.getInt("period")),
                 absl::Time()});
          });
  std::map<PathDay, Period> periods;
  for (const PathDay& path_day : wanted) {
    const std::vector<int64_t> path_ids = AncestorIds(path_day.first);  // root first
    if (path_ids.empty()) {
      periods[path_day] = Period::kUnspecified;
      continue;
    }
    Agency agency;
    agency.period_history = declared[path_ids.back()];
    for (size_t i = 0; i + 1 < path_ids.size(); ++i) {
      agency.ancestor_periods.push_back({"", declared[path_ids[i]]});
    }
    periods[path_day] = EffectivePeriod(agency, FiscalYearOf(path_day.second)).period;
  }
  return periods;
}

bool PersonExists(sql::Connection& c, int64_t person_id) {
  return !ExistingPeople(c, {person_id}).empty();
}

std::map<int64_t, std::vector<int>> SecondaryGroupsOn(sql::Connection& c,
                                                      const std::vector<int64_t>& person_ids,
                                                      absl::CivilDay on) {
  const std::set<int64_t> distinct(person_ids.begin(), person_ids.end());
  std::map<int64_t, std::vector<int>> groups;
  QueryIn(c,
          absl::StrCat("SELECT person_id, personnel_group FROM person_secondary_group"
                       " WHERE (approved_on IS NULL OR approved_on <= '",
                       FormatIsoDate(on), "') AND person_id"),
          std::vector<SqlValue>(distinct.begin(), distinct.end()),
          " ORDER BY person_id, personnel_group", [&](sql::ResultSet& row) {
            groups[row.getInt64("person_id")].push_back(row.getInt("personnel_group"));
          });
  return groups;
}

std::set<int64_t> ExistingPeople(sql::Connection& c, const std::vector<int64_t>& person_ids) {
  std::set<int64_t> existing;
  QueryIn(c, "SELECT id FROM person WHERE id",
          std::vector<SqlValue>(person_ids.begin(), person_ids.end()), "",
          [&](sql::ResultSet& row) { existing.insert(row.getInt64("id")); });
  return existing;
}

std::map<int64_t, std::string> CitizenIdHashesOf(sql::Connection& c,
                                                 const std::vector<int64_t>& person_ids) {
  std::map<int64_t, std::string> hashes;
  if (person_ids.empty()) return hashes;
  auto rows = Query(c,
                    absl::StrCat("SELECT id, citizen_id_hash FROM person WHERE id IN (",
                                 PlaceholderList(person_ids.size()), ")"),
                    std::vector<SqlValue>(person_ids.begin(), person_ids.end()));
  while (rows->next()) hashes[rows->getInt64("id")] = GetStringOrEmpty(*rows, "citizen_id_hash");
  return hashes;
}

std::map<std::string, int64_t> PeopleWithCitizenIdHashes(sql::Connection& c,
                                                         const std::vector<std::string>& hashes) {
  std::map<std::string, int64_t> people;
  if (hashes.empty()) return people;
  auto rows = Query(c,
                    absl::StrCat("SELECT id, citizen_id_hash FROM person WHERE citizen_id_hash IN (",
                                 PlaceholderList(hashes.size()), ")"),
                    std::vector<SqlValue>(hashes.begin(), hashes.end()));
  while (rows->next()) people[rows->getString("citizen_id_hash")] = rows->getInt64("id");
  return people;
}

SqlFragment PeopleAssignedUnder(const std::string& agency_path, absl::CivilDay day) {
  const std::string date = FormatIsoDate(day);
  return {"SELECT pa.person_id FROM person_assignment pa JOIN agency a ON a.id = pa.agency_id"
          " WHERE a.path LIKE ? AND pa.effective_from <= ? AND pa.effective_to > ?",
          {absl::StrCat(agency_path, "%"), date, date}};
}

std::vector<int64_t> PeopleAssignedOn(sql::Connection& c, const std::string& agency_path,
                                      absl::CivilDay day) {
  const SqlFragment assigned = PeopleAssignedUnder(agency_path, day);
  auto rows = Query(c, absl::StrCat("SELECT DISTINCT person_id FROM (", assigned.sql,
                                    ") AS assigned ORDER BY person_id"),
                    assigned.params);
  std::vector<int64_t> people;
  while (rows->next()) people.push_back(rows->getInt64(1));
  return people;
}

std::vector<int64_t> PeopleMovedBetween(sql::Connection& c, absl::CivilDay after,
                                        absl::CivilDay through) {
  const std::string from = FormatIsoDate(after);
  const std::string to = FormatIsoDate(through);
  auto rows = Query(c,
                    "SELECT DISTINCT person_id FROM person_assignment"
                    " WHERE (effective_from > ? AND effective_from <= ?)"
                    " OR (effective_to > ? AND effective_to <= ?) ORDER BY person_id",
                    {from, to, from, to});
  std::vector<int64_t> people;
  while (rows->next()) people.push_back(rows->getInt64(1));
  return people;
}

}  // namespace thaksa::personnel
