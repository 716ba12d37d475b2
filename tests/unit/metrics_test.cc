// The metrics registry: the Prometheus text it renders for counters, gauges and histograms.
#include "common/metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace thaksa {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MetricsTest, CountersAndGaugesAreWrittenWithTheirHelpTypeAndEscapedLabels) {
  Metrics metrics;
  metrics.Add("thaksa_rpc_calls_total", {{"method", "/a.B/C"}, {"code", "OK"}});
  metrics.Add("thaksa_rpc_calls_total", {{"method", "/a.B/C"}, {"code", "OK"}}, 2);
  metrics.Set("thaksa_task_pending", {{"task", "quote\" back\\slash\nline"}}, 7);
  metrics.Add("thaksa_no_such_metric", {}, 1);
  const std::string text = metrics.Render();
  EXPECT_THAT(text, HasSubstr("# HELP thaksa_rpc_calls_total RPCs answered"));
  EXPECT_THAT(text, HasSubstr("# TYPE thaksa_rpc_calls_total counter\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_calls_total{method=\"/a.B/C\",code=\"OK\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_task_pending{task=\"quote\\\" back\\\\slash\\nline\"} 7\n"));
  metrics.Set("thaksa_task_last_success_timestamp_seconds", {{"task", "t"}}, 1796077520);
  EXPECT_THAT(metrics.Render(),
              HasSubstr("thaksa_task_last_success_timestamp_seconds{task=\"t\"} 1796077520\n"))
      << "a timestamp keeps every digit";
  EXPECT_THAT(text, Not(HasSubstr("thaksa_no_such_metric"))) << "undeclared names are not written";
  EXPECT_THAT(text, Not(HasSubstr("thaksa_bulk_records_total"))) << "families without values";
}

TEST(MetricsTest, AHistogramCountsEachValueInItsBucketAndEveryBucketAbove) {
  Metrics metrics;
  const MetricLabels labels = {{"method", "/a.B/C"}};
  metrics.Observe("thaksa_rpc_duration_seconds", labels, 0.003);
  metrics.Observe("thaksa_rpc_duration_seconds", labels, 0.005);
  metrics.Observe("thaksa_rpc_duration_seconds", labels, 120);
  const std::string text = metrics.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE thaksa_rpc_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_bucket{method=\"/a.B/C\",le=\"0.0025\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_bucket{method=\"/a.B/C\",le=\"0.005\"} 2\n"))
      << "a bound counts values equal to it";
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_bucket{method=\"/a.B/C\",le=\"60\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_bucket{method=\"/a.B/C\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_count{method=\"/a.B/C\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_sum{method=\"/a.B/C\"} 120.008\n"));
}

TEST(MetricsTest, BulkResultsAreCountedByTypeAndOutcome) {
  personnel::v1::BulkUpsertResult created, rejected;
  created.set_outcome(personnel::v1::UPSERT_OUTCOME_CREATED);
  rejected.set_outcome(personnel::v1::UPSERT_OUTCOME_REJECTED);
  CountBulkResults({&created, &rejected, &created});
  CountBulkResults({});
  const std::string text = ProcessMetrics().Render();
  EXPECT_THAT(text, HasSubstr("thaksa_bulk_records_total{record=\"BulkUpsertResult\","
                              "outcome=\"UPSERT_OUTCOME_CREATED\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_bulk_records_total{record=\"BulkUpsertResult\","
                              "outcome=\"UPSERT_OUTCOME_REJECTED\"} 1\n"));
}

}  // namespace
}  // namespace thaksa
