// A Thaksa server for end-to-end tests: every service of thaksa-server (or a chosen few, with
// the peer channel leading to another server, as when services run as separate binaries), on
// 127.0.0.1 with a port of its own, over a given database, with a fake clock and a bootstrap
// ADMIN token. Servers of one test share the deployment key, as binaries of a deployment do.
#ifndef THAKSA_TESTS_SUPPORT_TEST_SERVER_H_
#define THAKSA_TESTS_SUPPORT_TEST_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "common/audit/audit_log.h"
#include "common/auth/call_guard.h"
#include "common/auth/principal_cache.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "common/http/http_door.h"
#include "common/ops_service.h"
#include "common/server_main.h"
#include "services/access/store/mysql_principal_resolver.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "tools/cli/call_options.h"

namespace thaksa::testing {

// 2026-11-21 10:00 UTC: FY2570 in Thailand.
absl::Time TestNow();

// What a test server hosts and where it listens.
struct TestServerOptions {
  // The services, as their modules make them; empty: every service of thaksa-server.
  std::vector<ServiceFactory> services;
  // Where the peer channel leads (host:port); empty: this server, in process.
  std::string peer_address;
  // The port to listen on (e.g. again after a restart); 0: a free one.
  int port = 0;
  // nullptr: plaintext.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  // The limits of callers (call_limits.h); the defaults are thaksa-server's.
  CallLimits limits;
  // Whether the HTTP door listens too (on a free port of 127.0.0.1), and its limit of bulk bodies.
  bool http = false;
  int64_t max_bulk_body_bytes = int64_t{1} << 30;
};

class TestServer final {
 public:
  // Serves plaintext on loopback.
  explicit TestServer(const DbConfig& db);
  TestServer(const DbConfig& db, std::shared_ptr<grpc::ServerCredentials> credentials);
  TestServer(const DbConfig& db, TestServerOptions options);
  ~TestServer();

  // A plaintext channel to the server.
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // The channel its services call their peers on (to itself unless peer_address was given).
  std::shared_ptr<grpc::Channel> peer_channel() const { return peers_.Get(); }
  int port() const { return port_; }
  // The HTTP door's port (0 unless TestServerOptions::http).
  int http_port() const { return http_door_ == nullptr ? 0 : http_door_->port(); }
  // The deployment's service credential, as every binary derives it.
  const ServiceCredential& service_credential() const { return service_credential_; }
  // Runs the queue-draining background work of its services once, now (e.g. the assessment
  // relay delivers every due outbox row); the first error.
  absl::Status RunTasksOnce();
  std::string address() const;
  FakeClock& clock() { return clock_; }
  ConnectionPool& pool() { return pool_; }
  // Options carrying the bootstrap ADMIN token.
  const cli::CallOptions& admin() const { return admin_; }
  // Options carrying `token`.
  cli::CallOptions As(const std::string& token) const;

 private:
  ConnectionPool pool_;
  FakeClock clock_;
  CitizenIdHasher hasher_;
  ServiceCredential service_credential_;
  access::MySqlPrincipalResolver tokens_;
  CachingPrincipalResolver resolver_;
  AuditLog audit_log_;
  CallLimiter limiter_;
  CallGuard guard_;
  PeerChannel peers_;
  std::vector<std::unique_ptr<HostedService>> services_;
  std::unique_ptr<OpsService> ops_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<http::HttpDoor> http_door_;
  int port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
  cli::CallOptions admin_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_TEST_SERVER_H_
