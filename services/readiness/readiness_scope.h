// Which agency a readiness request is about, and whether the caller may see it.
#ifndef THAKSA_SERVICES_READINESS_READINESS_SCOPE_H_
#define THAKSA_SERVICES_READINESS_READINESS_SCOPE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

// The agency asked about (empty code: the caller's own), if the caller may see it; unknown
// agencies look the same as foreign ones (but to ADMIN).
absl::StatusOr<AgencyRef> VisibleAgency(ReadinessStore& store, const Principal& principal,
                                        const std::string& requested_code);

// As VisibleAgency; with `national`, the whole country (ADMIN only; the code must be empty).
absl::StatusOr<AgencyRef> AgencyAsked(ReadinessStore& store, const Principal& principal,
                                      const std::string& requested_code, bool national);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_SCOPE_H_
