#include "services/readiness/readiness_module.h"

#include "services/assessment/store/mysql_assessment_store.h"
#include "services/readiness/readiness_service.h"

namespace thaksa::readiness {
namespace {

class ReadinessModule final : public HostedService {
 public:
  explicit ReadinessModule(const ServiceDeps& deps)
      : store_(deps.pool),
        assessments_(deps.pool),
        service_(store_, assessments_, deps.clock, deps.guard),
        refresher_(store_, assessments_, deps.clock) {}
  grpc::Service& service() override { return service_; }
  void ReportTasks(
      google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask>& tasks) const override {
    refresher_.Report(*tasks.Add());
  }

 private:
  MySqlReadinessStore store_;
  assessment::MySqlAssessmentStore assessments_;  // read only: the profiles rows come from
  ReadinessService service_;
  ReadinessRefresher refresher_;
};

}  // namespace

std::unique_ptr<HostedService> MakeReadinessService(const ServiceDeps& deps) {
  return std::make_unique<ReadinessModule>(deps);
}

}  // namespace thaksa::readiness
