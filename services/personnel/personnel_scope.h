// Whether a caller may act on agencies and see people of the registry.
#ifndef THAKSA_SERVICES_PERSONNEL_PERSONNEL_SCOPE_H_
#define THAKSA_SERVICES_PERSONNEL_PERSONNEL_SCOPE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/personnel/store/personnel_store.h"

namespace thaksa::personnel {

// OK if `principal` covers every agency in `codes` (ADMIN: all); PERMISSION_DENIED otherwise,
// unknown codes included, so that they look the same as foreign ones.
absl::Status RequireAgencies(PersonnelStore& store, const Principal& principal,
                             const std::vector<std::string>& codes);

// OK if `principal` may see `person`: HR and CIO offices when the person is recorded or works
// on `today` in their subtree; supervisors for their reports; a person for themself; ADMIN.
absl::Status RequirePerson(PersonnelStore& store, const Principal& principal,
                           const Person& person, absl::CivilDay today);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_PERSONNEL_SCOPE_H_
