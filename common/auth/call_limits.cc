#include "common/auth/call_limits.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/status.h"

namespace thaksa {
namespace {

constexpr size_t kTokensKeptBeforeForgetting = 10'000;

}  // namespace

absl::Status CheckCallLimits(const CallLimits& limits) {
  FieldErrors errors;
  auto positive = [&](bool ok, const char* name) {
    if (!ok) errors.Add(name, "must be positive");
  };
  positive(limits.max_message_bytes > 0, "max_message_bytes");
  positive(limits.costly_calls_per_minute > 0, "costly_calls_per_minute");
  positive(limits.costly_calls_at_once > 0, "costly_calls_at_once");
  positive(limits.streams_per_token > 0, "streams_per_token");
  positive(limits.streams_at_once > 0, "streams_at_once");
  positive(limits.max_stream_records > 0, "max_stream_records");
  positive(limits.stream_idle_timeout > absl::ZeroDuration(), "stream_idle_timeout");
  positive(limits.max_call_duration >= absl::ZeroDuration(), "max_call_duration");
  return errors.ToStatus();
}

absl::StatusOr<CallLimiter::Slot> CallLimiter::AdmitCostly(int64_t token_id) {
  RETURN_IF_ERROR(TakeCostlyPlace(token_id));
  // Made without the lock held: should making it fail, its deleter gives the place back.
  return Slot(this, [this](const void*) {
    absl::MutexLock lock(&mutex_);
    --costly_running_;
  });
}

absl::Status CallLimiter::TakeCostlyPlace(int64_t token_id) {
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
  return absl::OkStatus();
}

absl::StatusOr<CallLimiter::Slot> CallLimiter::AdmitStream(int64_t token_id) {
  RETURN_IF_ERROR(TakeStreamPlace(token_id));
  return Slot(this, [this, token_id](const void*) {
    absl::MutexLock lock(&mutex_);
    --tokens_[token_id].open_streams;
    --streams_open_;
  });
}

absl::Status CallLimiter::TakeStreamPlace(int64_t token_id) {
  absl::MutexLock lock(&mutex_);
  ForgetIdleTokens(clock_.Now());
  TokenState& token = tokens_[token_id];
  if (token.open_streams >= limits_.streams_per_token) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "limit streams_per_token: a token may have ", limits_.streams_per_token,
        " bulk streams open at once; send on an open one or wait for one to end"));
  }
  if (streams_open_ >= limits_.streams_at_once) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "limit streams_at_once: ", limits_.streams_at_once,
        " bulk streams are open on this server; retry in a few seconds"));
  }
  ++token.open_streams;
  ++streams_open_;
  return absl::OkStatus();
}

void CallLimiter::ForgetIdleTokens(absl::Time now) {
  const absl::Duration refill = absl::Minutes(1);
  if (tokens_.size() < kTokensKeptBeforeForgetting || now - forgotten_at_ < refill) return;
  forgotten_at_ = now;
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    const bool idle = it->second.open_streams == 0 && now - it->second.refilled_at >= refill;
    it = idle ? tokens_.erase(it) : std::next(it);
  }
}

}  // namespace thaksa
