// People in the registry: what an HR system sends for a person, how it is validated, and the
// effective-dated history of their assignment (agency, position, grade, personnel group).
#ifndef THAKSA_SERVICES_PERSONNEL_DOMAIN_PERSON_H_
#define THAKSA_SERVICES_PERSONNEL_DOMAIN_PERSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "common/status.h"

namespace thaksa::personnel {

// Values as in thaksa.common.v1.PersonnelGroup.
enum class PersonnelGroup { kUnspecified = 0, kExecutive, kManagement, kAcademic, kService, kTechnology, kOthers };
// Values as in thaksa.personnel.v1.EmploymentStatus.
enum class EmploymentStatus { kUnspecified = 0, kActive, kOnLeave, kLeft };

// The end of an open assignment.
inline const absl::CivilDay kOpenEnd(9999, 12, 31);

// Where a person works, as what, in which group, over [from, to).
struct Assignment {
  absl::CivilDay from;
  absl::CivilDay to = kOpenEnd;
  int64_t agency_id = 0;
  std::string agency_code;
  std::string position_title;
  std::string grade;
  PersonnelGroup group = PersonnelGroup::kUnspecified;

  // True if both say the same about the job (ignoring the dates).
  bool SameJob(const Assignment& other) const {
    return agency_id == other.agency_id && position_title == other.position_title &&
           grade == other.grade && group == other.group;
  }
};

// A further group (§4.6.3), approved by the supervisor's supervisor (their employee number in
// the person's agency of record) on a day (none on approvals kept before days were).
struct SecondaryGroup {
  PersonnelGroup group = PersonnelGroup::kUnspecified;
  std::string approved_by;
  std::optional<absl::CivilDay> approved_on;
  bool operator==(const SecondaryGroup& other) const {
    return group == other.group && approved_by == other.approved_by &&
           approved_on == other.approved_on;
  }
};

// A person record as an HR system sends it (the clear citizen ID is only ever held here, on its
// way to being hashed).
struct PersonRecord {
  std::string agency_of_record_code;
  std::string employee_number;
  std::string citizen_id;
  std::string name_th;
  std::string name_en;
  std::string email;
  EmploymentStatus status = EmploymentStatus::kUnspecified;  // unspecified means active
  std::string supervisor_employee_number;
  std::vector<SecondaryGroup> secondary_groups;
  std::string agency_code;
  std::string position_title;
  std::string grade;
  PersonnelGroup group = PersonnelGroup::kUnspecified;
  std::optional<absl::CivilDay> effective_from;
  int64_t expected_version = 0;
};

// A person as stored.
struct Person {
  int64_t id = 0;
  int64_t record_agency_id = 0;
  std::string agency_of_record_code;
  std::string employee_number;
  std::string citizen_id_hash;
  std::string citizen_id_masked;
  std::string name_th;
  std::string name_en;
  std::string email;
  EmploymentStatus status = EmploymentStatus::kActive;
  int64_t supervisor_id = 0;
  std::string supervisor_employee_number;
  std::vector<SecondaryGroup> secondary_groups;  // ordered by group
  // Ordered by from; contiguous but for the time between leaving and a re-hire, and ending
  // on the leaving day while the status is LEFT.
  std::vector<Assignment> assignments;
  int64_t version = 0;
  std::optional<absl::CivilDay> left_on;  // set while the status is LEFT
  bool anonymised = false;
};

// Adds a violation to `errors` for every field of `record` that is invalid on its own (required
// fields, lengths, enums, dates, citizen-ID check digit, self-supervision, secondary groups).
// Whether referenced agencies and supervisors exist is the store's concern.
void ValidatePersonRecord(const PersonRecord& record, absl::string_view prefix,
                          FieldErrors& errors);

// The assignment in force on `day`, or nullptr.
const Assignment* AssignmentOn(const std::vector<Assignment>& history, absl::CivilDay day);

// Applies `change` (in force from change.from until the next assignment starts, or open) to
// `history`: the past before change.from is kept; the assignment in force on that day is cut
// there (or replaced if it starts that same day); an assignment after it still starts where it
// did. If the assignment in force on change.from already says the same, it is only lengthened
// to where the change would end (over the gap after a leaving day: a re-hire in the same job).
// Returns false if `history` stays as it was.
bool ApplyAssignment(std::vector<Assignment>& history, Assignment change);

// Who supervises whom, by person key: supervisor_of[person] is their supervisor (no entry: none).
using SupervisorMap = absl::flat_hash_map<std::string, std::string>;

// True if the chain of supervisors above `person` comes back to `person` (a supervision cycle,
// of any length).
bool SupervisesThemselfThroughChain(const SupervisorMap& supervisor_of, const std::string& person);

// Ends `history` on `leaving_day`, the first day the person no longer works: assignments from
// that day on are dropped and the one in force then ends there.
void EndAssignments(std::vector<Assignment>& history, absl::CivilDay leaving_day);

// True if both histories hold the same jobs over the same days.
bool SameHistory(const std::vector<Assignment>& a, const std::vector<Assignment>& b);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DOMAIN_PERSON_H_
