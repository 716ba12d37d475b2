// The readiness report for a CIO office as one self-contained HTML page (no network needed to
// open it): a heat map of share ready per group x skill set, a bar chart of the child agencies,
// the trend, and the learning mix; Thai labels by default; printable on A4.
#ifndef THAKSA_TOOLS_CLI_READINESS_REPORT_H_
#define THAKSA_TOOLS_CLI_READINESS_REPORT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "thaksa/readiness/v1/readiness.pb.h"
#include "tools/cli/call_options.h"

namespace thaksa::cli {

struct ReportData {
  readiness::v1::Readiness readiness;
  readiness::v1::Trend trend;
  readiness::v1::LearningMix learning;
  std::string agency_name;
};

// Asks the server for everything the report of `agency_code` shows (its subtree, the last
// twelve months, the current fiscal year's learning).
absl::StatusOr<ReportData> FetchReportData(const std::shared_ptr<grpc::Channel>& channel,
                                           const CallOptions& options,
                                           const std::string& agency_code);

// The page. With `thai` false, English labels.
std::string RenderReadinessReport(const ReportData& data, bool thai);

// That people serving in several groups count in each, so the groups add up to more than the
// people: said wherever group figures are shown.
const char* CountedInEachGroupNote(bool thai);

// Adds the people of `b` into `a` (people measured under different framework versions share a
// column) and works out a's share ready again, over the people with a declared target; a is
// provisional if either was.
void AddCounts(readiness::v1::Counts& a, const readiness::v1::Counts& b);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_READINESS_REPORT_H_
