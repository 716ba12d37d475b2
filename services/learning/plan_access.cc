#include "services/learning/plan_access.h"

#include "common/auth/call_guard.h"

namespace thaksa::learning {

absl::Status RequirePlanAccess(personnel::Directory& directory, absl::CivilDay today,
                               const Principal& principal, int64_t person_id, PlanAccess access) {
  return PlanAccessOf(directory.PlacementOn(person_id, today), principal, access);
}

absl::Status PlanAccessOf(const absl::StatusOr<personnel::PersonPlacement>& person,
                          const Principal& principal, PlanAccess access) {
  if (!person.ok()) return IsAdmin(principal) ? person.status() : OutsideScope();
  const int64_t person_id = person->person_id;
  if (!CoversPerson(principal, person_id, person->supervisor_id,
                    {person->record_agency_path, person->agency_path})) {
    return OutsideScope();
  }
  const bool self = principal.role == Role::kPerson ||
                    (principal.role == Role::kSupervisor && principal.person_id == person_id);
  switch (access) {
    case PlanAccess::kRead:
      return absl::OkStatus();
    case PlanAccess::kEdit:
      return principal.role == Role::kCioOffice ? OutsideScope() : absl::OkStatus();
    case PlanAccess::kSubmit:
      if (principal.role == Role::kCioOffice ||
          (principal.role == Role::kSupervisor && !self)) {
        return absl::PermissionDeniedError("a plan is submitted by the person it belongs to");
      }
      return absl::OkStatus();
    case PlanAccess::kApprove:
      if (self || principal.role == Role::kCioOffice) {
        return absl::PermissionDeniedError("plans are approved by the supervisor or HR");
      }
      return absl::OkStatus();
  }
  return OutsideScope();
}

}  // namespace thaksa::learning
