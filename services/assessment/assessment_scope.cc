#include "services/assessment/assessment_scope.h"

#include "common/auth/call_guard.h"
#include "common/status.h"

namespace thaksa::assessment {

absl::Status RequirePerson(const Principal& principal, const PersonContext& person) {
  if (CoversPerson(principal, person.person_id, person.supervisor_id,
                   {person.agency_path, person.record_agency_path})) {
    return absl::OkStatus();
  }
  return OutsideScope();
}

absl::Status RequireAgency(personnel::Directory& directory, const Principal& principal,
                           const std::string& agency_code) {
  if (IsAdmin(principal)) return absl::OkStatus();
  absl::StatusOr<std::string> path = directory.AgencyPath(agency_code);
  if (!path.ok() && !absl::IsNotFound(path.status())) return path.status();
  if (!path.ok() || !CoversAgency(principal, *path)) return OutsideScope();
  return absl::OkStatus();
}

absl::StatusOr<PersonContext> VisiblePerson(ProfileInputs& store, const Principal& principal,
                                            int64_t person_id, absl::CivilDay on) {
  absl::StatusOr<PersonContext> person = store.PersonContextOn(person_id, on);
  if (!person.ok() && absl::IsNotFound(person.status()) && !IsAdmin(principal)) {
    return OutsideScope();
  }
  RETURN_IF_ERROR(person.status());
  RETURN_IF_ERROR(RequirePerson(principal, *person));
  return person;
}

}  // namespace thaksa::assessment
