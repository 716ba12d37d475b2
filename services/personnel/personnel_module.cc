#include "services/personnel/personnel_module.h"

#include "services/personnel/personnel_service.h"
#include "services/personnel/store/mysql_personnel_store.h"

namespace thaksa::personnel {
namespace {

class PersonnelModule final : public HostedService {
 public:
  explicit PersonnelModule(const ServiceDeps& deps)
      : store_(deps.pool), service_(store_, deps.clock, deps.citizen_id_hasher, deps.guard) {}
  grpc::Service& service() override { return service_; }

 private:
  MySqlPersonnelStore store_;
  PersonnelService service_;
};

}  // namespace

std::unique_ptr<HostedService> MakePersonnelService(const ServiceDeps& deps) {
  return std::make_unique<PersonnelModule>(deps);
}

}  // namespace thaksa::personnel
