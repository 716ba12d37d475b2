// The life of a framework version: created as a draft, revised while a draft (each revision
// checked against the version the caller read), published, retired; and the crosswalks that read
// one version's levels under another.
#ifndef THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_LIFECYCLE_H_
#define THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_LIFECYCLE_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "services/assessment/store/assessment_store.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// Stores `definition` (its status and version ignored) as a new draft at version 1.
// INVALID_ARGUMENT naming every field under "framework." that is too long or breaks the
// framework rules (ValidateFrameworkRules); ALREADY_EXISTS for a code taken.
absl::StatusOr<v1::Framework> CreateDraftFramework(AssessmentStore& store,
                                                   v1::Framework definition,
                                                   const AuditCall& audit);

// Replaces the definition of the draft with `definition`'s code, if it is still at
// `expected_version`. As CreateDraftFramework, and also: INVALID_ARGUMENT on expected_version
// when it is not positive; NOT_FOUND; FAILED_PRECONDITION when no longer a draft; ABORTED when
// the version moved on.
absl::StatusOr<v1::Framework> ReviseDraftFramework(AssessmentStore& store,
                                                   v1::Framework definition,
                                                   int64_t expected_version,
                                                   const AuditCall& audit);

// Publishes a draft or retires a published version. INVALID_ARGUMENT on status for any other
// target status; NOT_FOUND; FAILED_PRECONDITION for any other transition.
absl::StatusOr<v1::Framework> ChangeFrameworkStatus(AssessmentStore& store,
                                                    const std::string& code,
                                                    FrameworkStatus status,
                                                    const AuditCall& audit);

// Stores `crosswalk` (replacing the one between the same versions). INVALID_ARGUMENT naming
// from_framework / to_framework when unknown, skill_sets[i] when a mapping names a skill set
// neither version has, levels[i] when it maps a level off a scale, and levels when a level of
// the first version is left unmapped.
absl::Status StoreCrosswalk(AssessmentStore& store, const v1::Crosswalk& crosswalk,
                            const AuditCall& audit);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_FRAMEWORK_LIFECYCLE_H_
