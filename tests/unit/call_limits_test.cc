// The limits of callers (common/auth/call_limits.h): costly calls rationed per token and run a
// few at a time, bulk streams per token, each refusal naming its limit.
#include "common/auth/call_limits.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace thaksa {
namespace {

using ::testing::HasSubstr;

CallLimits Limits(int per_minute, int at_once, int streams) {
  CallLimits limits;
  limits.costly_calls_per_minute = per_minute;
  limits.costly_calls_at_once = at_once;
  limits.streams_per_token = streams;
  return limits;
}

TEST(CallLimiterTest, ATokenSpendsItsCostlyAllowanceAndEarnsItBackOverTheMinute) {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  CallLimiter limiter(Limits(3, 10, 1), clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.AdmitCostly(7).ok()) << i;
  const absl::Status refused = limiter.AdmitCostly(7).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(), HasSubstr("costly_calls_per_minute"));
  EXPECT_THAT(refused.message(), HasSubstr("allowed in 20 s"));
  EXPECT_TRUE(limiter.AdmitCostly(8).ok()) << "another token has its own allowance";

  clock.Set(clock.Now() + absl::Seconds(19));
  EXPECT_FALSE(limiter.AdmitCostly(7).ok());
  clock.Set(clock.Now() + absl::Seconds(1));
  EXPECT_TRUE(limiter.AdmitCostly(7).ok()) << "one call earned back in 60/3 s";
  EXPECT_FALSE(limiter.AdmitCostly(7).ok());

  clock.Set(clock.Now() + absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.AdmitCostly(7).ok()) << "never more than 3";
  EXPECT_FALSE(limiter.AdmitCostly(7).ok());
}

TEST(CallLimiterTest, OnlySoManyCostlyCallsRunAtOnceWhoeverMakesThem) {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  CallLimiter limiter(Limits(100, 2, 1), clock);
  absl::StatusOr<CallLimiter::Slot> first = limiter.AdmitCostly(1);
  absl::StatusOr<CallLimiter::Slot> second = limiter.AdmitCostly(2);
  ASSERT_TRUE(first.ok() && second.ok());
  const absl::Status refused = limiter.AdmitCostly(3).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(), HasSubstr("costly_calls_at_once"));
  first->reset();  // the call ended
  EXPECT_TRUE(limiter.AdmitCostly(3).ok());
}

TEST(CallLimiterTest, OnlySoManyStreamsAreOpenAtOnceWhoeverOpensThem) {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  CallLimits limits = Limits(1, 1, 5);
  limits.streams_at_once = 2;
  CallLimiter limiter(limits, clock);
  absl::StatusOr<CallLimiter::Slot> first = limiter.AdmitStream(1);
  absl::StatusOr<CallLimiter::Slot> second = limiter.AdmitStream(2);
  ASSERT_TRUE(first.ok() && second.ok());
  const absl::Status refused = limiter.AdmitStream(3).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(), HasSubstr("streams_at_once"));
  second->reset();
  EXPECT_TRUE(limiter.AdmitStream(3).ok());
}

TEST(CallLimitsTest, LimitsThatAreNotPositiveAreNamed) {
  EXPECT_TRUE(CheckCallLimits(CallLimits()).ok());
  CallLimits limits;
  limits.max_message_bytes = -1;
  limits.stream_idle_timeout = absl::ZeroDuration();
  const absl::Status refused = CheckCallLimits(limits);
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.message(), HasSubstr("max_message_bytes"));
  EXPECT_THAT(refused.message(), HasSubstr("stream_idle_timeout"));
}

TEST(CallLimiterTest, ATokenKeepsOnlySoManyStreamsOpen) {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  CallLimiter limiter(Limits(1, 1, 2), clock);
  std::vector<CallLimiter::Slot> open;
  for (int i = 0; i < 2; ++i) open.push_back(*limiter.AdmitStream(5));
  const absl::Status refused = limiter.AdmitStream(5).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.message(), HasSubstr("streams_per_token"));
  EXPECT_TRUE(limiter.AdmitStream(6).ok()) << "another token's streams are its own";
  CallLimiter::Slot copy = open[0];
  open[0].reset();
  EXPECT_FALSE(limiter.AdmitStream(5).ok()) << "a copy of the slot still holds the place";
  copy.reset();
  EXPECT_TRUE(limiter.AdmitStream(5).ok());
}

}  // namespace
}  // namespace thaksa
