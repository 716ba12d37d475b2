#include "services/learning/learning_module.h"

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
        service_(store_, directory_, deps.clock, deps.citizen_id_hasher, deps.guard, deps.peers) {}
  grpc::Service& service() override { return service_; }

 private:
  MySqlLearningStore store_;
  personnel::MySqlDirectory directory_;
  LearningService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeLearningService(const ServiceDeps& deps) {
  return std::make_unique<LearningModule>(deps);
}

}  // namespace thaksa::learning
