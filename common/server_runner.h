// gRPC server scaffolding shared by every Thaksa binary: the standard health service, server
// reflection, one log line per RPC, graceful shutdown on SIGINT/SIGTERM.
#ifndef THAKSA_COMMON_SERVER_RUNNER_H_
#define THAKSA_COMMON_SERVER_RUNNER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/call_limits.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/support/status.h"

namespace thaksa {

// Starts a server for `services` listening on `address` ("host:port"; port 0 picks a free
// one, reported in `*selected_port` when not null) with `credentials` (see common/tls.h),
// refusing request messages larger than `limits.max_message_bytes`.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartServer(
    const std::vector<grpc::Service*>& services, const std::string& address,
    const std::shared_ptr<grpc::ServerCredentials>& credentials, const CallLimits& limits,
    int* selected_port = nullptr);

// Blocks until SIGINT or SIGTERM arrives, then calls `stop_background_work` and shuts `server`
// down, letting calls in flight finish for up to five seconds. Call before starting any thread
// that should not see signals.
void ServeUntilSignal(grpc::Server& server, const std::function<void()>& stop_background_work);

// Blocks SIGINT and SIGTERM in the calling thread and threads it starts later, so that
// ServeUntilSignal can receive them. Call first thing in main.
void BlockShutdownSignals();

}  // namespace thaksa

#endif  // THAKSA_COMMON_SERVER_RUNNER_H_
