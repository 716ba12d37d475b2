// The main of every Thaksa server binary: flags, database, migrations, the services it hosts,
// serving until SIGINT/SIGTERM. A binary differs from another only in its list of services.
#ifndef THAKSA_COMMON_SERVER_MAIN_H_
#define THAKSA_COMMON_SERVER_MAIN_H_

#include <functional>
#include <memory>
#include <vector>

#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "grpcpp/impl/codegen/service_type.h"

namespace thaksa {

// What a hosted service may depend on; owned by the binary, outliving every service.
struct ServiceDeps {
  ConnectionPool& pool;
  const Clock& clock;
  const CitizenIdHasher& citizen_id_hasher;
};

// A service hosted by a server together with everything it owns (its store, ...).
class HostedService {
 public:
  virtual ~HostedService() = default;
  virtual grpc::Service& service() = 0;
};

using ServiceFactory = std::function<std::unique_ptr<HostedService>(const ServiceDeps&)>;

// Runs a server binary hosting the services the factories make; returns the process exit code.
// Flags: --listen, --db_url, --citizen_id_key_file, --migrate_only (see server_main.cc).
int ServerMain(int argc, char** argv, const std::vector<ServiceFactory>& factories);

// Creates the database if needed and applies the bundled migrations.
absl::Status PrepareDatabase(ConnectionPool& pool);

}  // namespace thaksa

#endif  // THAKSA_COMMON_SERVER_MAIN_H_
