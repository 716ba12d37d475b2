#include "services/readiness/readiness_scope.h"

#include "common/auth/call_guard.h"
#include "common/field_checks.h"
#include "common/status.h"

namespace thaksa::readiness {

absl::StatusOr<AgencyRef> VisibleAgency(ReadinessStore& store, const Principal& principal,
                                        const std::string& requested_code) {
  const std::string& code = requested_code.empty() ? principal.agency_code : requested_code;
  FieldErrors errors;
  CheckCode(code, "agency_code", errors);
  RETURN_IF_ERROR(errors.ToStatus());
  absl::StatusOr<AgencyRef> agency = store.Agency(code);
  if (!agency.ok()) {
    if (principal.role == Role::kAdmin) return agency.status();
    return OutsideScope();
  }
  if (!CoversAgency(principal, agency->path)) return OutsideScope();
  return agency;
}

absl::StatusOr<AgencyRef> AgencyAsked(ReadinessStore& store, const Principal& principal,
                                      const std::string& requested_code, bool national) {
  if (!national) return VisibleAgency(store, principal, requested_code);
  if (!requested_code.empty()) {
    return InvalidField("agency_code", "must be empty when asking for the whole country");
  }
  if (principal.role != Role::kAdmin) return OutsideScope();
  return WholeCountry();
}

}  // namespace thaksa::readiness
