#include "services/personnel/directory/directory_sql.h"

#include <cppconn/resultset.h>

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
  const std::string date = FormatIsoDate(day);
  std::map<int64_t, PersonPlacement> placements;
  for (std::vector<SqlValue>& params : IdSlices(person_ids)) {
    const size_t count = params.size();
    params.insert(params.begin(), {date, date});
    auto rows = Query(c,
                      absl::StrCat("SELECT p.id, p.supervisor_id, ra.path AS record_path,"
                                   " pa.personnel_group, a.code, a.path FROM person p"
                                   " JOIN agency ra ON ra.id = p.record_agency_id"
                                   " LEFT JOIN person_assignment pa ON pa.person_id = p.id"
                                   " AND pa.effective_from <= ? AND pa.effective_to > ?"
                                   " LEFT JOIN agency a ON a.id = pa.agency_id WHERE p.id IN (",
                                   PlaceholderList(count), ") ORDER BY p.id, pa.effective_from"),
                      params);
    while (rows->next()) {
      PersonPlacement placement;
      placement.person_id = rows->getInt64("id");
      placement.supervisor_id = rows->isNull("supervisor_id") ? 0 : rows->getInt64("supervisor_id");
      placement.record_agency_path = rows->getString("record_path");
      if (!rows->isNull("code")) {
        placement.group = rows->getInt("personnel_group");
        placement.agency_code = rows->getString("code");
        placement.agency_path = rows->getString("path");
      }
      // The assignment that started first, if two overlap.
      placements.emplace(placement.person_id, std::move(placement));
    }
  }
  return placements;
}

std::map<std::string, Period> PeriodsInEffect(sql::Connection& c,
                                              const std::set<std::string>& agency_paths,
                                              absl::CivilDay day) {
  std::set<int64_t> ancestors;
  for (const std::string& path : agency_paths) {
    for (int64_t id : AncestorIds(path)) ancestors.insert(id);
  }
  std::map<int64_t, std::vector<PeriodDeclaration>> declared;
  for (const std::vector<SqlValue>& ids :
       IdSlices(std::vector<int64_t>(ancestors.begin(), ancestors.end()))) {
    auto rows = Query(c,
                      absl::StrCat("SELECT agency_id, fiscal_year, period FROM agency_period"
                                   " WHERE agency_id IN (", PlaceholderList(ids.size()),
                                   ") ORDER BY fiscal_year, id"),
                      ids);
    while (rows->next()) {
      declared[rows->getInt64("agency_id")].push_back(
          {rows->getInt("fiscal_year"), static_cast<Period>(rows->getInt("period")), absl::Time()});
    }
  }
  std::map<std::string, Period> periods;
  for (const std::string& path : agency_paths) {
    const std::vector<int64_t> path_ids = AncestorIds(path);  // root first
    if (path_ids.empty()) {
      periods[path] = Period::kUnspecified;
      continue;
    }
    Agency agency;
    agency.period_history = declared[path_ids.back()];
    for (size_t i = 0; i + 1 < path_ids.size(); ++i) {
      agency.ancestor_periods.push_back({"", declared[path_ids[i]]});
    }
    periods[path] = EffectivePeriod(agency, FiscalYearOf(day)).period;
  }
  return periods;
}

bool PersonExists(sql::Connection& c, int64_t person_id) {
  return Query(c, "SELECT id FROM person WHERE id = ?", {person_id})->next();
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
