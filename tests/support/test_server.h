// A Thaksa server for end-to-end tests: every service of thaksa-server, on 127.0.0.1 with a
// port of its own, over a given database, with a fake clock and a bootstrap ADMIN token.
#ifndef THAKSA_TESTS_SUPPORT_TEST_SERVER_H_
#define THAKSA_TESTS_SUPPORT_TEST_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "common/audit/audit_log.h"
#include "common/auth/call_guard.h"
#include "common/auth/principal_resolver.h"
#include "common/citizen_id.h"
#include "common/clock.h"
#include "common/db/connection_pool.h"
#include "common/ops_service.h"
#include "common/server_main.h"
#include "grpcpp/channel.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "tools/cli/call_options.h"

namespace thaksa::testing {

// 2026-11-21 10:00 UTC: FY2570 in Thailand.
absl::Time TestNow();

class TestServer final {
 public:
  // Serves plaintext on loopback.
  explicit TestServer(const DbConfig& db);
  TestServer(const DbConfig& db, std::shared_ptr<grpc::ServerCredentials> credentials);
  ~TestServer();

  // A plaintext channel to the server.
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
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
  MySqlPrincipalResolver resolver_;
  AuditLog audit_log_;
  CallGuard guard_;
  PeerChannel peers_;
  std::vector<std::unique_ptr<HostedService>> services_;
  std::unique_ptr<OpsService> ops_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
  cli::CallOptions admin_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_TEST_SERVER_H_
