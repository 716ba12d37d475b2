// The gRPC adapter of thaksa.readiness.v1.ReadinessService, and the refresher that keeps the
// readiness read model current from the change log.
#ifndef THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_
#define THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/auth/call_guard.h"
#include "absl/synchronization/mutex.h"
#include "common/clock.h"
#include "services/assessment/store/assessment_store.h"
#include "services/readiness/store/readiness_store.h"
#include "thaksa/ops/v1/ops.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"

namespace thaksa::readiness {

// The figures of an agency: its aggregates, and the agencies among them whose people have no
// target because no period is declared for them.
struct Figures {
  std::vector<CellCounts> cells;
  std::vector<AgencyRef> without_period;
};

class ReadinessService final : public v1::ReadinessService::Service {
 public:
  ReadinessService(ReadinessStore& store, assessment::AssessmentStore& assessments,
                   const Clock& clock, const CallGuard& guard)
      : store_(store), assessments_(assessments), clock_(clock), guard_(guard) {}

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
  // Figures of `day` worked out from each person's records then (the read model keeps today's).
  absl::StatusOr<Figures> FiguresOn(const AgencyRef& agency, bool subtree, absl::CivilDay day);
  // The figures the read model keeps: current ones, or closed year `closed_year`'s.
  absl::StatusOr<Figures> StoredFigures(const AgencyRef& agency, bool subtree,
                                        std::optional<int> closed_year);
  // The figures of a GetReadiness request, for the caller.
  absl::StatusOr<v1::Readiness> Compute(const Principal& principal,
                                        const v1::GetReadinessRequest& request);
  // Whether the targets of framework `code` are provisional, asked once per call: `known`
  // remembers the answers.
  absl::StatusOr<bool> Provisional(const std::string& code, std::map<std::string, bool>& known);
  // The agency asked about (empty: the caller's own), if the caller may see it; unknown agencies
  // look the same as foreign ones.
  absl::StatusOr<AgencyRef> VisibleAgency(const Principal& principal,
                                          const std::string& requested_code);

  ReadinessStore& store_;
  assessment::AssessmentStore& assessments_;
  const Clock& clock_;
  const CallGuard& guard_;
};

// The rows a person gives the read model today, from their skill profile.
absl::StatusOr<std::vector<ReadinessRow>> RowsFromProfile(assessment::AssessmentStore& assessments,
                                                          int64_t person_id, absl::CivilDay today);

// Includes new changes of the change log in the read model, in a background thread, a batch at
// a time; stops when destroyed.
class ReadinessRefresher final {
 public:
  ReadinessRefresher(ReadinessStore& store, assessment::AssessmentStore& assessments,
                     const Clock& clock);
  ~ReadinessRefresher();

  // How far the refresher got and whether its last pass failed.
  void Report(ops::v1::BackgroundTask& task) const;

 private:
  void Loop();
  // Records the outcome of one pass that included `consumed` changes (or failed with `error`).
  void Record(const absl::Status& error, int consumed);

  ReadinessStore& store_;
  assessment::AssessmentStore& assessments_;
  const Clock& clock_;
  std::atomic<bool> stopping_{false};
  mutable absl::Mutex mutex_;
  ops::v1::BackgroundTask state_ ABSL_GUARDED_BY(mutex_);
  // Refresher thread only: the month whose figures were kept last, the day last swept.
  absl::CivilDay kept_month_;
  absl::CivilDay swept_day_;
  std::thread thread_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_SERVICE_H_
