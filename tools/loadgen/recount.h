// The recount check: the readiness figures of a sample of agencies against the same figures
// counted from scratch. Every person working in an agency's subtree (ListPeople) is taken with
// their skill profile with their further groups (GetSkillProfile: the assessment service's
// rules, which the readiness refresher applies too), each standing adds its contribution by
// readiness's own rule (ContributionOf), summed per personnel group x skill set x framework,
// and the sums are compared with GetReadiness of the agency and its subtree.
#ifndef THAKSA_TOOLS_LOADGEN_RECOUNT_H_
#define THAKSA_TOOLS_LOADGEN_RECOUNT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "services/readiness/domain/readiness_counts.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"
#include "tools/cli/call_options.h"
#include "tools/loadgen/dataset.h"

namespace thaksa::loadgen {

// What the recount found: agencies and people recounted, and each difference found, one line
// each. `skipped` says why it did not run (then nothing else is set).
struct RecountOutcome {
  int agencies = 0;
  int64_t people = 0;
  std::vector<std::string> differences;
  std::string skipped;
};

// Counts per (personnel group, skill set, framework).
using CellKey = std::tuple<int, std::string, std::string>;
using Tally = std::map<CellKey, readiness::Counts>;

// `divisions` of the dataset's divisions and provincial offices and `ministries` of its
// ministries, drawn by `seed` (the same codes for the same seed).
std::vector<std::string> SampleAgencies(const Dataset& dataset, uint64_t seed, int divisions,
                                        int ministries);

// Adds what `profile`'s person contributes to each of their cells: those of their own group and
// of each further group in the profile.
void AddProfile(const assessment::v1::SkillProfile& profile, Tally& tally);

// Where `readiness` (of agency `agency`, with its subtree) and the recount differ: one line per
// cell and figure; empty when they are equal. A cell missing on one side counts as all zero.
std::vector<std::string> Differences(const std::string& agency, const Tally& recount,
                                     const readiness::v1::Readiness& readiness);

// Recounts `agencies` through the API as `admin`, with `concurrency` calls in flight; progress
// lines go to `progress` (nullptr: nowhere).
absl::StatusOr<RecountOutcome> Recount(const std::shared_ptr<grpc::Channel>& channel,
                                       const cli::CallOptions& admin,
                                       const std::vector<std::string>& agencies, int concurrency,
                                       std::ostream* progress);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_RECOUNT_H_
