#include "services/learning/learning_module.h"

#include "services/learning/assessment_relay.h"
#include "services/learning/learning_service.h"
#include "services/learning/store/mysql_learning_store.h"
#include "services/personnel/directory/mysql_directory.h"

namespace thaksa::learning {
namespace {

class LearningModule final : public HostedService {
 public:
  explicit LearningModule(const ServiceDeps& deps)
      : store_(deps.pool, deps.clock),
        directory_(deps.pool),
        relay_(store_, deps.clock, deps.peers, deps.service_credential),
        service_(store_, directory_, deps.clock, deps.citizen_id_hasher, deps.guard, deps.peers,
                 [this] { relay_.Wake(); }) {}
  grpc::Service& service() override { return service_; }
  void ReportTasks(
      google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask>& tasks) const override {
    relay_.Report(*tasks.Add());
  }
  absl::Status RunTasksOnce() override { return relay_.DeliverDue(); }

 private:
  MySqlLearningStore store_;
  personnel::MySqlDirectory directory_;
  // Delivers the assessed levels the store queues with completions (stopped before the store
  // goes).
  AssessmentRelay relay_;
  LearningService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeLearningService(const ServiceDeps& deps) {
  return std::make_unique<LearningModule>(deps);
}

}  // namespace thaksa::learning
