// A check of the fault tests: once the servers caught up, the readiness figures equal a
// recount from scratch through the API. Header-only; its users link thaksa_loadgen.
#ifndef THAKSA_TESTS_SUPPORT_RECOUNT_CHECK_H_
#define THAKSA_TESTS_SUPPORT_RECOUNT_CHECK_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/loadgen/catch_up.h"
#include "tools/loadgen/recount.h"

namespace thaksa::testing {

// Waits (up to three minutes) for the relay and the refresher behind `channel`, then recounts
// the readiness of `agencies` from scratch and expects no difference.
inline void ExpectReadinessEqualsARecount(const std::shared_ptr<grpc::Channel>& channel,
                                          const cli::CallOptions& admin,
                                          const std::vector<std::string>& agencies) {
  auto readiness = readiness::v1::ReadinessService::NewStub(channel);
  auto ops = ops::v1::OpsService::NewStub(channel);
  absl::StatusOr<loadgen::CatchUp> caught_up =
      loadgen::WaitForCatchUp(*readiness, {ops.get()}, admin, absl::Minutes(3));
  ASSERT_TRUE(caught_up.ok() && caught_up->finished) << "the servers did not catch up";
  absl::StatusOr<loadgen::RecountOutcome> recount =
      loadgen::Recount(channel, admin, agencies, 4, nullptr);
  ASSERT_TRUE(recount.ok()) << recount.status();
  EXPECT_GT(recount->people, 0);
  EXPECT_TRUE(recount->differences.empty()) << absl::StrJoin(recount->differences, "\n");
}

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_RECOUNT_CHECK_H_
