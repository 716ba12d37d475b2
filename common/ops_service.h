// The gRPC adapter of thaksa.ops.v1.OpsService: what this process says about its database pool
// and the background tasks of the services it hosts.
#ifndef THAKSA_COMMON_OPS_SERVICE_H_
#define THAKSA_COMMON_OPS_SERVICE_H_

#include <memory>
#include <vector>

#include "common/auth/call_guard.h"
#include "common/db/connection_pool.h"
#include "common/server_main.h"
#include "thaksa/ops/v1/ops.grpc.pb.h"

namespace thaksa {

class OpsService final : public ops::v1::OpsService::Service {
 public:
  // All arguments must outlive the service.
  OpsService(const ConnectionPool& pool, const CallGuard& guard,
             const std::vector<std::unique_ptr<HostedService>>& hosted)
      : pool_(pool), guard_(guard), hosted_(hosted) {}

  // The process's metrics in the Prometheus text format, with the pool's and the background
  // tasks' state as of now (for /metrics).
  std::string MetricsText() const;

  grpc::Status GetServerStatus(grpc::ServerContext* context,
                               const ops::v1::GetServerStatusRequest* request,
                               ops::v1::ServerStatus* response) override;

 private:
  const ConnectionPool& pool_;
  const CallGuard& guard_;
  const std::vector<std::unique_ptr<HostedService>>& hosted_;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_OPS_SERVICE_H_
