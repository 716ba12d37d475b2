// Finds the principal a bearer token stands for. The access service, which owns the tokens,
// implements it (services/access/store/mysql_principal_resolver.h).
#ifndef THAKSA_COMMON_AUTH_PRINCIPAL_RESOLVER_H_
#define THAKSA_COMMON_AUTH_PRINCIPAL_RESOLVER_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace thaksa {

class PrincipalResolver {
 public:
  virtual ~PrincipalResolver() = default;
  // The principal of the token whose hash is `token_hash`; UNAUTHENTICATED if no token has it
  // or it was revoked or had expired at `now`.
  virtual absl::StatusOr<Principal> Resolve(absl::string_view token_hash, absl::Time now) = 0;
  // Forgets what it may remember of token `token_id` (it was revoked).
  virtual void Forget(int64_t token_id) {}
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_PRINCIPAL_RESOLVER_H_
