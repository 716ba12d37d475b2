#include "tests/support/test_server.h"

#include "absl/strings/str_cat.h"
#include "common/server_runner.h"
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

absl::Time TestNow() {
  return absl::FromCivil(absl::CivilSecond(2026, 11, 21, 10, 0, 0), absl::UTCTimeZone());
}

TestServer::TestServer(const DbConfig& db) : TestServer(db, grpc::InsecureServerCredentials()) {}

TestServer::TestServer(const DbConfig& db, std::shared_ptr<grpc::ServerCredentials> credentials)
    : pool_(db),
      clock_(TestNow()),
      hasher_("e2e-key-0123456789abcdef"),
      resolver_(pool_),
      audit_log_(pool_),
      guard_(resolver_, audit_log_, clock_) {
  const ServiceDeps deps{pool_, clock_, hasher_, guard_, peers_};
  std::vector<grpc::Service*> services;
  for (const ServiceFactory& factory :
       {ServiceFactory(access::MakeAccessService), ServiceFactory(personnel::MakePersonnelService),
        ServiceFactory(assessment::MakeAssessmentService),
        ServiceFactory(learning::MakeLearningService),
        ServiceFactory(readiness::MakeReadinessService)}) {
    services_.push_back(factory(deps));
    services.push_back(&services_.back()->service());
  }
  ops_ = std::make_unique<OpsService>(pool_, guard_, services_);
  services.push_back(ops_.get());
  auto server = StartServer(services, "127.0.0.1:0", credentials, &port_);
  EXPECT_TRUE(server.ok()) << server.status();
  if (server.ok()) server_ = std::move(server).value();
  if (server_ != nullptr) peers_.Set(server_->InProcessChannel(grpc::ChannelArguments()));
  channel_ = grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());

  access::MySqlAccessStore store(pool_);
  auto token = access::CreateBootstrapAdminToken(store, clock_);
  EXPECT_TRUE(token.ok()) << token.status();
  admin_ = As(token.value_or(""));
}

TestServer::~TestServer() {
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
