// Where tokens are kept (table access_token) and the audit trail is read from.
#ifndef THAKSA_SERVICES_ACCESS_STORE_ACCESS_STORE_H_
#define THAKSA_SERVICES_ACCESS_STORE_ACCESS_STORE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_log.h"
#include "common/audit/audit_records.h"
#include "common/auth/token_record.h"

namespace thaksa::access {

// A revoked token, and the ids of the sessions started with it that the revocation ended.
struct Revocation {
  TokenRecord token;
  std::vector<int64_t> sessions_ended;
};

class AccessStore {
 public:
  virtual ~AccessStore() = default;
  // Stores a token (already validated, expires_at and session set) with its hash; the record's
  // id, created_at (audit.at) and created_by (audit.token_id) are set here. An unknown agency or person is INVALID_ARGUMENT on
  // "token.agency_code" / "token.person_id".
  virtual absl::StatusOr<TokenRecord> CreateToken(const TokenRecord& token,
                                                  const std::string& token_hash,
                                                  const AuditCall& audit) = 0;
  // Tokens newest first; only those active at `now` unless `include_inactive`.
  virtual absl::StatusOr<std::vector<TokenRecord>> ListTokens(bool include_inactive,
                                                              absl::Time now, int limit,
                                                              int64_t before_id) = 0;
  // NOT_FOUND for an unknown id.
  virtual absl::StatusOr<TokenRecord> GetToken(int64_t id) = 0;
  // Revokes the token and the sessions started with it that are still active. NOT_FOUND for an
  // unknown id; revoking twice keeps the first time.
  virtual absl::StatusOr<Revocation> RevokeToken(int64_t id, const AuditCall& audit) = 0;
  virtual absl::StatusOr<std::vector<AuditEventRecord>> ListAuditEvents(
      const AuditQuery& query) = 0;
};

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_STORE_ACCESS_STORE_H_
