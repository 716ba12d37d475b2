// An in-memory ReadinessStore for unit tests of readiness's use cases: an agency tree,
// assignments and a change log set up by the test, and the read model (per-person rows,
// figures summed from them when read, closed years, kept months) kept as the MySQL store keeps
// it. The integration and e2e tests hold the MySQL store to the same behaviour.
#ifndef THAKSA_TESTS_SUPPORT_FAKE_READINESS_STORE_H_
#define THAKSA_TESTS_SUPPORT_FAKE_READINESS_STORE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::testing {

class FakeReadinessStore final : public readiness::ReadinessStore {
 public:
  // Adds agency `id` under `parent_id` (0: a ministry) and returns it.
  readiness::AgencyRef AddAgency(int64_t id, const std::string& code, int64_t parent_id = 0);
  // Assigns the person to the agency from `from` until the day before `to`.
  void Assign(int64_t person_id, int64_t agency_id, absl::CivilDay from,
              absl::CivilDay to = absl::CivilDay(9999, 12, 31));
  // Appends a change ("person", "standing", "agency" or "framework") to the change log.
  void AppendChange(const std::string& kind, const std::string& entity_id, absl::Time at);
  // Takes the next change id without appending it yet, as a transaction that has not committed
  // (or that rolls back) holds it; AppendChangeWithId appends it later.
  int64_t ReserveChangeId();
  void AppendChangeWithId(int64_t id, const std::string& kind, const std::string& entity_id,
                          absl::Time at);
  // Sets the person's rows as if the refresher had included them (counted under their agency's
  // path).
  void SetRows(int64_t person_id, std::vector<readiness::ReadinessRow> rows);
  // The refresher's lease lapses now.
  void ExpireLease();
  // Taking the lease before the next batch of changes fails with `error`.
  void FailNextBatch(absl::Status error);

  // What the test inspects.
  int64_t cursor() const;
  std::vector<absl::CivilDay> kept_months() const;
  absl::CivilDay swept_through() const;
  int sweeps() const;

  absl::StatusOr<bool> HoldLease(const readiness::Lease& lease) override;
  absl::Status ReleaseLease(const readiness::Lease& lease) override;
  absl::StatusOr<int64_t> Cursor() override;
  absl::StatusOr<readiness::ChangeBatch> ChangesAfter(int64_t after_id, int limit) override;
  absl::StatusOr<readiness::ChangeBatch> ChangesWithIds(const std::vector<int64_t>& ids) override;
  absl::StatusOr<std::vector<int64_t>> PeopleUnder(const std::string& path,
                                                   absl::CivilDay today) override;
  absl::Status ReplaceRows(const std::map<int64_t, std::vector<readiness::ReadinessRow>>& rows,
                           const readiness::Lease& lease) override;
  absl::Status MoveCursor(int64_t from_id, int64_t to_id, const readiness::Lease& lease) override;
  absl::StatusOr<readiness::AgencyRef> Agency(const std::string& code) override;
  absl::StatusOr<std::map<int64_t, readiness::AgencyRef>> AgenciesById(
      const std::vector<int64_t>& ids) override;
  absl::StatusOr<std::vector<readiness::CellCounts>> Cells(const readiness::AgencyRef& agency,
                                                           bool subtree,
                                                           std::optional<int> closed_year) override;
  absl::StatusOr<std::vector<readiness::AgencyRef>> AgenciesWithoutTarget(
      const readiness::AgencyRef& agency, bool subtree, std::optional<int> closed_year) override;
  absl::StatusOr<readiness::ClosedYear> CloseYear(
      int fiscal_year, int64_t people,
      const std::map<readiness::TreeCellKey, readiness::Counts>& cells,
      int64_t last_assessment_id, const AuditCall& audit) override;
  absl::StatusOr<readiness::ClosedYear> FindClosedYear(int fiscal_year) override;
  absl::StatusOr<readiness::Freshness> FreshnessAt(absl::Time now) override;
  absl::StatusOr<std::vector<int64_t>> PeopleAssignedOn(const readiness::AgencyRef& agency,
                                                        absl::CivilDay day) override;
  absl::StatusOr<std::map<int64_t, std::vector<readiness::ReadinessRow>>> RowsOf(
      const std::vector<int64_t>& people) override;
  absl::Status SweepPassedDays(absl::CivilDay today, absl::Time now,
                               const readiness::PeopleChangedBetween& expired) override;
  absl::Status KeepMonth(absl::CivilDay month, absl::Time now) override;
  absl::StatusOr<std::vector<std::pair<absl::CivilDay, readiness::Counts>>> Trend(
      const readiness::AgencyRef& agency, absl::CivilDay from, absl::CivilDay to,
      absl::CivilDay today, const std::string& skill_set_code, int personnel_group) override;
  absl::StatusOr<std::vector<readiness::GapRow>> Gaps(const readiness::AgencyRef& agency,
                                                      const std::string& skill_set_code,
                                                      int personnel_group, int64_t after_person,
                                                      int max_people) override;

 private:
  struct Assignment {
    int64_t person_id;
    int64_t agency_id;
    absl::CivilDay from;
    absl::CivilDay to;
  };
  struct Change {
    int64_t id;
    std::string kind;
    std::string entity_id;
    absl::Time at;
  };
  struct Closed {
    readiness::ClosedYear year;
    std::map<readiness::TreeCellKey, readiness::Counts> cells;
  };
  using Rows = std::map<int64_t, std::vector<readiness::ReadinessRow>>;

  // Adds what `change` touches to `batch`.
  void AddChange(const Change& change, readiness::ChangeBatch& batch) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  // ABORTED unless `lease` is held.
  absl::Status CheckLease(const readiness::Lease& lease) const ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  // Whether agency `agency_id` counts for `agency`: is it, or with `subtree` is below it.
  bool Under(const readiness::AgencyRef& agency, bool subtree, int64_t agency_id) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  std::vector<int64_t> AssignedOn(const std::string& path, absl::CivilDay day) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  // The tree cells: the current ones summed from the rows, or closed year `closed_year`'s.
  std::map<readiness::TreeCellKey, readiness::Counts> CellsFor(
      std::optional<int> closed_year) const ABSL_SHARED_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  std::map<int64_t, readiness::AgencyRef> agencies_ ABSL_GUARDED_BY(mutex_);
  std::vector<Assignment> assignments_ ABSL_GUARDED_BY(mutex_);
  std::vector<Change> changes_ ABSL_GUARDED_BY(mutex_);  // by id
  int64_t last_change_id_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t cursor_ ABSL_GUARDED_BY(mutex_) = 0;
  std::string lease_holder_ ABSL_GUARDED_BY(mutex_);
  absl::Time lease_until_ ABSL_GUARDED_BY(mutex_) = absl::InfinitePast();
  Rows rows_ ABSL_GUARDED_BY(mutex_);
  std::map<int, Closed> closed_ ABSL_GUARDED_BY(mutex_);
  std::map<absl::CivilDay, std::vector<readiness::ReadinessRow>> months_ ABSL_GUARDED_BY(mutex_);
  // As the migration leaves it: the first sweep recounts everyone assigned since.
  absl::CivilDay swept_through_ ABSL_GUARDED_BY(mutex_) = absl::CivilDay(1970, 1, 1);
  int sweeps_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Status fail_next_batch_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_FAKE_READINESS_STORE_H_
