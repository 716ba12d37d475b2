// Loads a Dataset into a running server through the public API, the way the programme's callers
// would: agencies and reference data one call each, people, assessments, plans and completions
// through the bulk streaming RPCs. Each bulk phase is a measurement of its ingestion path,
// compared with a baseline that writes the same rows (see baselines.h).
#ifndef THAKSA_TOOLS_LOADGEN_LOADER_H_
#define THAKSA_TOOLS_LOADGEN_LOADER_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "services/learning/learning_service.h"
#include "tools/cli/call_options.h"
#include "tools/loadgen/dataset.h"
#include "tools/loadgen/figure.h"

namespace thaksa::loadgen {

struct LoadOptions {
  // Parallel streams per bulk phase.
  int streams = 2;
  // Calls in flight where work is done call by call (the recount).
  int concurrency = 8;
  // Where progress lines go while a phase runs (nullptr: nowhere).
  std::ostream* progress = nullptr;
};

// How LoadPlans has the server store plans, for the plan baseline: change it with LoadPlans.
// Plans are streamed through BulkUpsertPlans on LoadOptions.streams streams; the server stores a
// batch of plans, each with its items, an audit event and a "plan" change, in one transaction.
struct PlanPath {
  int plans_per_transaction = learning::LearningService::kBulkBatchSize;
  int audit_events_per_plan = 1;
  int changes_per_plan = 1;
  // Plans stored side by side.
  int writers(const LoadOptions& options) const { return options.streams; }
};
inline constexpr PlanPath kPlanPath;

class Loader final {
 public:
  Loader(const Dataset& dataset, std::shared_ptr<grpc::Channel> channel, cli::CallOptions admin,
         LoadOptions options);

  // Creates what the records refer to (agencies with their period, the frameworks from
  // `frameworks_dir` followed by every ministry, the institute and its courses) and a token for
  // the institute. Safe to repeat: what is declared already is left as it is.
  absl::Status Prepare(const std::string& frameworks_dir);
  // Syncs every person (BulkUpsertPeople) and learns their ids.
  absl::StatusOr<Figure> LoadPeople();
  absl::StatusOr<Figure> LoadAssessments();
  // A plan with kPlanItems items for every person, as kPlanPath says.
  absl::StatusOr<Figure> LoadPlans();
  absl::StatusOr<Figure> LoadCompletions();

  // Person ids by dataset index (after LoadPeople).
  const std::vector<int64_t>& person_ids() const { return person_ids_; }
  const std::vector<std::string>& skill_set_codes() const { return skill_set_codes_; }
  // How the institute calls (after Prepare).
  const cli::CallOptions& institute() const { return institute_; }

 private:
  // Runs one bulk phase: `streams` streams over consecutive ranges of the people, each sending
  // `per_person(index)` records (about `expected` in all), counting the results by outcome name.
  // `on_result` gets the index of the person whose stream the result came on plus the result's
  // index: the person's own index when each sends one record.
  template <typename Record, typename Result>
  absl::StatusOr<Figure> LoadInStreams(
      const std::string& name, int64_t expected, const cli::CallOptions& caller,
      const std::function<std::unique_ptr<grpc::ClientReaderWriter<Record, Result>>(
          grpc::ClientContext*)>& open,
      const std::function<std::vector<Record>(int64_t index)>& per_person,
      const std::function<std::string(const Result&)>& outcome_of,
      const std::function<void(int64_t index, const Result&)>& on_result);

  const Dataset& dataset_;
  std::shared_ptr<grpc::Channel> channel_;
  cli::CallOptions admin_;
  cli::CallOptions institute_;
  LoadOptions options_;
  std::vector<int64_t> person_ids_;
  std::vector<std::string> skill_set_codes_;
};

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_LOADER_H_
