#include "services/access/access_module.h"

#include "services/access/access_service.h"
#include "services/access/store/mysql_access_store.h"
#include "services/access/token_issuance.h"

namespace thaksa::access {
namespace {

class AccessModule final : public HostedService {
 public:
  explicit AccessModule(const ServiceDeps& deps)
      : store_(deps.pool), service_(store_, deps.clock, deps.guard) {}
  grpc::Service& service() override { return service_; }

 private:
  MySqlAccessStore store_;
  AccessService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakeAccessService(const ServiceDeps& deps) {
  return std::make_unique<AccessModule>(deps);
}

absl::StatusOr<std::string> CreateAdminToken(ConnectionPool& pool, const Clock& clock) {
  MySqlAccessStore store(pool);
  return CreateBootstrapAdminToken(store, clock);
}

}  // namespace thaksa::access
