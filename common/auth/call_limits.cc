#include "common/auth/call_limits.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace thaksa {
namespace {

constexpr size_t kTokensKeptBeforeForgetting = 10'000;

}  // namespace

absl::StatusOr<CallLimiter::Slot> CallLimiter::AdmitCostly(int64_t token_id) {
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mutex_);
  ForgetIdleTokens(now);
  const double per_minute = std::max(1, limits_.costly_calls_per_minute);
  TokenState& token = tokens_[token_id];
  if (token.costly_allowance < 0) {
    token.costly_allowance = per_minute;
  } else {
    const double earned = absl::ToDoubleSeconds(now - token.refilled_at) * per_minute / 60;
    token.costly_allowance = std::min(per_minute, token.costly_allowance + std::max(0.0, earned));
  }
  token.refilled_at = now;
  if (token.costly_allowance < 1) {
    const double wait = std::ceil((1 - token.costly_allowance) * 60 / per_minute);
    return absl::ResourceExhaustedError(absl::StrCat(
        "limit costly_calls_per_minute: a token may start ", limits_.costly_calls_per_minute,
        " costly calls (exports, figures worked out when asked) a minute; the next is allowed in ",
        wait, " s"));
  }
  if (costly_running_ >= limits_.costly_calls_at_once) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "limit costly_calls_at_once: ", limits_.costly_calls_at_once,
        " costly calls are running on this server; retry in a few seconds"));
  }
  token.costly_allowance -= 1;
  ++costly_running_;
  return Slot(this, [this](const void*) {
    absl::MutexLock lock(&mutex_);
    --costly_running_;
  });
}

absl::StatusOr<CallLimiter::Slot> CallLimiter::AdmitStream(int64_t token_id) {
  absl::MutexLock lock(&mutex_);
  ForgetIdleTokens(clock_.Now());
  TokenState& token = tokens_[token_id];
  if (token.open_streams >= limits_.streams_per_token) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "limit streams_per_token: a token may have ", limits_.streams_per_token,
        " bulk streams open at once; send on an open one or wait for one to end"));
  }
  ++token.open_streams;
  return Slot(this, [this, token_id](const void*) {
    absl::MutexLock lock(&mutex_);
    --tokens_[token_id].open_streams;
  });
}

void CallLimiter::ForgetIdleTokens(absl::Time now) {
  if (tokens_.size() < kTokensKeptBeforeForgetting) return;
  const absl::Duration refill = absl::Minutes(1);
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    const bool idle = it->second.open_streams == 0 && now - it->second.refilled_at >= refill;
    it = idle ? tokens_.erase(it) : std::next(it);
  }
}

}  // namespace thaksa
