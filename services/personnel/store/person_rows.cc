#include "services/personnel/store/person_rows.h"

#include <cppconn/resultset.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"

namespace thaksa::personnel {

const char kPersonColumns[] =
    "p.id, p.record_agency_id, ra.code AS record_agency_code, p.employee_number,"
    " p.citizen_id_hash, p.citizen_id_masked, p.name_th, p.name_en, p.email, p.status,"
    " p.supervisor_id, s.employee_number AS supervisor_employee_number, p.version, p.left_on,"
    " p.anonymised_at IS NOT NULL AS anonymised";
const char kPersonFrom[] =
    " FROM person p JOIN agency ra ON ra.id = p.record_agency_id"
    " LEFT JOIN person s ON s.id = p.supervisor_id ";

Person ReadPerson(sql::ResultSet& row) {
  Person person;
  person.id = row.getInt64("id");
  person.record_agency_id = row.getInt64("record_agency_id");
  person.agency_of_record_code = row.getString("record_agency_code");
  person.employee_number = row.getString("employee_number");
  person.citizen_id_hash = row.getString("citizen_id_hash");
  person.citizen_id_masked = row.getString("citizen_id_masked");
  person.name_th = row.getString("name_th");
  person.name_en = row.getString("name_en");
  person.email = row.getString("email");
  person.status = static_cast<EmploymentStatus>(row.getInt("status"));
  person.supervisor_id = row.isNull("supervisor_id") ? 0 : row.getInt64("supervisor_id");
  person.supervisor_employee_number = GetStringOrEmpty(row, "supervisor_employee_number");
  person.version = row.getInt64("version");
  if (!row.isNull("left_on")) person.left_on = ReadDate(row, "left_on");
  person.anonymised = row.getInt("anonymised") != 0;
  return person;
}

const char kAssignmentColumns[] =
    "pa.effective_from, pa.effective_to, pa.agency_id, a.code AS assignment_agency_code,"
    " pa.position_title, pa.grade, pa.personnel_group";

Assignment ReadAssignment(sql::ResultSet& row) {
  Assignment assignment;
  assignment.from = ReadDate(row, "effective_from");
  assignment.to = ReadDate(row, "effective_to");
  assignment.agency_id = row.getInt64("agency_id");
  assignment.agency_code = row.getString("assignment_agency_code");
  assignment.position_title = row.getString("position_title");
  assignment.grade = row.getString("grade");
  assignment.group = static_cast<PersonnelGroup>(row.getInt("personnel_group"));
  return assignment;
}

const char kSecondaryGroupColumns[] =
    "g.personnel_group AS secondary_group, g.approved_by, g.approved_on";

SecondaryGroup ReadSecondaryGroup(sql::ResultSet& row) {
  SecondaryGroup group;
  group.group = static_cast<PersonnelGroup>(row.getInt("secondary_group"));
  group.approved_by = row.getString("approved_by");
  if (!row.isNull("approved_on")) group.approved_on = ReadDate(row, "approved_on");
  return group;
}

void LoadPersonDetails(PreparedStatements& statements,
                       absl::flat_hash_map<int64_t, Person*>& people, const absl::CivilDay* on) {
  std::vector<SqlValue> ids;
  ids.reserve(people.size());
  for (const auto& [id, person] : people) ids.push_back(id);
  statements.QueryIn(
      absl::StrCat("SELECT g.person_id, ", kSecondaryGroupColumns,
                   " FROM person_secondary_group g WHERE g.person_id"),
      ids, " ORDER BY g.person_id, g.personnel_group", [&](sql::ResultSet& row) {
        people[row.getInt64("person_id")]->secondary_groups.push_back(ReadSecondaryGroup(row));
      });
  std::string when;
  std::vector<SqlValue> params;
  if (on != nullptr) {
    when = "pa.effective_from <= ? AND pa.effective_to > ? AND ";
    params = {FormatIsoDate(*on), FormatIsoDate(*on)};
  }
  statements.QueryIn(
      absl::StrCat("SELECT pa.person_id, ", kAssignmentColumns,
                   " FROM person_assignment pa JOIN agency a ON a.id = pa.agency_id WHERE ", when,
                   "pa.person_id"),
      ids, " ORDER BY pa.person_id, pa.effective_from",
      [&](sql::ResultSet& row) {
        people[row.getInt64("person_id")]->assignments.push_back(ReadAssignment(row));
      },
      params);
}

}  // namespace thaksa::personnel
