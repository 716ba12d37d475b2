// Agencies and person look-ups on MySQL. The bulk upsert lives in people_upsert.cc.
#include "services/personnel/store/mysql_personnel_store.h"

#include <cppconn/resultset.h>

#include <map>
#include <optional>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/audit/audit_records.h"
#include "services/access/store/token_queries.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/personnel/store/person_rows.h"

namespace thaksa::personnel {
namespace {

constexpr char kAgencyColumns[] =
    "a.id, a.code, a.name_th, a.name_en, a.path, a.kind, a.officer_name, a.officer_position,"
    " a.officer_role, a.officer_email, a.version, p.code AS parent_code";
// At most this many tokens and audit events go into one export.
constexpr int kExportLimit = 100000;
// The name an anonymised person is left with.
constexpr char kAnonymisedName[] = "(ลบข้อมูลส่วนบุคคลแล้ว)";

constexpr char kAgencyFrom[] = " FROM agency a LEFT JOIN agency p ON p.id = a.parent_id ";

struct StoredAgency {
  Agency agency;
  std::string path;
};

StoredAgency ReadAgency(sql::ResultSet& row) {
  StoredAgency stored;
  Agency& a = stored.agency;
  a.id = row.getInt64("id");
  a.code = row.getString("code");
  a.name_th = row.getString("name_th");
  a.name_en = row.getString("name_en");
  a.parent_code = GetStringOrEmpty(row, "parent_code");
  a.kind = static_cast<AgencyKind>(row.getInt("kind"));
  a.officer.name = row.getString("officer_name");
  a.officer.position = row.getString("officer_position");
  a.officer.role = static_cast<AccountableRole>(row.getInt("officer_role"));
  a.officer.email = row.getString("officer_email");
  a.version = row.getInt64("version");
  stored.path = row.getString("path");
  return stored;
}

// The ancestors of `stored`, root first, without their period histories.
std::vector<Agency> Ancestors(sql::Connection& connection, const StoredAgency& stored) {
  std::vector<SqlValue> ids;
  for (int64_t id : AncestorIds(stored.path)) {
    if (id != stored.agency.id) ids.push_back(id);
  }
  std::vector<Agency> ancestors;
  if (ids.empty()) return ancestors;
  auto rows = Query(connection,
                    absl::StrCat("SELECT ", kAgencyColumns, kAgencyFrom, "WHERE a.id IN (",
                                 PlaceholderList(ids.size()), ") ORDER BY LENGTH(a.path)"),
                    ids);
  while (rows->next()) ancestors.push_back(ReadAgency(*rows).agency);
  return ancestors;
}

// Fills the period history of `agencies`, and of their ancestors for inheritance.
void LoadPeriods(sql::Connection& connection, const std::vector<StoredAgency*>& agencies) {
  if (agencies.empty()) return;
  std::set<int64_t> ids;
  for (const StoredAgency* stored : agencies) {
    for (absl::string_view part : absl::StrSplit(stored->path, '/', absl::SkipEmpty())) {
      int64_t id = 0;
      if (absl::SimpleAtoi(part, &id)) ids.insert(id);
    }
  }
  if (ids.empty()) return;
  std::vector<SqlValue> params(ids.begin(), ids.end());
  auto rows = Query(connection,
                    absl::StrCat("SELECT p.agency_id, a.code, p.fiscal_year, p.period,"
                                 " UNIX_TIMESTAMP(p.declared_at) AS declared_at FROM agency_period p"
                                 " JOIN agency a ON a.id = p.agency_id WHERE p.agency_id IN (",
                                 PlaceholderList(params.size()),
                                 ") ORDER BY p.agency_id, p.fiscal_year, p.id"),
                    params);
  std::map<int64_t, AncestorPeriods> declarations;  // by agency id
  while (rows->next()) {
    AncestorPeriods& of = declarations[rows->getInt64("agency_id")];
    of.agency_code = rows->getString("code");
    of.history.push_back({rows->getInt("fiscal_year"), static_cast<Period>(rows->getInt("period")),
                          absl::FromUnixSeconds(rows->getInt64("declared_at"))});
  }
  for (StoredAgency* stored : agencies) {
    for (absl::string_view part : absl::StrSplit(stored->path, '/', absl::SkipEmpty())) {
      int64_t id = 0;
      if (!absl::SimpleAtoi(part, &id)) continue;
      auto found = declarations.find(id);
      if (found == declarations.end()) continue;
      if (id == stored->agency.id) {
        stored->agency.period_history = found->second.history;
      } else {
        stored->agency.ancestor_periods.push_back(found->second);
      }
    }
  }
}

// The agency with `code`, locked for update when `for_update`; NOT_FOUND if none.
absl::StatusOr<StoredAgency> FindAgency(sql::Connection& connection, absl::string_view code,
                                        bool for_update) {
  auto rows = Query(connection,
                    absl::StrCat("SELECT ", kAgencyColumns, kAgencyFrom, "WHERE a.code = ?",
                                 for_update ? " FOR UPDATE" : ""),
                    {std::string(code)});
  if (!rows->next()) return absl::NotFoundError(absl::StrCat("no agency with code '", code, "'"));
  StoredAgency stored = ReadAgency(*rows);
  LoadPeriods(connection, {&stored});
  return stored;
}

// Where an agency hangs in the tree: its parent's id (NULL for a root) and path ("/" for a root).
struct ParentRef {
  SqlValue id = nullptr;
  std::string path = "/";
};

// The parent named by agency.parent_code; INVALID_ARGUMENT on "agency.parent_code" if unknown.
absl::StatusOr<ParentRef> FindParent(sql::Connection& connection, const Agency& agency) {
  if (agency.parent_code.empty()) return ParentRef{};
  auto parent = FindAgency(connection, agency.parent_code, /*for_update=*/false);
  if (!parent.ok()) return InvalidField("agency.parent_code", "no agency has this code");
  return ParentRef{parent->agency.id, parent->path};
}

// The mutable columns, in the order name_th, name_en, kind, officer_*, parent_id.
std::vector<SqlValue> AgencyValues(const Agency& a, const ParentRef& parent) {
  return {a.name_th, a.name_en, int64_t{static_cast<int>(a.kind)}, a.officer.name,
          a.officer.position, int64_t{static_cast<int>(a.officer.role)}, a.officer.email, parent.id};
}

}  // namespace

absl::StatusOr<Agency> MySqlPersonnelStore::CreateAgency(const Agency& agency,
                                                        const AuditCall& audit) {
  Agency created;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(ParentRef parent, FindParent(connection, agency));
    std::vector<SqlValue> values = AgencyValues(agency, parent);
    values.push_back(agency.code);
    Execute(connection,
            "INSERT INTO agency (name_th, name_en, kind, officer_name, officer_position,"
            " officer_role, officer_email, parent_id, code, path)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            values);
    const int64_t id = LastInsertId(connection);
    Execute(connection, "UPDATE agency SET path = ? WHERE id = ?",
            {absl::StrCat(parent.path, id, "/"), id});
    AppendAuditEvents(connection, audit, {{"agency", agency.code}});
    ASSIGN_OR_RETURN(StoredAgency stored, FindAgency(connection, agency.code, false));
    created = std::move(stored.agency);
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<Agency> MySqlPersonnelStore::UpdateAgency(const Agency& agency,
                                                        int64_t expected_version,
                                                        const AuditCall& audit) {
  Agency updated;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(StoredAgency current, FindAgency(connection, agency.code, true));
    if (current.agency.version != expected_version) {
      return absl::AbortedError(absl::StrCat("agency '", agency.code, "' is at version ",
                                             current.agency.version, ", not ", expected_version,
                                             "; read it again and retry"));
    }
    ASSIGN_OR_RETURN(ParentRef parent, FindParent(connection, agency));
    if (agency.parent_code != current.agency.parent_code) {
      if (IsWithinSubtree(parent.path, current.path)) {
        return InvalidField("agency.parent_code",
                            "the new parent lies inside this agency's own subtree");
      }
      const std::string new_path = absl::StrCat(parent.path, current.agency.id, "/");
      Execute(connection,
              "UPDATE agency SET path = CONCAT(?, SUBSTRING(path, ?)) WHERE path LIKE ?",
              {new_path, static_cast<int64_t>(current.path.size() + 1),
               absl::StrCat(current.path, "%")});
    }
    std::vector<SqlValue> values = AgencyValues(agency, parent);
    values.push_back(current.agency.id);
    Execute(connection,
            "UPDATE agency SET name_th = ?, name_en = ?, kind = ?, officer_name = ?,"
            " officer_position = ?, officer_role = ?, officer_email = ?, parent_id = ?,"
            " version = version + 1, updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?",
            values);
    AppendAuditEvents(connection, audit, {{"agency", agency.code}});
    AppendChange(connection, audit.at, "agency", agency.code);
    ASSIGN_OR_RETURN(StoredAgency stored, FindAgency(connection, agency.code, false));
    updated = std::move(stored.agency);
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<Agency> MySqlPersonnelStore::GetAgency(absl::string_view code) {
  Agency found;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(StoredAgency stored, FindAgency(connection, code, false));
    found = std::move(stored.agency);
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<Page<Agency>> MySqlPersonnelStore::ListAgencies(const AgencyQuery& query) {
  Page<Agency> page;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) -> absl::Status {
    std::string where;
    std::vector<SqlValue> params;
    if (!query.parent_code.empty()) {
      ASSIGN_OR_RETURN(StoredAgency parent, FindAgency(connection, query.parent_code, false));
      if (query.subtree) {
        where = "a.path LIKE ? AND a.id <> ?";
        params = {absl::StrCat(parent.path, "%"), parent.agency.id};
      } else {
        where = "a.parent_id = ?";
        params = {parent.agency.id};
      }
    } else {
      where = query.subtree ? "TRUE" : "a.parent_id IS NULL";
    }
    if (query.needing_officer) {
      // As NeedsAccountableOfficer.
      absl::StrAppend(&where, " AND (a.kind IN (", static_cast<int>(AgencyKind::kMinistry), ", ",
                      static_cast<int>(AgencyKind::kDepartment),
                      ") OR a.parent_id IS NULL) AND a.officer_name = ''");
    }
    params.push_back(query.after_id);
    params.push_back(int64_t{query.page_size + 1});
    auto rows = Query(connection,
                      absl::StrCat("SELECT ", kAgencyColumns, kAgencyFrom, "WHERE ", where,
                                   " AND a.id > ? ORDER BY a.id LIMIT ?"),
                      params);
    std::vector<StoredAgency> found;
    while (rows->next()) found.push_back(ReadAgency(*rows));
    if (found.size() > static_cast<size_t>(query.page_size)) {
      found.pop_back();
      page.more = true;
    }
    std::vector<StoredAgency*> agencies;
    for (StoredAgency& stored : found) agencies.push_back(&stored);
    LoadPeriods(connection, agencies);
    for (StoredAgency& stored : found) page.items.push_back(std::move(stored.agency));
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<Agency> MySqlPersonnelStore::SetAgencyPeriod(absl::string_view code,
                                                           int fiscal_year, Period period,
                                                           const AuditCall& audit) {
  Agency updated;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) -> absl::Status {
    ASSIGN_OR_RETURN(StoredAgency current, FindAgency(connection, code, true));
    RETURN_IF_ERROR(CheckMayDeclarePeriod(current.agency, Ancestors(connection, current)));
    Execute(connection,
            "INSERT INTO agency_period (agency_id, fiscal_year, period, declared_at)"
            " VALUES (?, ?, ?, FROM_UNIXTIME(?))",
            {current.agency.id, int64_t{fiscal_year}, int64_t{static_cast<int>(period)},
             absl::ToUnixSeconds(audit.at)});
    Execute(connection, "UPDATE agency SET version = version + 1 WHERE id = ?",
            {current.agency.id});
    AppendAuditEvents(connection, audit, {{"agency", std::string(code)}});
    AppendChange(connection, audit.at, "agency", code);
    ASSIGN_OR_RETURN(StoredAgency stored, FindAgency(connection, code, false));
    updated = std::move(stored.agency);
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> MySqlPersonnelStore::AgencyPaths(
    const std::vector<std::string>& codes) {
  absl::flat_hash_map<std::string, std::string> paths;
  if (codes.empty()) return paths;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    std::vector<SqlValue> params(codes.begin(), codes.end());
    auto rows = Query(connection,
                      absl::StrCat("SELECT code, path FROM agency WHERE code IN (",
                                   PlaceholderList(params.size()), ")"),
                      params);
    while (rows->next()) paths[std::string(rows->getString("code"))] = rows->getString("path");
    return absl::OkStatus();
  }));
  return paths;
}

absl::StatusOr<Person> MySqlPersonnelStore::GetPerson(const PersonLookup& lookup) {
  std::string where;
  std::vector<SqlValue> params;
  if (lookup.id != 0) {
    where = "p.id = ?";
    params = {lookup.id};
  } else if (!lookup.citizen_id_hash.empty()) {
    where = "p.citizen_id_hash = ?";
    params = {lookup.citizen_id_hash};
  } else {
    where = "ra.code = ? AND p.employee_number = ?";
    params = {lookup.agency_of_record_code, lookup.employee_number};
  }
  // One read: a row per assignment and secondary group (a person has a handful of each), the
  // person's own columns repeated on every row. Ordered here rather than by the database, which
  // would sort through a temporary table.
  const std::string statement = absl::StrCat(
      "SELECT ", kPersonColumns, ", ", kAssignmentColumns,
      ", ", kSecondaryGroupColumns, kPersonFrom,
      "LEFT JOIN person_assignment pa ON pa.person_id = p.id"
      " LEFT JOIN agency a ON a.id = pa.agency_id"
      " LEFT JOIN person_secondary_group g ON g.person_id = p.id WHERE ", where);
  std::optional<Person> person;
  RETURN_IF_ERROR(pool_.Run([&](PreparedStatements& statements) -> absl::Status {
    person.reset();
    std::map<absl::CivilDay, Assignment> assignments;  // by first day
    std::map<int, SecondaryGroup> groups;              // by group
    statements.Query(statement, params, [&](sql::ResultSet& row) {
      if (!person.has_value()) person = ReadPerson(row);
      if (!row.isNull("effective_from")) {
        Assignment assignment = ReadAssignment(row);
        assignments.emplace(assignment.from, std::move(assignment));
      }
      if (!row.isNull("secondary_group")) {
        SecondaryGroup group = ReadSecondaryGroup(row);
        groups.emplace(static_cast<int>(group.group), std::move(group));
      }
    });
    if (!person.has_value()) return absl::OkStatus();
    for (auto& [from, assignment] : assignments) person->assignments.push_back(std::move(assignment));
    for (auto& [code, group] : groups) person->secondary_groups.push_back(std::move(group));
    return absl::OkStatus();
  }));
  if (!person.has_value()) return absl::NotFoundError("no such person");
  return *std::move(person);
}

absl::StatusOr<Page<Person>> MySqlPersonnelStore::ListPeople(const PersonQuery& query) {
  Page<Person> page;
  RETURN_IF_ERROR(pool_.Run([&](PreparedStatements& statements) -> absl::Status {
    sql::Connection& connection = statements.connection();
    const std::string on = FormatIsoDate(query.on);
    std::string join = absl::StrCat(
        " JOIN person_assignment pa ON pa.person_id = p.id AND pa.effective_from <= ? AND "
        "pa.effective_to > ? JOIN agency a ON a.id = pa.agency_id ");
    std::string where = " WHERE p.id > ?";
    std::vector<SqlValue> params = {on, on, query.after_id};
    if (!query.agency_code.empty()) {
      ASSIGN_OR_RETURN(StoredAgency agency, FindAgency(connection, query.agency_code, false));
      absl::StrAppend(&where, " AND a.path LIKE ?");
      params.push_back(absl::StrCat(agency.path, "%"));
    }
    if (query.group != PersonnelGroup::kUnspecified) {
      absl::StrAppend(&where, " AND pa.personnel_group = ?");
      params.push_back(int64_t{static_cast<int>(query.group)});
    }
    if (query.status != EmploymentStatus::kUnspecified) {
      absl::StrAppend(&where, " AND p.status = ?");
      params.push_back(int64_t{static_cast<int>(query.status)});
    }
    params.push_back(int64_t{query.page_size + 1});
    auto rows = Query(connection,
                      absl::StrCat("SELECT ", kPersonColumns, kPersonFrom, join, where,
                                   " ORDER BY p.id LIMIT ?"),
                      params);
    while (rows->next()) page.items.push_back(ReadPerson(*rows));
    if (page.items.size() > static_cast<size_t>(query.page_size)) {
      page.items.pop_back();
      page.more = true;
    }
    absl::flat_hash_map<int64_t, Person*> people;
    for (Person& person : page.items) people[person.id] = &person;
    LoadPersonDetails(statements, people, &query.on);
    return absl::OkStatus();
  }));
  return page;
}

absl::StatusOr<PersonData> MySqlPersonnelStore::ExportPersonData(int64_t person_id) {
  PersonLookup lookup;
  lookup.id = person_id;
  PersonData data;
  ASSIGN_OR_RETURN(data.person, GetPerson(lookup));
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& connection) {
    data.tokens = access::QueryTokens(connection, "t.person_id = ?", {person_id}, kExportLimit);
    AuditQuery about_person;
    about_person.entity_type = "person";
    about_person.entity_id = absl::StrCat(person_id);
    about_person.limit = kExportLimit;
    data.access_log = QueryAuditEvents(connection, about_person);
    return absl::OkStatus();
  }));
  return data;
}

absl::StatusOr<int64_t> MySqlPersonnelStore::AnonymiseLeavers(absl::CivilDay cutoff,
                                                             const AuditCall& audit) {
  int64_t anonymised = 0;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& connection) {
    auto rows = Query(connection,
                      "SELECT id FROM person WHERE left_on < ? AND anonymised_at IS NULL"
                      " FOR UPDATE",
                      {FormatIsoDate(cutoff)});
    std::vector<SqlValue> ids;
    std::vector<AuditEntry> entries;
    while (rows->next()) {
      ids.push_back(rows->getInt64("id"));
      entries.push_back({"person", absl::StrCat(rows->getInt64("id")), "OK"});
    }
    if (ids.empty()) return absl::OkStatus();
    const std::string in = PlaceholderList(ids.size());
    std::vector<SqlValue> params = {std::string(kAnonymisedName)};
    params.insert(params.end(), ids.begin(), ids.end());
    // The citizen-ID hash must stay unique and can no longer match anyone: hash the id instead.
    Execute(connection,
            absl::StrCat("UPDATE person SET name_th = ?, name_en = '', email = '',"
                         " citizen_id_hash = UNHEX(SHA2(CONCAT('anonymised:', id), 256)),"
                         " citizen_id_masked = 'x-xxxx-xxxxx-xx-x',"
                         " anonymised_at = CURRENT_TIMESTAMP(6), version = version + 1,"
                         " updated_at = CURRENT_TIMESTAMP(6) WHERE id IN (", in, ")"),
            params);
    Execute(connection,
            absl::StrCat("UPDATE person_secondary_group SET approved_by = '' WHERE person_id IN (",
                         in, ")"),
            ids);
    AppendAuditEvents(connection, audit, entries);
    anonymised = static_cast<int64_t>(ids.size());
    return absl::OkStatus();
  }));
  return anonymised;
}

}  // namespace thaksa::personnel
