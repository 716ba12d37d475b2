#include "common/auth/principal_cache.h"

#include <algorithm>

namespace thaksa {
namespace {

// Removes the entries of `map` whose value `remove` says so.
template <typename Map, typename Predicate>
void EraseIf(Map& map, Predicate remove) {
  for (auto it = map.begin(); it != map.end();) {
    if (remove(it->second)) {
      map.erase(it++);
    } else {
      ++it;
    }
  }
}

}  // namespace

absl::StatusOr<Principal> CachingPrincipalResolver::Resolve(absl::string_view token_hash,
                                                            absl::Time now) {
  uint64_t forgotten_before = 0;
  {
    absl::MutexLock lock(&mutex_);
    auto found = entries_.find(token_hash);
    if (found != entries_.end()) {
      if (now < found->second.valid_until) return found->second.principal;
      entries_.erase(found);
    }
    forgotten_before = forgets_;
  }
  // Asked outside the lock: concurrent first calls with one token may both ask; both get the
  // same answer.
  absl::StatusOr<Principal> principal = resolver_.Resolve(token_hash, now);
  if (!principal.ok() || lifetime_ <= absl::ZeroDuration()) return principal;
  absl::MutexLock lock(&mutex_);
  // A token forgotten while it was being asked for may have been read before its revocation:
  // answered, not remembered.
  if (forgets_ != forgotten_before) return principal;
  if (entries_.size() >= capacity_) {
    EraseIf(entries_, [&](const Entry& entry) { return entry.valid_until <= now; });
    if (entries_.size() >= capacity_) entries_.clear();
  }
  entries_[token_hash] = {*principal, std::min(now + lifetime_, principal->expires_at)};
  return principal;
}

void CachingPrincipalResolver::Forget(int64_t token_id) {
  {
    absl::MutexLock lock(&mutex_);
    ++forgets_;
    EraseIf(entries_, [&](const Entry& entry) { return entry.principal.token_id == token_id; });
  }
  resolver_.Forget(token_id);
}

size_t CachingPrincipalResolver::size() const {
  absl::MutexLock lock(&mutex_);
  return entries_.size();
}

}  // namespace thaksa
