#include "tests/support/test_server.h"

#include "absl/strings/str_cat.h"
#include "common/server_runner.h"
#include "common/status.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/access/access_module.h"
#include "services/access/access_service.h"
#include "services/access/store/mysql_access_store.h"
#include "services/access/token_issuance.h"
#include "services/assessment/assessment_module.h"
#include "services/learning/learning_module.h"
#include "services/personnel/personnel_module.h"
#include "services/readiness/readiness_module.h"

namespace thaksa::testing {

namespace {

// The secret every server of a test shares, as the binaries of a deployment share theirs.
constexpr char kDeploymentKey[] = "e2e-key-0123456789abcdef";

}  // namespace

absl::Time TestNow() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 21, 10, 0, 0), absl::UTCTimeZone());
}

TestServer::TestServer(const DbConfig& db) : TestServer(db, TestServerOptions()) {}

TestServer::TestServer(const DbConfig& db, std::shared_ptr<grpc::ServerCredentials> credentials)
    : TestServer(db, TestServerOptions{{}, "", 0, std::move(credentials), {}}) {}

TestServer::TestServer(const DbConfig& db, TestServerOptions options)
    : pool_(db),
      clock_(TestNow()),
      hasher_(kDeploymentKey),
      service_credential_(kDeploymentKey),
      tokens_(pool_),
      resolver_(tokens_, CachingPrincipalResolver::kDefaultLifetime),
      audit_log_(pool_),
      limiter_(options.limits, clock_),
      guard_(resolver_, audit_log_, clock_, service_credential_, limiter_) {
  if (options.services.empty()) {
    options.services = {access::MakeAccessService, personnel::MakePersonnelService,
                        assessment::MakeAssessmentService, learning::MakeLearningService,
                        readiness::MakeReadinessService};
  }
  if (options.credentials == nullptr) options.credentials = grpc::InsecureServerCredentials();
  const ServiceDeps deps{pool_, clock_, hasher_, guard_, peers_, service_credential_};
  std::vector<grpc::Service*> services;
  for (const ServiceFactory& factory : options.services) {
    services_.push_back(factory(deps));
    services.push_back(&services_.back()->service());
  }
  ops_ = std::make_unique<OpsService>(pool_, guard_, services_);
  services.push_back(ops_.get());
  port_ = options.port;
  auto server = StartServer(services, absl::StrCat("127.0.0.1:", options.port), options.credentials,
                            options.limits, &port_);
  EXPECT_TRUE(server.ok()) << server.status();
  if (server.ok()) server_ = std::move(server).value();
  if (!options.peer_address.empty()) {
    peers_.Set(CreatePeerChannel(options.peer_address));
  } else if (server_ != nullptr) {
    peers_.Set(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
  if (options.http && server_ != nullptr) {
    http::HttpDoorOptions http_options;
    http_options.listen = "127.0.0.1:0";
    http_options.max_message_bytes = options.limits.max_message_bytes;
    http_options.max_bulk_body_bytes = options.max_bulk_body_bytes;
    http_options.max_stream_records = options.limits.max_stream_records;
    std::shared_ptr<grpc::Channel> own = server_->InProcessChannel(grpc::ChannelArguments());
    auto door = http::HttpDoor::Start(
        http_options, [own] { return own; }, [this] { return pool_.Ping(); },
        [this] { return ops_->MetricsText(); });
    EXPECT_TRUE(door.ok()) << door.status();
    if (door.ok()) http_door_ = std::move(door).value();
  }

  access::MySqlAccessStore store(pool_);
  auto token = access::CreateBootstrapAdminToken(store, clock_);
  EXPECT_TRUE(token.ok()) << token.status();
  admin_ = As(token.value_or(""));
}

absl::Status TestServer::RunTasksOnce() {
  for (const std::unique_ptr<HostedService>& service : services_) {
    RETURN_IF_ERROR(service->RunTasksOnce());
  }
  return absl::OkStatus();
}

TestServer::~TestServer() {
  http_door_.reset();
  for (const std::unique_ptr<HostedService>& service : services_) service->StopTasks();
  if (server_ != nullptr) server_->Shutdown();
}

std::string TestServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

cli::CallOptions TestServer::As(const std::string& token) const {
  cli::CallOptions options;
  options.token = token;
  options.timeout = absl::Seconds(60);
  return options;
}

}  // namespace thaksa::testing
