// An in-memory fake of the access store, for unit tests of the code above it: tokens with their
// hashes, listing newest first with keyset paging, revocation that keeps the first time, and the
// audit events the test adds.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_ACCESS_STORE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_ACCESS_STORE_H_

#include <map>
#include <string>
#include <vector>

#include "services/access/store/access_store.h"

namespace thaksa::testing {

class FakeAccessStore final : public access::AccessStore {
 public:
  absl::StatusOr<TokenRecord> CreateToken(const TokenRecord& token, const std::string& token_hash,
                                          const AuditCall& audit) override;
  absl::StatusOr<std::vector<TokenRecord>> ListTokens(bool include_inactive, absl::Time now,
                                                      int limit, int64_t before_id) override;
  absl::StatusOr<TokenRecord> GetToken(int64_t id) override;
  absl::StatusOr<access::Revocation> RevokeToken(int64_t id, const AuditCall& audit) override;
  absl::StatusOr<std::vector<AuditEventRecord>> ListAuditEvents(const AuditQuery& query) override;

  // The stored hash of token `id` ("" if none).
  std::string HashOf(int64_t id) const;
  // Every hash stored, and every audit event written, for "is the secret anywhere" checks.
  std::vector<std::string> StoredHashes() const;
  std::vector<AuditEventRecord>& events() { return events_; }

 private:
  struct StoredToken {
    TokenRecord record;
    std::string hash;
  };
  std::map<int64_t, StoredToken> tokens_;
  std::vector<AuditEventRecord> events_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_ACCESS_STORE_H_
