#include "services/readiness/readiness_service.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/thai_calendar.h"
#include "services/readiness/learning_mix.h"
#include "services/readiness/readiness_convert.h"
#include "services/readiness/readiness_export.h"
#include "services/readiness/readiness_figures.h"
#include "services/readiness/readiness_gaps.h"
#include "services/readiness/readiness_trend.h"
#include "services/readiness/year_closing.h"

namespace thaksa::readiness {
namespace {

const auto Method = &MethodOf<v1::ReadinessService>;

// Bytes per streamed CSV chunk.
constexpr size_t kCsvChunk = 64 * 1024;

}  // namespace

absl::StatusOr<ReadinessFigures> ReadinessService::Figures(const Call& call,
                                                           const v1::GetReadinessRequest& request,
                                                           const CallLimiter::Slot& costly) {
  FieldErrors errors;
  const FiguresQuery query = QueryOf(request, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  const absl::Time now = clock_.Now();
  // Another day's figures are worked out from everyone's records: a costly call.
  CallLimiter::Slot slot;
  if (query.as_of.has_value() && *query.as_of != ThaiDate(now) && costly == nullptr) {
    ASSIGN_OR_RETURN(slot, guard_.AdmitCostly(call));
  }
  return ComputeFigures(store_, standings_, call.principal, query, now,
                        [&call] { return call.StillWanted(); });
}

grpc::Status ReadinessService::GetReadiness(grpc::ServerContext* context,
                                            const v1::GetReadinessRequest* request,
                                            v1::Readiness* response) {
  return guard_.Run(*context, Method("GetReadiness"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(const ReadinessFigures figures, Figures(call, *request));
    *response = ToProto(figures);
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::ExportReadiness(grpc::ServerContext* context,
                                               const v1::ExportReadinessRequest* request,
                                               grpc::ServerWriter<v1::CsvChunk>* writer) {
  return guard_.Run(*context, Method("ExportReadiness"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    // Costly while the figures are worked out; not while a slow reader takes the file.
    ASSIGN_OR_RETURN(CallLimiter::Slot costly, guard_.AdmitCostly(call));
    ASSIGN_OR_RETURN(const ReadinessFigures figures, Figures(call, request->readiness(), costly));
    const std::string csv = ReadinessCsv(figures, request->language() != "en");
    costly.reset();
    for (std::string& data : Chunks(csv, kCsvChunk)) {
      v1::CsvChunk chunk;
      chunk.set_data(std::move(data));
      if (!writer->Write(chunk)) return absl::CancelledError("the client went away");
    }
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::ListGaps(grpc::ServerContext* context,
                                        const v1::ListGapsRequest* request,
                                        v1::ListGapsResponse* response) {
  return guard_.Run(*context, Method("ListGaps"), [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    const GapsQuery query = QueryOf(*request, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const GapsPage page, FindGaps(store_, standings_, call.principal, query));
    for (const GapRow& gap : page.gaps) ToProto(gap, response->add_gaps());
    response->set_next_page_token(page.next_page_token);
    return guard_.RecordPersonalReads(call, page.people);
  });
}

grpc::Status ReadinessService::CloseFiscalYear(grpc::ServerContext* context,
                                               const v1::CloseFiscalYearRequest* request,
                                               v1::ClosedYear* response) {
  return guard_.Run(*context, Method("CloseFiscalYear"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    const int year = request->fiscal_year().be_year();
    target = {"fiscal_year", absl::StrCat(year)};
    ASSIGN_OR_RETURN(const ClosedYear closed,
                     CloseYear(store_, standings_, year, ThaiDate(clock_.Now()), call.audit,
                               [&call] { return call.StillWanted(); }));
    *response = ToProto(closed);
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::GetTrend(grpc::ServerContext* context,
                                        const v1::GetTrendRequest* request, v1::Trend* response) {
  return guard_.Run(*context, Method("GetTrend"), [&](const Call& call, AuditTarget&) -> absl::Status {
    const absl::CivilDay today = ThaiDate(clock_.Now());
    FieldErrors errors;
    const TrendQuery query = QueryOf(*request, today, errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(const TrendFigures trend, TrendOf(store_, call.principal, query, today));
    *response = ToProto(trend);
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::GetLearningMix(grpc::ServerContext* context,
                                              const v1::GetLearningMixRequest* request,
                                              v1::LearningMix* response) {
  return guard_.Run(*context, Method("GetLearningMix"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    const std::optional<int> year = request->has_fiscal_year()
                                        ? std::optional<int>(request->fiscal_year().be_year())
                                        : std::nullopt;
    ASSIGN_OR_RETURN(const LearningMixFigures mix,
                     LearningMixOf(store_, plans_, standings_, call.principal,
                                   request->agency_code(), year, ThaiDate(clock_.Now())));
    *response = ToProto(mix);
    return absl::OkStatus();
  });
}

}  // namespace thaksa::readiness
