// Issuing bearer tokens: the secret is made here, handed out once, and only its hash is stored.
#ifndef THAKSA_SERVICES_ACCESS_TOKEN_ISSUANCE_H_
#define THAKSA_SERVICES_ACCESS_TOKEN_ISSUANCE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "common/auth/token_record.h"
#include "common/clock.h"
#include "services/access/store/access_store.h"

namespace thaksa::access {

struct IssuedToken {
  TokenRecord info;    // as stored
  std::string secret;  // the bearer token; never stored
};

// Stores a token for `spec` (already validated), valid `valid_days` from audit.at (0: the
// default), and returns it with its secret.
absl::StatusOr<IssuedToken> IssueToken(AccessStore& store, TokenRecord spec, int valid_days,
                                       const AuditCall& audit);

// Stores a session token for the calling principal (same role and scope), expiring at
// `expires_at`, and returns it with its secret.
absl::StatusOr<IssuedToken> IssueSession(AccessStore& store, const Principal& caller,
                                         absl::Time expires_at, const AuditCall& audit);

// Creates an ADMIN token without a calling principal, to bootstrap a deployment, and returns
// the bearer token. Audited as method "bootstrap".
absl::StatusOr<std::string> CreateBootstrapAdminToken(AccessStore& store, const Clock& clock);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_TOKEN_ISSUANCE_H_
