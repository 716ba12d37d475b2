// A cache in front of a PrincipalResolver, so that a caller's token is looked up in the database
// once per lifetime instead of on every call.
//
// An entry lives `lifetime` (and never past the token's own expiry). A token revoked in this
// process is forgotten at once (Forget); one revoked through another process stops working here
// within `lifetime`. Unknown, expired or revoked tokens are not remembered: each such call asks
// the resolver. At most `capacity` tokens are kept; when full, expired entries go first, then
// the whole cache is cleared (it refills from the database).
#ifndef THAKSA_COMMON_AUTH_PRINCIPAL_CACHE_H_
#define THAKSA_COMMON_AUTH_PRINCIPAL_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/principal_resolver.h"

namespace thaksa {

class CachingPrincipalResolver final : public PrincipalResolver {
 public:
  // How long a resolved token is remembered unless it is set otherwise.
  static constexpr absl::Duration kDefaultLifetime = absl::Seconds(10);
  static constexpr size_t kDefaultCapacity = 10'000;

  // `resolver` must outlive the cache.
  CachingPrincipalResolver(PrincipalResolver& resolver, absl::Duration lifetime,
                           size_t capacity = kDefaultCapacity)
      : resolver_(resolver), lifetime_(lifetime), capacity_(capacity) {}

  absl::StatusOr<Principal> Resolve(absl::string_view token_hash, absl::Time now) override;
  void Forget(int64_t token_id) override;

  // How many tokens are remembered (for tests and status).
  size_t size() const;

 private:
  struct Entry {
    Principal principal;
    absl::Time valid_until;
  };

  PrincipalResolver& resolver_;
  const absl::Duration lifetime_;
  const size_t capacity_;
  mutable absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mutex_);  // by token hash
  uint64_t forgets_ ABSL_GUARDED_BY(mutex_) = 0;  // Forget calls so far
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_PRINCIPAL_CACHE_H_
