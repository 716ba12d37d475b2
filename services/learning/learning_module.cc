#include "services/learning/learning_module.h"

#include "services/learning/learning_service.h"
#include "services/learning/store/mysql_learning_store.h"

namespace thaksa::learning {
namespace {

class LearningModule final : public HostedService {
 public:
  explicit LearningModule(const ServiceDeps& deps)
      : store_(deps.pool, deps.clock),
        service_(store_, deps.clock, deps.citizen_id_hasher, deps.guard, deps.peers) {}
  grpc::Service& service() override { return service_; }

 private:
  MySqlLearningStore store_;
  LearningService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeLearningService(const ServiceDeps& deps) {
  return std::make_unique<LearningModule>(deps);
}

}  // namespace thaksa::learning
