#include "common/ops_service.h"

#include "common/metrics.h"

namespace thaksa {

std::string OpsService::MetricsText() const {
  Metrics& metrics = ProcessMetrics();
  const PoolStats pool = pool_.Stats();
  metrics.Set("thaksa_db_pool_connections", {{"state", "open"}}, pool.open);
  metrics.Set("thaksa_db_pool_connections", {{"state", "in_use"}}, pool.in_use);
  metrics.Set("thaksa_db_pool_connections", {{"state", "size"}}, pool.size);
  metrics.Set("thaksa_db_pool_waiting", {}, pool.waiting);
  google::protobuf::RepeatedPtrField<ops::v1::BackgroundTask> tasks;
  for (const std::unique_ptr<HostedService>& service : hosted_) service->ReportTasks(tasks);
  for (const ops::v1::BackgroundTask& task : tasks) {
    const MetricLabels labels = {{"task", task.name()}};
    metrics.Set("thaksa_task_progress_total", labels, static_cast<double>(task.progress()));
    metrics.Set("thaksa_task_pending", labels, static_cast<double>(task.pending()));
    metrics.Set("thaksa_task_oldest_pending_age_seconds", labels, task.oldest_pending_age_seconds());
    metrics.Set("thaksa_task_failed", labels, static_cast<double>(task.failed()));
    metrics.Set("thaksa_task_consecutive_failures", labels,
                static_cast<double>(task.consecutive_failures()));
    metrics.Set("thaksa_task_last_success_timestamp_seconds", labels,
                static_cast<double>(task.last_success_unix()));
    metrics.Set("thaksa_task_holds_lease", labels, task.holds_lease() ? 1 : 0);
  }
  return metrics.Render();
}

grpc::Status OpsService::GetServerStatus(grpc::ServerContext* context,
                                         const ops::v1::GetServerStatusRequest*,
                                         ops::v1::ServerStatus* response) {
  return guard_.Run(*context, MethodOf<ops::v1::OpsService>("GetServerStatus"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    const PoolStats pool = pool_.Stats();
    response->mutable_pool()->set_size(pool.size);
    response->mutable_pool()->set_open(pool.open);
    response->mutable_pool()->set_in_use(pool.in_use);
    response->mutable_pool()->set_waiting(pool.waiting);
    for (const std::unique_ptr<HostedService>& service : hosted_) {
      service->ReportTasks(*response->mutable_tasks());
    }
    return absl::OkStatus();
  });
}

}  // namespace thaksa
