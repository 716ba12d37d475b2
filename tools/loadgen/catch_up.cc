#include "tools/loadgen/catch_up.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/grpc_status.h"
#include "common/status.h"

namespace thaksa::loadgen {
namespace {

namespace rpb = ::thaksa::readiness::v1;

absl::StatusOr<ServerWork> WorkNow(rpb::ReadinessService::Stub& readiness,
                                   const OpsOfReplicas& ops, const cli::CallOptions& admin) {
  ServerWork work;
  // The relay first: the levels it delivers are changes readiness has still to take in.
  for (ops::v1::OpsService::Stub* replica : ops) {
    ops::v1::ServerStatus status;
    RETURN_IF_ERROR(FromGrpcStatus(replica->GetServerStatus(
        cli::NewContext(admin).get(), ops::v1::GetServerStatusRequest(), &status)));
    for (const ops::v1::BackgroundTask& task : status.tasks()) {
      // Every replica counts the one outbox in the database.
      if (task.name() == "assessment_relay") work.outbox = std::max(work.outbox, task.pending());
      if (task.name() == "readiness_refresher") {
        work.refresher_progress = work.refresher_progress.value_or(0) + task.progress();
      }
    }
  }
  rpb::GetReadinessRequest request;
  request.set_national(true);
  rpb::Readiness figures;
  RETURN_IF_ERROR(
      FromGrpcStatus(readiness.GetReadiness(cli::NewContext(admin).get(), request, &figures)));
  work.pending_changes = figures.pending_changes();
  return work;
}

cli::CallOptions WithTimeout(cli::CallOptions options, absl::Duration timeout) {
  options.timeout = timeout;
  return options;
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
                                       const OpsOfReplicas& ops,
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

void BacklogRate::Add(absl::Time at, const std::optional<ServerWork>& work) {
  if (!work.has_value() || !work->refresher_progress.has_value() ||
      (last_.has_value() && *work->refresher_progress < *last_->second.refresher_progress)) {
    ++failed_samples_;
    last_.reset();
    return;
  }
  largest_backlog_ = std::max(largest_backlog_, work->pending_changes);
  if (last_.has_value() && last_->second.pending_changes >= kBacklog &&
      work->pending_changes >= kBacklog) {
    consumed_ += *work->refresher_progress - *last_->second.refresher_progress;
    busy_ += at - last_->first;
  }
  last_.emplace(at, *work);
}

Figure BacklogRate::figure() const {
  Figure figure;
  figure.name = kBacklogConsumption;
  figure.unit = "changes";
  figure.count = consumed_;
  figure.elapsed = busy_;
  figure.note = absl::StrCat("over the seconds that began and ended with ", kBacklog,
                             " or more changes pending; the largest backlog was ", largest_backlog_,
                             failed_samples_ > 0 ? absl::StrCat("; ", failed_samples_,
                                                                " samples failed")
                                                 : "");
  return figure;
}

BacklogWatch::BacklogWatch(rpb::ReadinessService::Stub& readiness, OpsOfReplicas ops,
                           const cli::CallOptions& admin)
    : readiness_(readiness), ops_(std::move(ops)), admin_(WithTimeout(admin, absl::Seconds(10))),
      thread_([this] {
        do {
          const absl::StatusOr<ServerWork> work = WorkNow(readiness_, ops_, admin_);
          rate_.Add(absl::Now(), work.ok() ? std::optional<ServerWork>(*work) : std::nullopt);
        } while (!stop_.WaitForNotificationWithTimeout(absl::Seconds(1)));
      }) {}

BacklogWatch::~BacklogWatch() { Stop(); }

void BacklogWatch::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

Figure BacklogWatch::Finish() {
  Stop();
  return rate_.figure();
}

}  // namespace thaksa::loadgen
