#include "services/readiness/readiness_module.h"

#include "services/assessment/store/mysql_standing_reads.h"
#include "services/learning/store/mysql_plan_mix_reads.h"
#include "services/readiness/readiness_refresher.h"
#include "services/readiness/readiness_service.h"
#include "services/readiness/store/mysql_readiness_store.h"

namespace thaksa::readiness {
namespace {

class ReadinessModule final : public HostedService {
 public:
  explicit ReadinessModule(const ServiceDeps& deps)
      : store_(deps.pool),
        standings_(assessment::MakeStandingReads(deps.pool)),
        plans_(deps.pool),
        service_(store_, *standings_, plans_, deps.clock, deps.guard),
        refresher_(store_, *standings_, deps.clock),
        thread_(refresher_) {}
  grpc::Service& service() override { return service_; }
  void ReportTasks(
      google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask>& tasks) const override {
    refresher_.Report(*tasks.Add());
  }

 private:
  MySqlReadinessStore store_;
  // What readiness reads of other services, through the interfaces they publish.
  std::unique_ptr<assessment::StandingReads> standings_;
  learning::MySqlPlanMixReads plans_;
  ReadinessService service_;
  ReadinessRefresher refresher_;
  RefresherThread thread_;  // last: stops before what it uses goes
};

}  // namespace

std::unique_ptr<HostedService> MakeReadinessService(const ServiceDeps& deps) {
  return std::make_unique<ReadinessModule>(deps);
}

}  // namespace thaksa::readiness
