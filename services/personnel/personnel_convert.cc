#include "services/personnel/personnel_convert.h"

#include "absl/strings/str_cat.h"
#include "common/proto_dates.h"

namespace thaksa::personnel {

Agency FromProto(const pb::Agency& agency) {
  Agency result;
  result.id = agency.id();
  result.code = agency.code();
  result.name_th = agency.name().th();
  result.name_en = agency.name().en();
  result.parent_code = agency.parent_code();
  result.kind = static_cast<AgencyKind>(agency.kind());
  result.officer.name = agency.accountable_officer().name();
  result.officer.position = agency.accountable_officer().position();
  result.officer.role = static_cast<AccountableRole>(agency.accountable_officer().role());
  result.officer.email = agency.accountable_officer().email();
  result.version = agency.version();
  return result;
}

void ToProto(const Agency& agency, int fiscal_year, pb::Agency* out) {
  out->set_id(agency.id);
  out->set_code(agency.code);
  out->mutable_name()->set_th(agency.name_th);
  out->mutable_name()->set_en(agency.name_en);
  out->set_parent_code(agency.parent_code);
  out->set_kind(static_cast<pb::AgencyKind>(agency.kind));
  if (!agency.officer.empty()) {
    auto* officer = out->mutable_accountable_officer();
    officer->set_name(agency.officer.name);
    officer->set_position(agency.officer.position);
    officer->set_role(static_cast<pb::AccountableRole>(agency.officer.role));
    officer->set_email(agency.officer.email);
  }
  const PeriodInEffect period = EffectivePeriod(agency, fiscal_year);
  out->set_current_period(static_cast<common_pb::Period>(period.period));
  out->set_current_period_declared_by(period.declared_by);
  out->set_needs_accountable_officer(NeedsAccountableOfficer(agency));
  for (const PeriodDeclaration& declaration : agency.period_history) {
    auto* entry = out->add_period_history();
    entry->mutable_fiscal_year()->set_be_year(declaration.fiscal_year);
    entry->set_period(static_cast<common_pb::Period>(declaration.period));
    entry->set_declared_at_unix(absl::ToUnixSeconds(declaration.declared_at));
  }
  out->set_version(agency.version);
}

PersonRecord FromProto(const pb::PersonRecord& record, const std::string& prefix,
                       FieldErrors& errors) {
  PersonRecord result;
  result.agency_of_record_code = record.agency_of_record_code();
  result.employee_number = record.employee_number();
  result.citizen_id = record.citizen_id();
  result.name_th = record.name().th();
  result.name_en = record.name().en();
  result.email = record.email();
  result.status = static_cast<EmploymentStatus>(record.status());
  result.supervisor_employee_number = record.supervisor_employee_number();
  for (int i = 0; i < record.secondary_groups_size(); ++i) {
    const pb::SecondaryGroup& group = record.secondary_groups(i);
    result.secondary_groups.push_back(
        {static_cast<PersonnelGroup>(group.group()), group.approved_by(),
         DayFromProto(group.approved_on(), group.has_approved_on(),
                      absl::StrCat(prefix, "secondary_groups[", i, "].approved_on"), errors)});
  }
  result.agency_code = record.agency_code();
  result.position_title = record.position_title();
  result.grade = record.grade();
  result.group = static_cast<PersonnelGroup>(record.personnel_group());
  result.effective_from = DayFromProto(record.effective_from(), record.has_effective_from(),
                                    prefix + "effective_from", errors);
  result.expected_version = record.expected_version();
  ValidatePersonRecord(result, prefix, errors);
  return result;
}

namespace {

void AssignmentToProto(const Assignment& assignment, pb::Assignment* out) {
  DayToProto(assignment.from, out->mutable_effective_from());
  if (assignment.to != kOpenEnd) DayToProto(assignment.to - 1, out->mutable_effective_to());
  out->set_agency_code(assignment.agency_code);
  out->set_position_title(assignment.position_title);
  out->set_grade(assignment.grade);
  out->set_personnel_group(static_cast<common_pb::PersonnelGroup>(assignment.group));
}

}  // namespace

void ToProto(const Person& person, absl::CivilDay on, bool with_history, pb::Person* out) {
  out->set_id(person.id);
  out->set_agency_of_record_code(person.agency_of_record_code);
  out->set_employee_number(person.employee_number);
  out->set_citizen_id_masked(person.citizen_id_masked);
  out->mutable_name()->set_th(person.name_th);
  out->mutable_name()->set_en(person.name_en);
  out->set_email(person.email);
  out->set_status(static_cast<pb::EmploymentStatus>(person.status));
  out->set_supervisor_id(person.supervisor_id);
  out->set_supervisor_employee_number(person.supervisor_employee_number);
  for (const SecondaryGroup& group : person.secondary_groups) {
    auto* entry = out->add_secondary_groups();
    entry->set_group(static_cast<common_pb::PersonnelGroup>(group.group));
    entry->set_approved_by(group.approved_by);
    if (group.approved_on.has_value()) DayToProto(*group.approved_on, entry->mutable_approved_on());
  }
  if (const Assignment* current = AssignmentOn(person.assignments, on)) {
    AssignmentToProto(*current, out->mutable_assignment());
  }
  if (with_history) {
    for (const Assignment& assignment : person.assignments) {
      AssignmentToProto(assignment, out->add_assignment_history());
    }
  }
  out->set_version(person.version);
  if (person.left_on.has_value()) DayToProto(*person.left_on, out->mutable_left_on());
  out->set_anonymised(person.anonymised);
}

}  // namespace thaksa::personnel
