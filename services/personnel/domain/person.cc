#include "services/personnel/domain/person.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/citizen_id.h"
#include "services/personnel/domain/agency.h"
#include "common/field_checks.h"

namespace thaksa::personnel {
namespace {

bool IsGroup(PersonnelGroup group) {
  return InRange(group, PersonnelGroup::kExecutive, PersonnelGroup::kOthers);
}

constexpr char kGroupChoices[] =
    "EXECUTIVE, MANAGEMENT, ACADEMIC, SERVICE, TECHNOLOGY or OTHERS";

// Employee numbers share the shape of codes.
bool IsValidEmployeeNumber(absl::string_view number) { return IsValidCode(number); }

}  // namespace

void ValidatePersonRecord(const PersonRecord& record, absl::string_view prefix,
                          FieldErrors& errors) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, name); };
  if (!IsValidCode(record.agency_of_record_code)) {
    errors.Add(field("agency_of_record_code"), "is required: an agency code");
  }
  if (!IsValidEmployeeNumber(record.employee_number)) {
    errors.Add(field("employee_number"),
               "must be 1-32 characters: letters, digits, '-', '_' or '.'");
  }
  if (absl::Status id = ValidateCitizenId(record.citizen_id); !id.ok()) {
    errors.Add(field("citizen_id"), id.message());
  }
  CheckRequiredText(record.name_th, 255, field("name.th"), errors);
  CheckOptionalText(record.name_en, 255, field("name.en"), errors);
  CheckOptionalEmail(record.email, field("email"), errors);
  if (!InRange(record.status, EmploymentStatus::kUnspecified, EmploymentStatus::kLeft)) {
    errors.Add(field("status"), "must be ACTIVE, ON_LEAVE or LEFT");
  }
  if (!record.supervisor_employee_number.empty()) {
    if (!IsValidEmployeeNumber(record.supervisor_employee_number)) {
      errors.Add(field("supervisor_employee_number"), "is not a valid employee number");
    } else if (record.supervisor_employee_number == record.employee_number) {
      errors.Add(field("supervisor_employee_number"), "a person cannot supervise themself");
    }
  }
  if (!IsValidCode(record.agency_code)) errors.Add(field("agency_code"), "is required: an agency code");
  CheckRequiredText(record.position_title, 255, field("position_title"), errors);
  CheckRequiredText(record.grade, 64, field("grade"), errors);
  if (!IsGroup(record.group)) {
    errors.Add(field("personnel_group"), absl::StrCat("is required: ", kGroupChoices));
  }
  std::set<PersonnelGroup> seen;
  for (size_t i = 0; i < record.secondary_groups.size(); ++i) {
    const SecondaryGroup& secondary = record.secondary_groups[i];
    const std::string item = field(absl::StrCat("secondary_groups[", i, "]"));
    if (!IsGroup(secondary.group)) {
      errors.Add(item + ".group", absl::StrCat("is required: ", kGroupChoices));
    } else if (secondary.group == record.group) {
      errors.Add(item + ".group", "must differ from the primary personnel group");
    } else if (!seen.insert(secondary.group).second) {
      errors.Add(item + ".group", "is listed twice");
    }
    // Whether the approver is the supervisor's supervisor, and the day required, is checked
    // against the stored approvals and the chain of supervisors by the store.
    CheckRequiredText(secondary.approved_by, 255, item + ".approved_by", errors);
    if (secondary.approved_by == record.employee_number) {
      errors.Add(item + ".approved_by", "must be the next-level supervisor, not the person");
    }
    if (secondary.approved_on.has_value() && secondary.approved_on->year() < 1950) {
      errors.Add(item + ".approved_on", "must be a date from 1950 on");
    }
  }
  if (record.effective_from.has_value() &&
      (record.effective_from->year() < 1950 || *record.effective_from >= kOpenEnd)) {
    errors.Add(field("effective_from"), "must be a date from 1950 on");
  }
  if (record.expected_version < 0) errors.Add(field("expected_version"), "must not be negative");
}

const Assignment* AssignmentOn(const std::vector<Assignment>& history, absl::CivilDay day) {
  for (const Assignment& assignment : history) {
    if (assignment.from <= day && day < assignment.to) return &assignment;
  }
  return nullptr;
}

bool ApplyAssignment(std::vector<Assignment>& history, Assignment change) {
  auto next = std::upper_bound(
      history.begin(), history.end(), change.from,
      [](absl::CivilDay day, const Assignment& assignment) { return day < assignment.from; });
  change.to = next == history.end() ? kOpenEnd : next->from;
  // The last assignment starting by change.from, if it is still in force then.
  Assignment* current = next == history.begin() ? nullptr : &*std::prev(next);
  if (current != nullptr && current->to <= change.from) current = nullptr;
  if (current != nullptr && current->SameJob(change)) {
    if (current->to == change.to) return false;
    current->to = change.to;
    return true;
  }
  if (current != nullptr && current->from == change.from) {
    *current = change;  // a correction of the assignment starting that day
    return true;
  }
  if (current != nullptr) current->to = change.from;
  history.insert(next, change);
  return true;
}

bool SupervisesThemselfThroughChain(const SupervisorMap& supervisor_of, const std::string& person) {
  // A chain longer than the map has entered a loop that does not pass through `person`.
  auto next = supervisor_of.find(person);
  for (size_t steps = 0; next != supervisor_of.end() && steps < supervisor_of.size(); ++steps) {
    if (next->second == person) return true;
    next = supervisor_of.find(next->second);
  }
  return false;
}

void EndAssignments(std::vector<Assignment>& history, absl::CivilDay leaving_day) {
  history.erase(std::remove_if(history.begin(), history.end(),
                               [&](const Assignment& a) { return a.from >= leaving_day; }),
                history.end());
  for (Assignment& assignment : history) assignment.to = std::min(assignment.to, leaving_day);
}

bool SameHistory(const std::vector<Assignment>& a, const std::vector<Assignment>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Assignment& x, const Assignment& y) {
                      return x.from == y.from && x.to == y.to && x.SameJob(y);
                    });
}

}  // namespace thaksa::personnel
