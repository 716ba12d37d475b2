// The readiness read model: per-person rows, per-agency aggregates, and the cursor over the
// change log that keeps them current. The interface only: MySqlReadinessStore
// (mysql_readiness_store.h) implements it, and tests use the in-memory fake in tests/support.
#ifndef THAKSA_SERVICES_READINESS_STORE_READINESS_STORE_H_
#define THAKSA_SERVICES_READINESS_STORE_READINESS_STORE_H_

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/audit/audit_log.h"
#include "services/readiness/domain/cell_deltas.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/domain/readiness_counts.h"

namespace thaksa::readiness {

// The people whose standing changed with the days in [from, to) passing (their assessments
// expired then).
using PeopleChangedBetween =
    std::function<absl::StatusOr<std::vector<int64_t>>(absl::CivilDay from, absl::CivilDay to)>;

// Changes of the change log, and whom they touch.
struct ChangeBatch {
  int64_t after_id = 0;  // read after this id
  int64_t last_id = 0;   // the last change read (after_id if none)
  int count = 0;
  std::set<int64_t> people;  // named by their person and standing changes
  // Agencies changed (their choices or periods): everyone counted or assigned under them.
  std::vector<std::string> agency_paths;
  bool everyone = false;  // a framework changed
  // Ids in (after_id, last_id] not there when read: their transactions may still be committing
  // (ids come from an auto-increment counter, so a change can commit after one with a greater
  // id), or rolled back.
  std::vector<int64_t> missing;
};

// Who refreshes the read model: one holder at a time, until its lease lapses.
struct Lease {
  std::string holder;
  absl::Duration duration;
};

struct Freshness {
  absl::Time data_as_of;  // occurrence time of the last change included
  int64_t pending = 0;    // changes not yet included
  absl::Duration lag;     // age of the oldest pending change
};

struct GapRow {
  int64_t person_id = 0;
  std::string agency_code;
  int personnel_group = 0;
  std::string skill_set_code;
  std::string framework_code;
  PersonStanding standing;
  std::optional<absl::CivilDay> last_assessed;
  // Whether the target is provisional (not kept with the rows: set from the framework when
  // the gaps are read).
  bool provisional = false;
  // The group is one the person serves in besides their own (ReadinessRow::further_group).
  bool further_group = false;
};

struct ClosedYear {
  int fiscal_year = 0;
  absl::Time closed_at;
  int64_t people = 0;
  int64_t last_assessment_id = 0;  // the newest assessment when it was closed
};

class ReadinessStore {
 public:
  virtual ~ReadinessStore() = default;

  // Takes the lease (when free or lapsed) or renews it (when held by `lease.holder`) for
  // `lease.duration` of database time; false while another holder's has not lapsed.
  virtual absl::StatusOr<bool> HoldLease(const Lease& lease) = 0;
  // Gives the lease up if `lease.holder` has it, so that another refresher takes it at its next
  // tick.
  virtual absl::Status ReleaseLease(const Lease& lease) = 0;
  // The id of the last change included.
  virtual absl::StatusOr<int64_t> Cursor() = 0;
  // The changes with ids above `after_id`, at most `limit` of them.
  virtual absl::StatusOr<ChangeBatch> ChangesAfter(int64_t after_id, int limit) = 0;
  // The changes with the given ids that are there now (count: how many; missing: the others).
  virtual absl::StatusOr<ChangeBatch> ChangesWithIds(const std::vector<int64_t>& ids) = 0;
  // Everyone counted under the agency at `path` now, or assigned under it on `today`, by id.
  virtual absl::StatusOr<std::vector<int64_t>> PeopleUnder(const std::string& path,
                                                           absl::CivilDay today) = 0;
  // In one transaction, if `lease` is held: gives each person in `rows` those rows (people
  // whose rows are the same are left alone) and moves the aggregates with them, and renews the
  // lease. ABORTED if the lease is held by another.
  virtual absl::Status ReplaceRows(const std::map<int64_t, std::vector<ReadinessRow>>& rows,
                                   const Lease& lease) = 0;
  // Moves the cursor from `from_id` to `to_id` if `lease` is held; ABORTED if it is not, or the
  // cursor is not at `from_id`.
  virtual absl::Status MoveCursor(int64_t from_id, int64_t to_id, const Lease& lease) = 0;

  // NOT_FOUND for an unknown code.
  virtual absl::StatusOr<AgencyRef> Agency(const std::string& code) = 0;
  virtual absl::StatusOr<std::map<int64_t, AgencyRef>> AgenciesById(
      const std::vector<int64_t>& ids) = 0;
  // The aggregates of `agency` (and with `subtree` every agency below it, by direct child):
  // current ones, or the frozen ones of closed year `closed_year`.
  virtual absl::StatusOr<std::vector<CellCounts>> Cells(const AgencyRef& agency, bool subtree,
                                                        std::optional<int> closed_year) = 0;
  // The agencies among those Cells reads whose people (some of them) have no target because
  // no period is declared for them, by code.
  virtual absl::StatusOr<std::vector<AgencyRef>> AgenciesWithoutTarget(
      const AgencyRef& agency, bool subtree, std::optional<int> closed_year) = 0;
  // Freezes fiscal year `fiscal_year` with the figures of its last day: `cells`, the rows of the
  // `people` assigned somewhere then summed per agency and child (CellDeltas); `last_assessment_id` (the newest
  // assessment when they were taken) is kept to count later adjustments. ALREADY_EXISTS if it
  // was closed.
  virtual absl::StatusOr<ClosedYear> CloseYear(int fiscal_year, int64_t people,
                                               const std::map<TreeCellKey, Counts>& cells,
                                               int64_t last_assessment_id,
                                               const AuditCall& audit) = 0;
  // The closed year, or NOT_FOUND if it is not closed.
  virtual absl::StatusOr<ClosedYear> FindClosedYear(int fiscal_year) = 0;
  virtual absl::StatusOr<Freshness> FreshnessAt(absl::Time now) = 0;
  // People assigned on `day` to agencies under `agency`.
  virtual absl::StatusOr<std::vector<int64_t>> PeopleAssignedOn(const AgencyRef& agency,
                                                                absl::CivilDay day) = 0;
  // The rows the read model keeps now of each of `people` (none for people it does not count), by
  // group and skill set: their own group's and their further groups'.
  virtual absl::StatusOr<std::map<int64_t, std::vector<ReadinessRow>>> RowsOf(
      const std::vector<int64_t>& people) = 0;
  // Marks as changed everyone whose figures changed with the days passed since the last sweep,
  // so the refresher recounts them: those `expired(last sweep, today)` names (assessments
  // expired) and those whose assignments started or ended (a move or a leaving day that was in
  // the future when recorded); remembers `today`.
  virtual absl::Status SweepPassedDays(absl::CivilDay today, absl::Time now,
                                       const PeopleChangedBetween& expired) = 0;
  // Keeps the current figures as those of `month` (its first day), once per month.
  virtual absl::Status KeepMonth(absl::CivilDay month, absl::Time now) = 0;
  // Per kept month in [from, to] (and, last, the current figures dated `today`): headcount and
  // meets_present summed over the subtree, optionally for one skill set and group.
  virtual absl::StatusOr<std::vector<std::pair<absl::CivilDay, Counts>>> Trend(
      const AgencyRef& agency, absl::CivilDay from, absl::CivilDay to, absl::CivilDay today,
      const std::string& skill_set_code, int personnel_group) = 0;
  // Rows below target (or not assessed, or expired) of people in the subtree with ids above
  // `after_person`, for at most `max_people` people, by person id, then their own group's before
  // their further groups', by group and skill set.
  virtual absl::StatusOr<std::vector<GapRow>> Gaps(const AgencyRef& agency,
                                                   const std::string& skill_set_code,
                                                   int personnel_group, int64_t after_person,
                                                   int max_people) = 0;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_STORE_READINESS_STORE_H_
