// Which framework version an agency follows from a day on, and which optional skill sets of it
// the agency adopts. Agencies below one follow its choice unless they choose for themselves.
#ifndef THAKSA_SERVICES_ASSESSMENT_AGENCY_FRAMEWORKS_H_
#define THAKSA_SERVICES_ASSESSMENT_AGENCY_FRAMEWORKS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "common/status.h"
#include "services/assessment/store/assessment_store.h"
#include "services/personnel/directory/directory.h"

namespace thaksa::assessment {

// An agency's choice of framework version from a day on (SetAgencyFramework).
struct FrameworkChoice {
  std::string agency_code;
  std::string framework_code;
  absl::CivilDay effective_from;
};

// An agency adopting (or dropping) an optional skill set from a day on (SetOptionalSkillSet).
struct OptionalSkillSetChoice {
  std::string agency_code;
  std::string framework_code;
  std::string skill_set_code;
  bool adopted = false;
  absl::CivilDay effective_from;
};

// Stores `choice` if `principal` may act on the agency (RequireAgency) and returns what the
// agency follows on the later of the first day and `today`. Errors: PERMISSION_DENIED; from the
// store INVALID_ARGUMENT naming agency_code or framework_code (unknown, or not published).
absl::StatusOr<AgencyChoice> ChooseAgencyFramework(AssessmentStore& store,
                                                   personnel::Directory& directory,
                                                   const Principal& principal,
                                                   const FrameworkChoice& choice,
                                                   absl::CivilDay today, const AuditCall& audit);

// As ChooseAgencyFramework for an optional skill set. `errors` holds the violations found while
// converting the request, so that one answer names them all; added to them: framework_code when
// no version has it, skill_set_code when it is not an optional skill set of that version.
absl::StatusOr<AgencyChoice> AdoptOptionalSkillSet(AssessmentStore& store,
                                                   personnel::Directory& directory,
                                                   const Principal& principal,
                                                   const OptionalSkillSetChoice& choice,
                                                   FieldErrors errors, absl::CivilDay today,
                                                   const AuditCall& audit);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_AGENCY_FRAMEWORKS_H_
