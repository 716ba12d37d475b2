// Limits that keep one caller from taking what every caller needs: how many costly calls (exports,
// figures worked out when asked) a token may make a minute, how many of them run at once, and
// how many bulk streams a token may keep open (CallLimiter: RESOURCE_EXHAUSTED, with the limit
// named); and the sizes and durations the server and the bulk streams enforce themselves
// (CallLimits). The limits are per server process.
#ifndef THAKSA_COMMON_AUTH_CALL_LIMITS_H_
#define THAKSA_COMMON_AUTH_CALL_LIMITS_H_

#include <cstdint>
#include <map>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace thaksa {

struct CallLimits {
  // Largest request message accepted, in bytes (gRPC answers RESOURCE_EXHAUSTED above it).
  int max_message_bytes = 4 << 20;
  // Costly calls a token may start per minute (a burst of as many, then one every 60/N s).
  int costly_calls_per_minute = 30;
  // Costly calls running at once in the process, whoever makes them: the rest of the database
  // connections stay free for everyone else.
  int costly_calls_at_once = 4;
  // Bulk streams one token may have open at once.
  int streams_per_token = 8;
  // Bulk streams open at once in the process, whoever opens them (each holds a thread and up to
  // a few batches of records).
  int streams_at_once = 64;
  // Records one bulk stream may send; a longer load opens another stream.
  int64_t max_stream_records = 5'000'000;
  // A bulk stream over which no record arrives for this long is ended (its sender gone quiet).
  absl::Duration stream_idle_timeout = absl::Seconds(60);
  // Work done in chunks for one call (another day's figures, closing a year) stops once the
  // call has run this long, or as soon as its caller gives up: DEADLINE_EXCEEDED or CANCELLED.
  absl::Duration max_call_duration = absl::Minutes(5);
};

// INVALID_ARGUMENT naming each limit that is not positive (max_call_duration may be zero).
absl::Status CheckCallLimits(const CallLimits& limits);

class CallLimiter final {
 public:
  // Held while a limited call runs; releasing it (the last copy going away) frees its place.
  using Slot = std::shared_ptr<const void>;

  // `clock` must outlive the limiter.
  CallLimiter(CallLimits limits, const Clock& clock) : limits_(limits), clock_(clock) {}

  const CallLimits& limits() const { return limits_; }

  // A place for a costly call of token `token_id`: RESOURCE_EXHAUSTED naming
  // costly_calls_per_minute when the token has spent its allowance (saying when the next is
  // allowed), or costly_calls_at_once when that many run already.
  absl::StatusOr<Slot> AdmitCostly(int64_t token_id);

  // A place for a bulk stream of token `token_id`: RESOURCE_EXHAUSTED naming streams_per_token
  // when the token has that many open, or streams_at_once when the process has.
  absl::StatusOr<Slot> AdmitStream(int64_t token_id);

 private:
  struct TokenState {
    double costly_allowance = -1;  // calls the token may start now; < 0: not used yet (full)
    absl::Time refilled_at;
    int open_streams = 0;
  };

  absl::Status TakeCostlyPlace(int64_t token_id);
  absl::Status TakeStreamPlace(int64_t token_id);
  // Once many tokens are known, forgets those with nothing open whose allowance is full again
  // (at most once a minute: a sweep reads them all).
  void ForgetIdleTokens(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const CallLimits limits_;
  const Clock& clock_;
  absl::Mutex mutex_;
  std::map<int64_t, TokenState> tokens_ ABSL_GUARDED_BY(mutex_);
  int costly_running_ ABSL_GUARDED_BY(mutex_) = 0;
  int streams_open_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Time forgotten_at_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_CALL_LIMITS_H_
