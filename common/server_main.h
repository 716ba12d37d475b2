// The main of every Thaksa server binary: flags, database, migrations, the services it hosts,
// serving until SIGINT/SIGTERM. A binary differs from another only in its list of services.
#ifndef THAKSA_COMMON_SERVER_MAIN_H_
#define THAKSA_COMMON_SERVER_MAIN_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/auth/call_guard.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/codegen/service_type.h"
#include "thaksa/ops/v1/ops.pb.h"

namespace thaksa {

// A channel to the other services of the deployment, for services that call each other over
// protobuf: in-process inside thaksa-server, over the network when services run apart. Set once
// the server runs; services read it when they need it.
class PeerChannel final {
 public:
  void Set(std::shared_ptr<grpc::Channel> channel);
  // nullptr until Set.
  std::shared_ptr<grpc::Channel> Get() const;

 private:
  mutable absl::Mutex mutex_;
  std::shared_ptr<grpc::Channel> channel_ ABSL_GUARDED_BY(mutex_);
};

// A channel to the services at `address` (host:port) that reconnects within a few seconds of
// them coming back after a restart (gRPC's default waits up to two minutes between attempts).
std::shared_ptr<grpc::Channel> CreatePeerChannel(const std::string& address);

// What a hosted service may depend on; owned by the binary, outliving every service.
struct ServiceDeps {
  ConnectionPool& pool;
  const Clock& clock;
  const CitizenIdHasher& citizen_id_hasher;
  const CallGuard& guard;
  const PeerChannel& peers;
  // The credential for calls a service makes on its own account (service_credential.h).
  const ServiceCredential& service_credential;
};

// A service hosted by a server together with everything it owns (its store, ...).
class HostedService {
 public:
  virtual ~HostedService() = default;
  virtual grpc::Service& service() = 0;
  // Adds the state of the service's background tasks, if it has any (see ops.v1.ServerStatus).
  virtual void ReportTasks(
      google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask>& /*tasks*/) const {}
  // Runs the work of the service's queue-draining background tasks once, in the calling thread,
  // until nothing is due; for tests, which must not wait on the tasks' timers. The first error.
  virtual absl::Status RunTasksOnce() { return absl::OkStatus(); }
  // Stops the service's background tasks that call peers, waiting for the work under way (one
  // batch); called before the server shuts down, so that no task calls a peer through a server
  // that is going away. Tasks that do not call peers stop when the service is destroyed.
  virtual void StopTasks() {}
};

using ServiceFactory = std::function<std::unique_ptr<HostedService>(const ServiceDeps&)>;

// What a server binary is made of.
struct ServerSpec {
  // The services it hosts.
  std::vector<ServiceFactory> services;
  // Makes the resolver of bearer tokens for the call guard (the access service publishes it as
  // access::MakePrincipalResolver); every binary needs one.
  std::function<std::unique_ptr<PrincipalResolver>(ConnectionPool&)> principal_resolver;
  // Creates an ADMIN token and returns it, for --create_admin_token; empty if the binary does
  // not host the access service.
  std::function<absl::StatusOr<std::string>(ConnectionPool&, const Clock&)> create_admin_token;
  // Where the HTTP door listens unless --http_listen says otherwise; empty: no HTTP door.
  std::string default_http_listen;
};

// Runs a server binary; returns the process exit code. Flags (see server_main.cc): --listen,
// --http_listen, --db_url, --citizen_id_key_file, --migrate_only, --create_admin_token, TLS.
int ServerMain(int argc, char** argv, const ServerSpec& spec);

// Creates the database if needed and applies the bundled migrations.
absl::Status PrepareDatabase(ConnectionPool& pool);

}  // namespace thaksa

#endif  // THAKSA_COMMON_SERVER_MAIN_H_
