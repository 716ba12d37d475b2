// The access store over MySQL.
#ifndef THAKSA_SERVICES_ACCESS_STORE_MYSQL_ACCESS_STORE_H_
#define THAKSA_SERVICES_ACCESS_STORE_MYSQL_ACCESS_STORE_H_

#include "common/db/connection_pool.h"
#include "services/access/store/access_store.h"

namespace thaksa::access {

class MySqlAccessStore final : public AccessStore {
 public:
  explicit MySqlAccessStore(ConnectionPool& pool) : pool_(pool) {}
  absl::StatusOr<TokenRecord> CreateToken(const TokenRecord& token, const std::string& token_hash,
                                          const AuditCall& audit) override;
  absl::StatusOr<std::vector<TokenRecord>> ListTokens(bool include_inactive, absl::Time now,
                                                      int limit, int64_t before_id) override;
  absl::StatusOr<TokenRecord> GetToken(int64_t id) override;
  absl::StatusOr<Revocation> RevokeToken(int64_t id, const AuditCall& audit) override;
  absl::StatusOr<std::vector<AuditEventRecord>> ListAuditEvents(const AuditQuery& query) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_STORE_MYSQL_ACCESS_STORE_H_
