// Whether a caller may act on a person's assessments or on an agency's framework choice. Unknown
// people and agencies look the same as foreign ones (PERMISSION_DENIED), but to ADMIN; a store
// that cannot answer is its own error, not a refusal.
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SCOPE_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SCOPE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/assessment/store/standing_reads.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::assessment {

// OK if `principal` may see the assessments and profile of `person` (CoversPerson: their
// supervisor, agency of record or agency of assignment); PERMISSION_DENIED otherwise.
absl::Status RequirePerson(const Principal& principal, const PersonContext& person);

// OK if `principal` may act on the agency with `agency_code` (ADMIN always, without a look-up;
// HR and CIO offices in their subtree); PERMISSION_DENIED otherwise, also for an unknown code.
absl::Status RequireAgency(personnel::Directory& directory, const Principal& principal,
                           const std::string& agency_code);

// Person `person_id` as they stand on `on`, if `principal` may see them (RequirePerson). An
// unknown person is PERMISSION_DENIED, but NOT_FOUND to ADMIN.
absl::StatusOr<PersonContext> VisiblePerson(ProfileInputs& store, const Principal& principal,
                                            int64_t person_id, absl::CivilDay on);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_SCOPE_H_
