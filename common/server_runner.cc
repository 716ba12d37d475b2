#include "common/server_runner.h"

#include <signal.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/log.h"
#include "common/metrics.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/server_interceptor.h"

namespace thaksa {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Logs method, status and latency of every call. A unary request that does not decode is
// answered INVALID_ARGUMENT instead of gRPC's INTERNAL with no message.
class RpcLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit RpcLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method()),
        unary_(info->type() == grpc::experimental::ServerRpcInfo::Type::UNARY),
        start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (unary_ && methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      undecodable_ = methods->GetRecvMessage() == nullptr;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      if (undecodable_ && status.error_code() == grpc::StatusCode::INTERNAL) {
        status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "the request does not decode as this method's request message");
        methods->ModifySendStatus(status);
      }
      const absl::Duration latency = absl::Now() - start_;
      LogEvent("rpc", {{"method", method_},
                       {"code", absl::StrCat(status.error_code())},
                       {"latency_us", absl::StrCat(absl::ToInt64Microseconds(latency))},
                       {"message", status.error_message()}});
      const std::string code =
          absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
      ProcessMetrics().Add("thaksa_rpc_calls_total", {{"method", method_}, {"code", code}});
      ProcessMetrics().Observe("thaksa_rpc_duration_seconds", {{"method", method_}},
                               absl::ToDoubleSeconds(latency));
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  bool unary_;
  bool undecodable_ = false;
  absl::Time start_;
};

class RpcLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcLogInterceptor(info);
  }
};

sigset_t ShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Server>> StartServer(
    const std::vector<grpc::Service*>& services, const std::string& address,
    const std::shared_ptr<grpc::ServerCredentials>& credentials, const CallLimits& limits,
    int* selected_port) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(address, credentials, &port);
  builder.SetMaxReceiveMessageSize(limits.max_message_bytes);
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
  factories.push_back(std::make_unique<RpcLogInterceptorFactory>());
  builder.experimental().SetInterceptorCreators(std::move(factories));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address));
  }
  if (selected_port != nullptr) *selected_port = port;
  return server;
}

void BlockShutdownSignals() {
  sigset_t signals = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void ServeUntilSignal(grpc::Server& server, const std::function<void()>& stop_background_work) {
  sigset_t signals = ShutdownSignals();
  int received = 0;
  sigwait(&signals, &received);
  LogEvent("shutdown", {{"signal", absl::StrCat(received)}});
  stop_background_work();
  server.Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server.Wait();
}

}  // namespace thaksa
