// ReadinessStore on MySQL/MariaDB (schema: deploy/sql/005_readiness.sql and later): the
// readiness_* tables it owns and the change log it consumes. Its subtree and as-of queries
// still join personnel's `agency` table (see the file's comments).
#ifndef THAKSA_SERVICES_READINESS_STORE_MYSQL_READINESS_STORE_H_
#define THAKSA_SERVICES_READINESS_STORE_MYSQL_READINESS_STORE_H_

#include "common/db/connection_pool.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

class MySqlReadinessStore final : public ReadinessStore {
 public:
  explicit MySqlReadinessStore(ConnectionPool& pool) : pool_(pool) {}

  absl::StatusOr<bool> HoldLease(const Lease& lease) override;
  absl::Status ReleaseLease(const Lease& lease) override;
  absl::StatusOr<int64_t> Cursor() override;
  absl::StatusOr<ChangeBatch> ChangesAfter(int64_t after_id, int limit) override;
  absl::StatusOr<ChangeBatch> ChangesWithIds(const std::vector<int64_t>& ids) override;
  absl::StatusOr<std::vector<int64_t>> PeopleUnder(const std::string& path,
                                                   absl::CivilDay today) override;
  absl::Status ReplaceRows(const std::map<int64_t, std::vector<ReadinessRow>>& rows,
                           const Lease& lease) override;
  absl::Status MoveCursor(int64_t from_id, int64_t to_id, const Lease& lease) override;
  absl::StatusOr<AgencyRef> Agency(const std::string& code) override;
  absl::StatusOr<std::map<int64_t, AgencyRef>> AgenciesById(const std::vector<int64_t>& ids) override;
  absl::StatusOr<std::vector<CellCounts>> Cells(const AgencyRef& agency, bool subtree,
                                                std::optional<int> closed_year) override;
  absl::StatusOr<std::vector<AgencyRef>> AgenciesWithoutTarget(
      const AgencyRef& agency, bool subtree, std::optional<int> closed_year) override;
  absl::StatusOr<ClosedYear> CloseYear(int fiscal_year, int64_t people,
                                       const std::map<TreeCellKey, Counts>& cells,
                                       int64_t last_assessment_id,
                                       const AuditCall& audit) override;
  absl::StatusOr<ClosedYear> FindClosedYear(int fiscal_year) override;
  absl::StatusOr<Freshness> FreshnessAt(absl::Time now) override;
  absl::StatusOr<std::vector<int64_t>> PeopleAssignedOn(const AgencyRef& agency,
                                                        absl::CivilDay day) override;
  absl::StatusOr<std::map<int64_t, std::vector<ReadinessRow>>> RowsOf(
      const std::vector<int64_t>& people) override;
  absl::Status SweepPassedDays(absl::CivilDay today, absl::Time now,
                               const PeopleChangedBetween& expired) override;
  absl::Status KeepMonth(absl::CivilDay month, absl::Time now) override;
  absl::StatusOr<std::vector<std::pair<absl::CivilDay, Counts>>> Trend(
      const AgencyRef& agency, absl::CivilDay from, absl::CivilDay to, absl::CivilDay today,
      const std::string& skill_set_code, int personnel_group) override;
  absl::StatusOr<std::vector<GapRow>> Gaps(const AgencyRef& agency,
                                           const std::string& skill_set_code, int personnel_group,
                                           int64_t after_person, int max_people) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_STORE_MYSQL_READINESS_STORE_H_
