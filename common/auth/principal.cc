#include "common/auth/principal.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace thaksa {

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "ADMIN";
    case Role::kHrSystem: return "HR_SYSTEM";
    case Role::kTrainingInstitute: return "TRAINING_INSTITUTE";
    case Role::kCioOffice: return "CIO_OFFICE";
    case Role::kSupervisor: return "SUPERVISOR";
    case Role::kPerson: return "PERSON";
    case Role::kService: return "SERVICE";
    case Role::kUnspecified: break;
  }
  return "NONE";
}

std::string RecorderKey(const Principal& p) {
  switch (p.role) {
    case Role::kTrainingInstitute:
    case Role::kService: return absl::StrCat("institute:", p.institute_code);
    case Role::kHrSystem: return absl::StrCat("hr:", p.agency_id);
    case Role::kSupervisor:
    case Role::kPerson: return absl::StrCat("person:", p.person_id);
    default: return "admin";
  }
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

bool CoversPerson(const Principal& principal, int64_t person_id, int64_t supervisor_id,
                  const std::vector<std::string>& agency_paths) {
  switch (principal.role) {
    case Role::kAdmin:
      return true;
    case Role::kHrSystem:
    case Role::kCioOffice:
      for (const std::string& path : agency_paths) {
        if (CoversAgency(principal, path)) return true;
      }
      return false;
    case Role::kSupervisor:
      return principal.person_id != 0 &&
             (person_id == principal.person_id || supervisor_id == principal.person_id);
    case Role::kPerson:
      return principal.person_id != 0 && person_id == principal.person_id;
    default:
      return false;
  }
}

}  // namespace thaksa
