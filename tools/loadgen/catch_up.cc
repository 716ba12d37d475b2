#include "tools/loadgen/catch_up.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/status.h"

namespace thaksa::loadgen {
namespace {

namespace rpb = ::thaksa::readiness::v1;

absl::StatusOr<ServerWork> WorkNow(rpb::ReadinessService::Stub& readiness,
                                   ops::v1::OpsService::Stub& ops, const cli::CallOptions& admin) {
  ServerWork work;
  // The relay first: the levels it delivers are changes readiness has still to take in.
  ops::v1::ServerStatus status;
  RETURN_IF_ERROR(FromGrpcStatus(ops.GetServerStatus(
      cli::NewContext(admin).get(), ops::v1::GetServerStatusRequest(), &status)));
  for (const ops::v1::BackgroundTask& task : status.tasks()) {
    if (task.name() == "assessment_relay") work.outbox += task.pending();
    if (task.name() == "readiness_refresher") work.refresher_progress = task.progress();
  }
  rpb::GetReadinessRequest request;
  request.set_national(true);
  rpb::Readiness figures;
  RETURN_IF_ERROR(
      FromGrpcStatus(readiness.GetReadiness(cli::NewContext(admin).get(), request, &figures)));
  work.pending_changes = figures.pending_changes();
  return work;
}

bool Idle(const ServerWork& work) { return work.pending_changes == 0 && work.outbox == 0; }

std::string Pending(const ServerWork& work) {
  return absl::StrCat(work.pending_changes, " changes and ", work.outbox, " assessed levels");
}

}  // namespace

CatchUp CatchUpOf(const ServerWork& before, const ServerWork& after, absl::Duration waited) {
  CatchUp catch_up;
  catch_up.finished = Idle(after);
  Figure& figure = catch_up.figure;
  figure.name = kCatchUp;
  figure.unit = "changes";
  figure.elapsed = waited;
  if (Idle(before)) {
    figure.note = "nothing was pending after the load";
    return catch_up;
  }
  const bool counted = before.refresher_progress.has_value() && after.refresher_progress.has_value();
  figure.count = counted ? *after.refresher_progress - *before.refresher_progress
                         : std::max<int64_t>(0, before.pending_changes - after.pending_changes);
  figure.note = absl::StrCat(
      catch_up.finished ? "finished"
                        : absl::StrCat("NOT finished: gave up after ", absl::FormatDuration(waited)),
      "; pending: ", Pending(before), " at the start, ", Pending(after), " at the end",
      counted ? "" : "; consumed = fall in pending changes (the server reports no refresher)");
  return catch_up;
}

absl::StatusOr<CatchUp> WaitForCatchUp(rpb::ReadinessService::Stub& readiness,
                                       ops::v1::OpsService::Stub& ops,
                                       const cli::CallOptions& admin, absl::Duration timeout) {
  const absl::Time start = absl::Now();
  ASSIGN_OR_RETURN(const ServerWork before, WorkNow(readiness, ops, admin));
  ServerWork now = before;
  absl::Time reported = start;
  while (!Idle(now) && absl::Now() - start < timeout) {
    absl::SleepFor(absl::Milliseconds(200));
    ASSIGN_OR_RETURN(now, WorkNow(readiness, ops, admin));
    if (absl::Now() - reported > absl::Seconds(10)) {
      std::cerr << "  readiness: " << Pending(now) << " pending\n";
      reported = absl::Now();
    }
  }
  return CatchUpOf(before, now, absl::Now() - start);
}

}  // namespace thaksa::loadgen
