#include "services/readiness/readiness_refresher.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/lease.h"
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
                                       assessment::StandingReads& standings, const Clock& clock)
    : store_(store), standings_(standings), clock_(clock), lease_{NewLeaseHolder(), kLease} {}

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

void ReadinessRefresher::GiveUpLease() {
  holding_ = false;
  renewed_ = absl::InfinitePast();
  // The store gives it up only if this refresher holds it, even after a failed renewal.
  if (absl::Status released = store_.ReleaseLease(lease_); !released.ok()) {
    LogEvent("readiness_lease_release_failed", {{"error", released.ToString()}});
  }
}

absl::StatusOr<int> ReadinessRefresher::Include(absl::CivilDay today) {
  const absl::Time asked = clock_.Now();
  const absl::StatusOr<bool> lease = store_.HoldLease(lease_);
  // A lease it could not renew is reported lost: it may lapse before the database answers again.
  holding_ = lease.ok() && *lease;
  RETURN_IF_ERROR(lease.status());
  if (!*lease) {
    renewed_ = absl::InfinitePast();
    return 0;  // another server's refresher includes them
  }
  // Taken rather than renewed when another refresher may have held it since this one last did:
  // a renewal that failed for a moment (a database failover) takes nothing over.
  const bool taken = asked - renewed_ >= kLease;
  renewed_ = asked;
  std::vector<ChangeBatch> changes;
  ASSIGN_OR_RETURN(const int64_t cursor, store_.Cursor());
  if (taken) {
    ASSIGN_OR_RETURN(
        changes.emplace_back(),
        store_.ChangesAfter(std::max<int64_t>(0, cursor - kChangesLookedBackOnTakeover),
                            kChangesLookedBackOnTakeover));
  }
  ChangeBatch found;  // the ids missing earlier, looked for again
  if (!missing_.empty()) {
    std::vector<int64_t> looked_for;
    for (const auto& [id, since] : missing_) looked_for.push_back(id);
    ASSIGN_OR_RETURN(found, store_.ChangesWithIds(looked_for));
    changes.push_back(found);
  }
  ASSIGN_OR_RETURN(const ChangeBatch next, store_.ChangesAfter(cursor, kChangesPerBatch));
  changes.push_back(next);
  RETURN_IF_ERROR(Recount(changes, today));
  if (next.count > 0) RETURN_IF_ERROR(store_.MoveCursor(next.after_id, next.last_id, lease_));

  // Keep the ids still missing until looked for long enough, and note the new ones.
  std::map<int64_t, absl::Time> still_missing;
  for (int64_t id : found.missing) still_missing.emplace(id, missing_[id]);
  missing_ = std::move(still_missing);
  const absl::Time now = clock_.Now();
  for (int64_t id : next.missing) missing_.emplace(id, now);
  for (auto it = missing_.begin(); it != missing_.end();) {
    const bool given_up = now - it->second >= kMissingChangeWait || missing_.size() > kMostMissing;
    if (given_up) {
      LogEvent("readiness_missing_change_given_up", {{"change_id", absl::StrCat(it->first)}});
    }
    it = given_up ? missing_.erase(it) : std::next(it);
  }
  return next.count + found.count;
}

absl::Status ReadinessRefresher::Recount(const std::vector<ChangeBatch>& changes,
                                         absl::CivilDay today) {
  std::vector<int64_t> people;
  std::set<std::string> subtrees;
  for (const ChangeBatch& batch : changes) {
    people.insert(people.end(), batch.people.begin(), batch.people.end());
    if (batch.everyone) subtrees.insert(WholeCountry().path);
    subtrees.insert(batch.agency_paths.begin(), batch.agency_paths.end());
  }
  // A subtree inside another is recounted with it (paths sort before the paths below them).
  std::string last_counted;
  for (const std::string& path : subtrees) {
    if (!last_counted.empty() && absl::StartsWith(path, last_counted)) continue;
    last_counted = path;
    ASSIGN_OR_RETURN(const std::vector<int64_t> under, store_.PeopleUnder(path, today));
    people.insert(people.end(), under.begin(), under.end());
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return ForRowsOfPeople(standings_, people, today, [&](const PeopleRows& rows) {
    return store_.ReplaceRows(rows, lease_);
  });
}

void ReadinessRefresher::Report(ops::v1::BackgroundTask& task) const {
  task = state_.Snapshot();
  task.set_holds_lease(holding_);
  if (const absl::StatusOr<Freshness> freshness = store_.FreshnessAt(clock_.Now()); freshness.ok()) {
    task.set_pending(freshness->pending);
    task.set_oldest_pending_age_seconds(absl::ToDoubleSeconds(freshness->lag));
  }
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
  refresher_.GiveUpLease();
}

}  // namespace thaksa::readiness
