#include "services/access/token_issuance.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/auth/tokens.h"
#include "common/status.h"
#include "services/access/domain/token_rules.h"

namespace thaksa::access {

namespace {

absl::StatusOr<IssuedToken> StoreWithSecret(AccessStore& store, const TokenRecord& spec,
                                            const AuditCall& audit) {
  IssuedToken issued;
  issued.secret = NewBearerToken();
  ASSIGN_OR_RETURN(issued.info, store.CreateToken(spec, HashBearerToken(issued.secret), audit));
  return issued;
}

}  // namespace

absl::StatusOr<IssuedToken> IssueToken(AccessStore& store, TokenRecord spec, int valid_days,
                                       const AuditCall& audit) {
  spec.expires_at = audit.at + absl::Hours(24) * (valid_days == 0 ? kDefaultValidDays : valid_days);
  return StoreWithSecret(store, spec, audit);
}

absl::StatusOr<IssuedToken> IssueSession(AccessStore& store, const Principal& caller,
                                         absl::Time expires_at, const AuditCall& audit) {
  TokenRecord spec;
  spec.role = caller.role;
  spec.agency_code = caller.agency_code;
  spec.institute_code = caller.institute_code;
  spec.person_id = caller.person_id;
  spec.description = absl::StrCat("session of token ", caller.token_id);
  spec.expires_at = expires_at;
  spec.session = true;
  return StoreWithSecret(store, spec, audit);
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
