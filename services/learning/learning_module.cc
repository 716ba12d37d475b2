#include "services/learning/learning_module.h"

#include "absl/flags/flag.h"
#include "services/assessment/units/mysql_unit_catalogue.h"
#include "services/learning/assessment_relay.h"
#include "services/learning/grpc_assessment_delivery.h"
#include "services/learning/learning_service.h"
#include "services/learning/store/mysql_learning_store.h"
#include "services/learning/store/mysql_work_application_store.h"
#include "services/personnel/directory/mysql_directory.h"

ABSL_FLAG(absl::Duration, outbox_keep_delivered, absl::Hours(30 * 24),
          "How long the learning outbox keeps rows once delivered (e.g. 720h); 0 keeps them. "
          "Pending and failed rows are always kept.");

namespace thaksa::learning {
namespace {

// The relay's options: the defaults, with the retention of delivered rows from the flag.
AssessmentRelay::Options RelayOptions() {
  AssessmentRelay::Options options;
  options.keep_delivered = absl::GetFlag(FLAGS_outbox_keep_delivered);
  return options;
}

// The deadline of one delivery call.
constexpr absl::Duration kDeliveryTimeout = absl::Seconds(10);

class LearningModule final : public HostedService {
 public:
  explicit LearningModule(const ServiceDeps& deps)
      : store_(deps.pool, deps.clock),
        directory_(deps.pool),
        delivery_(deps.peers, deps.service_credential, kDeliveryTimeout),
        relay_(store_, deps.clock, delivery_, RelayOptions()),
        applications_(deps.pool),
        annex_(deps.pool),
        service_(store_, applications_, annex_, directory_, deps.clock, deps.citizen_id_hasher,
                 deps.guard, deps.peers, [this] { relay_.Wake(); }) {}
  grpc::Service& service() override { return service_; }
  void ReportTasks(
      google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask>& tasks) const override {
    relay_.Report(*tasks.Add());
  }
  absl::Status RunTasksOnce() override { return relay_.RunOnce(); }
  void StopTasks() override { relay_.Stop(); }

 private:
  MySqlLearningStore store_;
  personnel::MySqlDirectory directory_;
  GrpcAssessmentDelivery delivery_;
  // Delivers the assessed levels the store queues with completions (stopped before the store
  // goes).
  AssessmentRelay relay_;
  MySqlWorkApplicationStore applications_;
  // The assessment service's codes of competency units and behaviours, for the codes of courses
  // and plan items.
  assessment::MySqlUnitCatalogue annex_;
  LearningService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeLearningService(const ServiceDeps& deps) {
  return std::make_unique<LearningModule>(deps);
}

}  // namespace thaksa::learning
