#include "services/personnel/directory/directory_sql.h"

#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/thai_calendar.h"

namespace thaksa::personnel {
namespace {

AgencyKey ReadAgencyKey(sql::ResultSet& row) {
  return {row.getInt64("id"), row.getString("code"), row.getString("path")};
}

}  // namespace

std::optional<AgencyKey> FindAgency(sql::Connection& c, const std::string& code) {
  auto rows = Query(c, "SELECT id, code, path FROM agency WHERE code = ?", {code});
  if (!rows->next()) return std::nullopt;
  return ReadAgencyKey(*rows);
}

std::map<int64_t, AgencyKey> AgenciesById(sql::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, AgencyKey> agencies;
  if (ids.empty()) return agencies;
  auto rows = Query(c,
                    absl::StrCat("SELECT id, code, path FROM agency WHERE id IN (",
                                 PlaceholderList(ids.size()), ")"),
                    std::vector<SqlValue>(ids.begin(), ids.end()));
  while (rows->next()) {
    AgencyKey agency = ReadAgencyKey(*rows);
    agencies.emplace(agency.id, std::move(agency));
  }
  return agencies;
}

std::string AgencyCodeAndPathColumns(const std::string& id_column) {
  return absl::StrCat("(SELECT code FROM agency WHERE id = ", id_column, ") AS agency_code,",
                      " (SELECT path FROM agency WHERE id = ", id_column, ") AS agency_path");
}

absl::StatusOr<PersonPlacement> PersonPlacementOn(sql::Connection& c, int64_t person_id,
                                                  absl::CivilDay day) {
  const std::string date = FormatIsoDate(day);
  auto rows = Query(c,
                    "SELECT p.supervisor_id, ra.path AS record_path, pa.personnel_group,"
                    " a.code, a.path FROM person p JOIN agency ra ON ra.id = p.record_agency_id"
                    " LEFT JOIN person_assignment pa ON pa.person_id = p.id"
                    " AND pa.effective_from <= ? AND pa.effective_to > ?"
                    " LEFT JOIN agency a ON a.id = pa.agency_id WHERE p.id = ?",
                    {date, date, person_id});
  if (!rows->next()) return absl::NotFoundError("no such person");
  PersonPlacement placement;
  placement.person_id = person_id;
  placement.supervisor_id = rows->isNull("supervisor_id") ? 0 : rows->getInt64("supervisor_id");
  placement.record_agency_path = rows->getString("record_path");
  if (!rows->isNull("code")) {
    placement.group = rows->getInt("personnel_group");
    placement.agency_code = rows->getString("code");
    placement.agency_path = rows->getString("path");
  }
  return placement;
}

Period PeriodInEffect(sql::Connection& c, const std::string& agency_path, absl::CivilDay day) {
  const std::vector<int64_t> ancestors = AncestorIds(agency_path);  // root first
  if (ancestors.empty()) return Period::kUnspecified;
  std::vector<SqlValue> params(ancestors.begin(), ancestors.end());
  auto rows = Query(c,
                    absl::StrCat("SELECT agency_id, fiscal_year, period FROM agency_period"
                                 " WHERE agency_id IN (", PlaceholderList(ancestors.size()),
                                 ") ORDER BY fiscal_year, id"),
                    params);
  std::map<int64_t, std::vector<PeriodDeclaration>> declared;
  while (rows->next()) {
    declared[rows->getInt64("agency_id")].push_back(
        {rows->getInt("fiscal_year"), static_cast<Period>(rows->getInt("period")), absl::Time()});
  }
  Agency agency;
  agency.period_history = declared[ancestors.back()];
  for (size_t i = 0; i + 1 < ancestors.size(); ++i) {
    agency.ancestor_periods.push_back({"", declared[ancestors[i]]});
  }
  return EffectivePeriod(agency, FiscalYearOf(day)).period;
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
