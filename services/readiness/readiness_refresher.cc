#include "services/readiness/readiness_refresher.h"

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/readiness/profile_rows.h"

namespace thaksa::readiness {
namespace {

// How long the thread rests when there was nothing to include, and after a failure.
constexpr absl::Duration kIdlePause = absl::Milliseconds(100);
constexpr absl::Duration kFailurePause = absl::Seconds(1);

}  // namespace

ReadinessRefresher::ReadinessRefresher(ReadinessStore& store,
                                       assessment::StandingReads& standings, const Clock& clock,
                                       absl::Duration missing_change_wait)
    : store_(store),
      standings_(standings),
      clock_(clock),
      missing_change_wait_(missing_change_wait) {}

absl::StatusOr<int> ReadinessRefresher::RefreshOnce() {
  const absl::Time now = clock_.Now();
  const absl::CivilDay today = ThaiDate(now);
  if (today != swept_day_) {
    absl::Status swept = store_.SweepPassedDays(
        today, now, [&](absl::CivilDay from, absl::CivilDay to) {
          return standings_.PeopleWithExpiries(from, to);
        });
    if (swept.ok()) {
      swept_day_ = today;
    } else {
      LogEvent("readiness_day_sweep_failed", {{"error", swept.ToString()}});
    }
  }
  const absl::CivilDay month(today.year(), today.month(), 1);
  if (month != kept_month_) {
    if (absl::Status kept = store_.KeepMonth(month, now); kept.ok()) {
      kept_month_ = month;
    } else {
      LogEvent("readiness_month_failed", {{"error", kept.ToString()}});
    }
  }
  absl::StatusOr<int> consumed = Include(today);
  state_.Record(consumed.status(), consumed.value_or(0), clock_.Now());
  if (!consumed.ok()) {
    LogEvent("readiness_refresh_failed", {{"error", consumed.status().ToString()}});
  }
  return consumed;
}

absl::StatusOr<int> ReadinessRefresher::Include(absl::CivilDay today) {
  ASSIGN_OR_RETURN(const ChangeBatch batch,
                   store_.PendingChanges(kChangesPerBatch, given_up_change_));
  if (batch.first_missing != missing_change_) {
    missing_change_ = batch.first_missing;
    missing_since_ = absl::Now();
  } else if (missing_change_ != 0 && absl::Now() - missing_since_ >= missing_change_wait_) {
    LogEvent("readiness_missing_change_passed_over",
             {{"change_id", absl::StrCat(missing_change_)}});
    given_up_change_ = missing_change_;
  }
  if (batch.count == 0) return 0;
  RETURN_IF_ERROR(Recount(std::vector<int64_t>(batch.people.begin(), batch.people.end()), today));
  const std::vector<std::string> everyone = {WholeCountry().path};
  for (const std::string& path : batch.everyone ? everyone : batch.agency_paths) {
    ASSIGN_OR_RETURN(const std::vector<int64_t> under, store_.PeopleUnder(path, today));
    RETURN_IF_ERROR(Recount(under, today));
  }
  RETURN_IF_ERROR(store_.ReplaceRows({}, &batch));
  return batch.count;
}

absl::Status ReadinessRefresher::Recount(const std::vector<int64_t>& people,
                                         absl::CivilDay today) {
  return ForRowsOfPeople(standings_, people, today, [&](const PeopleRows& rows) {
    return store_.ReplaceRows(rows, nullptr);
  });
}

void ReadinessRefresher::Report(ops::v1::BackgroundTask& task) const {
  task = state_.Snapshot();
}

RefresherThread::RefresherThread(ReadinessRefresher& refresher)
    : refresher_(refresher), thread_([this] {
        while (!stopping_.HasBeenNotified()) {
          const absl::StatusOr<int> consumed = refresher_.RefreshOnce();
          if (!consumed.ok()) {
            stopping_.WaitForNotificationWithTimeout(kFailurePause);
          } else if (*consumed == 0) {
            stopping_.WaitForNotificationWithTimeout(kIdlePause);
          }
        }
      }) {}

RefresherThread::~RefresherThread() {
  stopping_.Notify();
  thread_.join();
}

}  // namespace thaksa::readiness
