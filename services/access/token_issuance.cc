#include "services/access/token_issuance.h"

#include <utility>

#include "common/auth/tokens.h"
#include "common/status.h"
#include "services/access/domain/token_rules.h"

namespace thaksa::access {

absl::StatusOr<IssuedToken> IssueToken(AccessStore& store, TokenRecord spec, int valid_days,
                                       const AuditCall& audit) {
  spec.expires_at = audit.at + absl::Hours(24) * (valid_days == 0 ? kDefaultValidDays : valid_days);
  IssuedToken issued;
  issued.secret = NewBearerToken();
  ASSIGN_OR_RETURN(issued.info, store.CreateToken(spec, HashBearerToken(issued.secret), audit));
  return issued;
}

absl::StatusOr<std::string> CreateBootstrapAdminToken(AccessStore& store, const Clock& clock) {
  TokenRecord spec;
  spec.role = Role::kAdmin;
  spec.description = "bootstrap administrator";
  AuditCall audit;
  audit.method = "bootstrap";
  audit.at = clock.Now();
  audit.request_id = NewRequestId();
  ASSIGN_OR_RETURN(IssuedToken issued, IssueToken(store, spec, kDefaultValidDays, audit));
  return std::move(issued.secret);
}

}  // namespace thaksa::access
