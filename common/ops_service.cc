#include "common/ops_service.h"

namespace thaksa {

grpc::Status OpsService::GetServerStatus(grpc::ServerContext* context,
                                         const ops::v1::GetServerStatusRequest*,
                                         ops::v1::ServerStatus* response) {
  return guard_.Run(*context, MethodOf<ops::v1::OpsService>("GetServerStatus"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    const PoolStats pool = pool_.Stats();
    response->mutable_pool()->set_size(pool.size);
    response->mutable_pool()->set_open(pool.open);
    response->mutable_pool()->set_in_use(pool.in_use);
    for (const std::unique_ptr<HostedService>& service : hosted_) {
      service->ReportTasks(*response->mutable_tasks());
    }
    return absl::OkStatus();
  });
}

}  // namespace thaksa
