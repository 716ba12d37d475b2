#include "common/auth/principal.h"

#include "absl/strings/match.h"

namespace thaksa {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "ADMIN";
    case Role::kHrSystem: return "HR_SYSTEM";
    case Role::kTrainingInstitute: return "TRAINING_INSTITUTE";
    case Role::kCioOffice: return "CIO_OFFICE";
    case Role::kSupervisor: return "SUPERVISOR";
    case Role::kPerson: return "PERSON";
    case Role::kUnspecified: break;
  }
  return "NONE";
}

bool CoversAgency(const Principal& principal, absl::string_view agency_path) {
  switch (principal.role) {
    case Role::kAdmin:
      return true;
    case Role::kHrSystem:
    case Role::kCioOffice:
      return !principal.agency_path.empty() && !agency_path.empty() &&
             absl::StartsWith(agency_path, principal.agency_path);
    default:
      return false;
  }
}

}  // namespace thaksa
