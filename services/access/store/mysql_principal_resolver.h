// Resolves bearer tokens from table access_token, for the call guard of every binary.
#ifndef THAKSA_SERVICES_ACCESS_STORE_MYSQL_PRINCIPAL_RESOLVER_H_
#define THAKSA_SERVICES_ACCESS_STORE_MYSQL_PRINCIPAL_RESOLVER_H_

#include <memory>

#include "common/auth/principal_resolver.h"
#include "common/db/connection_pool.h"

namespace thaksa::access {

class MySqlPrincipalResolver final : public PrincipalResolver {
 public:
  explicit MySqlPrincipalResolver(ConnectionPool& pool) : pool_(pool) {}
  absl::StatusOr<Principal> Resolve(absl::string_view token_hash, absl::Time now) override;

 private:
  ConnectionPool& pool_;
};

// For ServerSpec::principal_resolver.
std::unique_ptr<PrincipalResolver> MakePrincipalResolver(ConnectionPool& pool);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_STORE_MYSQL_PRINCIPAL_RESOLVER_H_
