// Who is calling: the principal a bearer token stands for, with its role and scope.
#ifndef THAKSA_COMMON_AUTH_PRINCIPAL_H_
#define THAKSA_COMMON_AUTH_PRINCIPAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace thaksa {

// Values as in thaksa.access.v1.Role.
enum class Role {
  kUnspecified = 0,
  kAdmin,
  kHrSystem,
  kTrainingInstitute,
  kCioOffice,
  kSupervisor,
  kPerson,
  // The deployment's own services, by the derived service credential (service_credential.h);
  // never a stored token.
  kService,
};

// "ADMIN", "HR_SYSTEM", ...
absl::string_view RoleName(Role role);

struct Principal {
  int64_t token_id = 0;
  Role role = Role::kUnspecified;
  // HR_SYSTEM and CIO_OFFICE: the root of their agency subtree (id, code, materialized path).
  int64_t agency_id = 0;
  std::string agency_code;
  std::string agency_path;
  // TRAINING_INSTITUTE: the institute it acts as. SERVICE: the institute it acts for, if the
  // call named one (metadata x-thaksa-institute).
  std::string institute_code;
  // PERSON: who they are; SUPERVISOR: whose reports they see.
  int64_t person_id = 0;
  // SERVICE: the token it acts on behalf of, if the call named one (metadata
  // x-thaksa-on-behalf-of-token); 0 otherwise and for every other role.
  int64_t on_behalf_of_token_id = 0;
  // When the token stops being valid (InfiniteFuture for the SERVICE principal).
  absl::Time expires_at = absl::InfiniteFuture();
  // A session token (AccessService.StartSession), as a browser signed in to the dashboard holds.
  bool session = false;
};

inline bool IsAdmin(const Principal& principal) { return principal.role == Role::kAdmin; }

// True if `principal` may act on an agency whose materialized path is `agency_path`: ADMIN
// everywhere, HR_SYSTEM and CIO_OFFICE inside their subtree, nobody else.
bool CoversAgency(const Principal& principal, absl::string_view agency_path);

// The key space of the external ids a caller gives (assessments, imported plans): the
// recorder's own ("institute:TDGA", "hr:<agency id>", "person:<id>", "admin"). The SERVICE
// principal records for an institute, in its keys.
std::string RecorderKey(const Principal& principal);

// True if `principal` may see the personal data of person `person_id`, who is supervised by
// `supervisor_id` and recorded or working in agencies with the paths `agency_paths`: ADMIN
// always; HR_SYSTEM and CIO_OFFICE if one of the paths is in their subtree; SUPERVISOR for
// themself and the people they supervise; PERSON for themself.
bool CoversPerson(const Principal& principal, int64_t person_id, int64_t supervisor_id,
                  const std::vector<std::string>& agency_paths);

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_PRINCIPAL_H_
