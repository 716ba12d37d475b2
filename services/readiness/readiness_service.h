// The gRPC adapter of thaksa.readiness.v1.ReadinessService: each handler runs the call guard,
// converts the request (readiness_convert.h), calls its use case and converts the answer back.
#ifndef THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_
#define THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_

#include "common/auth/call_guard.h"
#include "common/clock.h"
#include "services/assessment/store/standing_reads.h"
#include "services/learning/store/plan_mix_reads.h"
#include "services/readiness/store/readiness_store.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"

namespace thaksa::readiness {

class ReadinessService final : public v1::ReadinessService::Service {
 public:
  // All arguments must outlive the service.
  ReadinessService(ReadinessStore& store, assessment::StandingReads& standings,
                   learning::PlanMixReads& plans, const Clock& clock, const CallGuard& guard)
      : store_(store), standings_(standings), plans_(plans), clock_(clock), guard_(guard) {}

  grpc::Status GetReadiness(grpc::ServerContext* context, const v1::GetReadinessRequest* request,
                            v1::Readiness* response) override;
  grpc::Status ListGaps(grpc::ServerContext* context, const v1::ListGapsRequest* request,
                        v1::ListGapsResponse* response) override;
  grpc::Status CloseFiscalYear(grpc::ServerContext* context,
                               const v1::CloseFiscalYearRequest* request,
                               v1::ClosedYear* response) override;
  grpc::Status GetTrend(grpc::ServerContext* context, const v1::GetTrendRequest* request,
                        v1::Trend* response) override;
  grpc::Status GetLearningMix(grpc::ServerContext* context,
                              const v1::GetLearningMixRequest* request,
                              v1::LearningMix* response) override;
  grpc::Status ExportReadiness(grpc::ServerContext* context,
                               const v1::ExportReadinessRequest* request,
                               grpc::ServerWriter<v1::CsvChunk>* writer) override;

 private:
  // The figures a GetReadiness request asks for, for the caller. Another day's are a costly
  // call (admitted here unless `costly` already holds a place for this call).
  absl::StatusOr<ReadinessFigures> Figures(const Call& call, const v1::GetReadinessRequest& request,
                                           const CallLimiter::Slot& costly = nullptr);

  ReadinessStore& store_;
  assessment::StandingReads& standings_;
  learning::PlanMixReads& plans_;
  const Clock& clock_;
  const CallGuard& guard_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_
