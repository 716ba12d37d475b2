#include "tests/support/fake_access_store.h"

#include "absl/strings/str_cat.h"

namespace thaksa::testing {

absl::StatusOr<TokenRecord> FakeAccessStore::CreateToken(const TokenRecord& token,
                                                         const std::string& token_hash,
                                                         const AuditCall& audit) {
  for (const auto& [id, stored] : tokens_) {
    if (stored.hash == token_hash) return absl::AlreadyExistsError("token hash taken");
  }
  StoredToken stored{token, token_hash};
  stored.record.id = tokens_.empty() ? 1 : tokens_.rbegin()->first + 1;
  stored.record.created_at = audit.at;
  stored.record.created_by_token_id = audit.token_id;
  tokens_[stored.record.id] = stored;
  events_.push_back({static_cast<int64_t>(events_.size()) + 1, audit.at, audit.token_id,
                     audit.role, audit.method, "token", absl::StrCat(stored.record.id), "OK",
                     audit.request_id});
  return stored.record;
}

absl::StatusOr<std::vector<TokenRecord>> FakeAccessStore::ListTokens(bool include_inactive,
                                                                     absl::Time now, int limit,
                                                                     int64_t before_id) {
  std::vector<TokenRecord> tokens;
  for (auto it = tokens_.rbegin(); it != tokens_.rend(); ++it) {
    const TokenRecord& t = it->second.record;
    if (before_id != 0 && t.id >= before_id) continue;
    const bool active = !t.revoked_at.has_value() && t.expires_at > now;
    if (!include_inactive && !active) continue;
    if (static_cast<int>(tokens.size()) == limit) break;
    tokens.push_back(t);
  }
  return tokens;
}

absl::StatusOr<TokenRecord> FakeAccessStore::GetToken(int64_t id) {
  auto found = tokens_.find(id);
  if (found == tokens_.end()) return absl::NotFoundError(absl::StrCat("no token with id ", id));
  return found->second.record;
}

absl::StatusOr<access::Revocation> FakeAccessStore::RevokeToken(int64_t id,
                                                                const AuditCall& audit) {
  auto found = tokens_.find(id);
  if (found == tokens_.end()) return absl::NotFoundError(absl::StrCat("no token with id ", id));
  access::Revocation revocation;
  for (auto& [session_id, stored] : tokens_) {
    TokenRecord& session = stored.record;
    if (session.session && session.created_by_token_id == id && !session.revoked_at) {
      session.revoked_at = audit.at;
      revocation.sessions_ended.push_back(session_id);
    }
  }
  TokenRecord& record = found->second.record;
  if (!record.revoked_at) record.revoked_at = audit.at;
  revocation.token = record;
  return revocation;
}

absl::StatusOr<std::vector<AuditEventRecord>> FakeAccessStore::ListAuditEvents(
    const AuditQuery& query) {
  std::vector<AuditEventRecord> events;
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (query.before_id != 0 && it->id >= query.before_id) continue;
    if (it->occurred_at < query.since || it->occurred_at >= query.until) continue;
    if (query.token_id != 0 && it->token_id != query.token_id) continue;
    if (!query.entity_type.empty() && it->entity_type != query.entity_type) continue;
    if (!query.entity_id.empty() && it->entity_id != query.entity_id) continue;
    if (!query.method.empty() && it->method != query.method) continue;
    if (static_cast<int>(events.size()) == query.limit) break;
    events.push_back(*it);
  }
  return events;
}

std::string FakeAccessStore::HashOf(int64_t id) const {
  auto found = tokens_.find(id);
  return found == tokens_.end() ? "" : found->second.hash;
}

std::vector<std::string> FakeAccessStore::StoredHashes() const {
  std::vector<std::string> hashes;
  for (const auto& [id, stored] : tokens_) hashes.push_back(stored.hash);
  return hashes;
}

}  // namespace thaksa::testing
