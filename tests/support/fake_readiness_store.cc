#include "tests/support/fake_readiness_store.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"

namespace thaksa::testing {

using readiness::AgencyRef;
using readiness::CellCounts;
using readiness::Counts;
using readiness::ReadinessRow;

AgencyRef FakeReadinessStore::AddAgency(int64_t id, const std::string& code, int64_t parent_id) {
  absl::MutexLock lock(&mutex_);
  const std::string parent_path = parent_id == 0 ? "/" : agencies_.at(parent_id).path;
  AgencyRef agency{id, code, code + " (th)", code + " (en)", absl::StrCat(parent_path, id, "/")};
  agencies_[id] = agency;
  return agency;
}

void FakeReadinessStore::Assign(int64_t person_id, int64_t agency_id, absl::CivilDay from,
                                absl::CivilDay to) {
  absl::MutexLock lock(&mutex_);
  assignments_.push_back({person_id, agency_id, from, to});
}

void FakeReadinessStore::AppendChange(const std::string& kind, const std::string& entity_id,
                                      absl::Time at) {
  AppendChangeWithId(ReserveChangeId(), kind, entity_id, at);
}

int64_t FakeReadinessStore::ReserveChangeId() {
  absl::MutexLock lock(&mutex_);
  return ++last_change_id_;
}

void FakeReadinessStore::AppendChangeWithId(int64_t id, const std::string& kind,
                                            const std::string& entity_id, absl::Time at) {
  absl::MutexLock lock(&mutex_);
  changes_.push_back({id, kind, entity_id, at});
  std::sort(changes_.begin(), changes_.end(),
            [](const Change& a, const Change& b) { return a.id < b.id; });
}

void FakeReadinessStore::SetRows(int64_t person_id, std::vector<ReadinessRow> rows) {
  absl::MutexLock lock(&mutex_);
  for (ReadinessRow& row : rows) row.agency_path = agencies_.at(row.agency_id).path;
  rows_[person_id] = std::move(rows);
}

void FakeReadinessStore::ExpireLease() {
  absl::MutexLock lock(&mutex_);
  lease_until_ = absl::InfinitePast();
}

void FakeReadinessStore::FailNextBatch(absl::Status error) {
  absl::MutexLock lock(&mutex_);
  fail_next_batch_ = std::move(error);
}

int64_t FakeReadinessStore::cursor() const {
  absl::MutexLock lock(&mutex_);
  return cursor_;
}

std::vector<absl::CivilDay> FakeReadinessStore::kept_months() const {
  absl::MutexLock lock(&mutex_);
  std::vector<absl::CivilDay> months;
  for (const auto& [month, unused] : months_) months.push_back(month);
  return months;
}

absl::CivilDay FakeReadinessStore::swept_through() const {
  absl::MutexLock lock(&mutex_);
  return swept_through_;
}

int FakeReadinessStore::sweeps() const {
  absl::MutexLock lock(&mutex_);
  return sweeps_;
}

bool FakeReadinessStore::Under(const AgencyRef& agency, bool subtree, int64_t agency_id) const {
  auto found = agencies_.find(agency_id);
  if (found == agencies_.end()) return false;
  return subtree ? absl::StartsWith(found->second.path, agency.path) : agency_id == agency.id;
}

std::vector<int64_t> FakeReadinessStore::AssignedOn(const std::string& path,
                                                    absl::CivilDay day) const {
  std::set<int64_t> people;
  for (const Assignment& a : assignments_) {
    if (a.from <= day && day < a.to && absl::StartsWith(agencies_.at(a.agency_id).path, path)) {
      people.insert(a.person_id);
    }
  }
  return {people.begin(), people.end()};
}

std::map<readiness::TreeCellKey, Counts> FakeReadinessStore::CellsFor(
    std::optional<int> closed_year) const {
  if (closed_year.has_value()) return closed_.at(*closed_year).cells;
  readiness::CellDeltas cells;
  for (const auto& [person, rows] : rows_) {
    for (const ReadinessRow& row : rows) cells.Add(row, +1);
  }
  return cells.Cells();
}

void FakeReadinessStore::AddChange(const Change& change, readiness::ChangeBatch& batch) const {
  ++batch.count;
  batch.last_id = std::max(batch.last_id, change.id);
  int64_t person = 0;
  if ((change.kind == "person" || change.kind == "standing") &&
      absl::SimpleAtoi(change.entity_id, &person)) {
    batch.people.insert(person);
  } else if (change.kind == "framework") {
    batch.everyone = true;
  } else if (change.kind == "agency") {
    for (const auto& [id, agency] : agencies_) {
      if (agency.code == change.entity_id) batch.agency_paths.push_back(agency.path);
    }
  }
}

absl::Status FakeReadinessStore::CheckLease(const readiness::Lease& lease) const {
  if (lease_holder_ != lease.holder || lease_until_ < absl::Now()) {
    return absl::AbortedError("another refresher holds the readiness lease");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> FakeReadinessStore::HoldLease(const readiness::Lease& lease) {
  absl::MutexLock lock(&mutex_);
  if (!fail_next_batch_.ok()) return std::exchange(fail_next_batch_, absl::OkStatus());
  if (lease_holder_ != lease.holder && lease_until_ >= absl::Now()) return false;
  lease_holder_ = lease.holder;
  lease_until_ = absl::Now() + lease.duration;
  return true;
}

absl::Status FakeReadinessStore::ReleaseLease(const readiness::Lease& lease) {
  absl::MutexLock lock(&mutex_);
  if (lease_holder_ == lease.holder) lease_until_ = absl::InfinitePast();
  return absl::OkStatus();
}

absl::StatusOr<int64_t> FakeReadinessStore::Cursor() {
  absl::MutexLock lock(&mutex_);
  return cursor_;
}

absl::StatusOr<readiness::ChangeBatch> FakeReadinessStore::ChangesAfter(int64_t after_id,
                                                                      int limit) {
  absl::MutexLock lock(&mutex_);
  readiness::ChangeBatch batch;
  batch.after_id = batch.last_id = after_id;
  for (const Change& change : changes_) {
    if (change.id <= after_id || batch.count == limit) continue;
    for (int64_t missing = batch.last_id + 1; missing < change.id; ++missing) {
      batch.missing.push_back(missing);
    }
    AddChange(change, batch);
  }
  return batch;
}

absl::StatusOr<readiness::ChangeBatch> FakeReadinessStore::ChangesWithIds(
    const std::vector<int64_t>& ids) {
  absl::MutexLock lock(&mutex_);
  readiness::ChangeBatch batch;
  for (int64_t id : ids) {
    auto change = std::find_if(changes_.begin(), changes_.end(),
                               [&](const Change& c) { return c.id == id; });
    if (change == changes_.end()) {
      batch.missing.push_back(id);
    } else {
      AddChange(*change, batch);
    }
  }
  return batch;
}

absl::StatusOr<std::vector<int64_t>> FakeReadinessStore::PeopleUnder(const std::string& path,
                                                                   absl::CivilDay today) {
  absl::MutexLock lock(&mutex_);
  std::set<int64_t> people;
  for (const auto& [person_id, rows] : rows_) {
    for (const ReadinessRow& row : rows) {
      auto agency = agencies_.find(row.agency_id);
      if (agency != agencies_.end() && absl::StartsWith(agency->second.path, path)) {
        people.insert(person_id);
      }
    }
  }
  for (int64_t p : AssignedOn(path, today)) people.insert(p);
  return std::vector<int64_t>(people.begin(), people.end());
}

absl::Status FakeReadinessStore::ReplaceRows(const Rows& rows, const readiness::Lease& lease) {
  absl::MutexLock lock(&mutex_);
  RETURN_IF_ERROR(CheckLease(lease));
  for (const auto& [person, person_rows] : rows) rows_[person] = person_rows;
  return absl::OkStatus();
}

absl::Status FakeReadinessStore::MoveCursor(int64_t from_id, int64_t to_id,
                                            const readiness::Lease& lease) {
  absl::MutexLock lock(&mutex_);
  RETURN_IF_ERROR(CheckLease(lease));
  if (cursor_ != from_id) {
    return absl::AbortedError("the readiness cursor moved while the changes were included");
  }
  cursor_ = to_id;
  return absl::OkStatus();
}

absl::StatusOr<AgencyRef> FakeReadinessStore::Agency(const std::string& code) {
  absl::MutexLock lock(&mutex_);
  for (const auto& [id, agency] : agencies_) {
    if (agency.code == code) return agency;
  }
  return absl::NotFoundError(absl::StrCat("no agency '", code, "'"));
}

absl::StatusOr<std::map<int64_t, AgencyRef>> FakeReadinessStore::AgenciesById(
    const std::vector<int64_t>& ids) {
  absl::MutexLock lock(&mutex_);
  std::map<int64_t, AgencyRef> found;
  for (int64_t id : ids) {
    if (auto agency = agencies_.find(id); agency != agencies_.end()) found[id] = agency->second;
  }
  return found;
}

absl::StatusOr<std::vector<CellCounts>> FakeReadinessStore::Cells(const AgencyRef& agency,
                                                                  bool subtree,
                                                                  std::optional<int> closed_year) {
  absl::MutexLock lock(&mutex_);
  std::vector<CellCounts> cells;
  for (const auto& [key, counts] : CellsFor(closed_year)) {
    const auto& [ancestor, child, framework, group, skill_set] = key;
    if (ancestor != agency.id || (!subtree && child != 0) || counts.headcount == 0) continue;
    cells.push_back({child, group, skill_set, framework, counts});
  }
  return cells;
}

absl::StatusOr<std::vector<AgencyRef>> FakeReadinessStore::AgenciesWithoutTarget(
    const AgencyRef& agency, bool subtree, std::optional<int> closed_year) {
  absl::MutexLock lock(&mutex_);
  std::map<std::string, AgencyRef> found;  // by code
  for (const auto& [key, counts] : CellsFor(closed_year)) {
    const auto& [ancestor, child, framework, group, skill_set] = key;
    if (child == 0 && counts.target_not_declared > 0 && Under(agency, subtree, ancestor)) {
      const AgencyRef& where = agencies_.at(ancestor);
      found[where.code] = where;
    }
  }
  std::vector<AgencyRef> agencies;
  for (const auto& [code, agency_ref] : found) agencies.push_back(agency_ref);
  return agencies;
}

absl::StatusOr<readiness::ClosedYear> FakeReadinessStore::CloseYear(
    int fiscal_year, int64_t people, const std::map<readiness::TreeCellKey, Counts>& cells,
    int64_t last_assessment_id, const AuditCall& audit) {
  absl::MutexLock lock(&mutex_);
  if (closed_.count(fiscal_year) > 0) {
    return absl::AlreadyExistsError(absl::StrCat("fiscal year ", fiscal_year, " is closed"));
  }
  Closed& closed = closed_[fiscal_year];
  closed.year = {fiscal_year, audit.at, people, last_assessment_id};
  closed.cells = cells;
  return closed.year;
}

absl::StatusOr<readiness::ClosedYear> FakeReadinessStore::FindClosedYear(int fiscal_year) {
  absl::MutexLock lock(&mutex_);
  auto found = closed_.find(fiscal_year);
  if (found == closed_.end()) {
    return absl::NotFoundError(absl::StrCat("fiscal year ", fiscal_year, " is not closed"));
  }
  return found->second.year;
}

absl::StatusOr<readiness::Freshness> FakeReadinessStore::FreshnessAt(absl::Time now) {
  absl::MutexLock lock(&mutex_);
  readiness::Freshness freshness;
  freshness.data_as_of = now;
  for (const Change& change : changes_) {
    if (change.id == cursor_) freshness.data_as_of = change.at;
    if (change.id <= cursor_) continue;
    if (freshness.pending++ == 0) freshness.lag = now - change.at;
  }
  if (freshness.pending == 0) freshness.data_as_of = now;
  return freshness;
}

absl::StatusOr<std::vector<int64_t>> FakeReadinessStore::PeopleAssignedOn(const AgencyRef& agency,
                                                                        absl::CivilDay day) {
  absl::MutexLock lock(&mutex_);
  return AssignedOn(agency.path, day);
}

absl::StatusOr<std::map<int64_t, std::vector<ReadinessRow>>> FakeReadinessStore::RowsOf(
    const std::vector<int64_t>& people) {
  absl::MutexLock lock(&mutex_);
  std::map<int64_t, std::vector<ReadinessRow>> found;
  for (int64_t person : people) {
    if (auto rows = rows_.find(person); rows != rows_.end() && !rows->second.empty()) {
      found[person] = rows->second;
    }
  }
  return found;
}

absl::Status FakeReadinessStore::SweepPassedDays(absl::CivilDay today, absl::Time now,
                                                 const readiness::PeopleChangedBetween& expired) {
  absl::CivilDay from;
  {
    absl::MutexLock lock(&mutex_);
    ++sweeps_;
    from = swept_through_;
    if (from >= today) return absl::OkStatus();
  }
  absl::StatusOr<std::vector<int64_t>> expired_people = expired(from, today);
  if (!expired_people.ok()) return expired_people.status();
  for (int64_t person : *expired_people) AppendChange("standing", absl::StrCat(person), now);
  std::set<int64_t> moved;
  {
    absl::MutexLock lock(&mutex_);
    for (const Assignment& a : assignments_) {
      if ((a.from > from && a.from <= today) || (a.to > from && a.to <= today)) {
        moved.insert(a.person_id);
      }
    }
  }
  for (int64_t person : moved) AppendChange("person", absl::StrCat(person), now);
  absl::MutexLock lock(&mutex_);
  swept_through_ = today;
  return absl::OkStatus();
}

absl::Status FakeReadinessStore::KeepMonth(absl::CivilDay month, absl::Time now) {
  absl::MutexLock lock(&mutex_);
  if (months_.count(month) > 0) return absl::OkStatus();
  std::vector<ReadinessRow>& kept = months_[month];
  for (const auto& [person, rows] : rows_) kept.insert(kept.end(), rows.begin(), rows.end());
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::pair<absl::CivilDay, Counts>>> FakeReadinessStore::Trend(
    const AgencyRef& agency, absl::CivilDay from, absl::CivilDay to, absl::CivilDay today,
    const std::string& skill_set_code, int personnel_group) {
  absl::MutexLock lock(&mutex_);
  auto sum = [&](const std::vector<ReadinessRow>& rows) {
    Counts counts;
    for (const ReadinessRow& row : rows) {
      if (!Under(agency, true, row.agency_id)) continue;
      if (!skill_set_code.empty() && row.skill_set_code != skill_set_code) continue;
      if (personnel_group != 0 && row.personnel_group != personnel_group) continue;
      const Counts c = readiness::ContributionOf(row.standing);
      counts.headcount += c.headcount;
      counts.meets_present += c.meets_present;
      counts.target_not_declared += c.target_not_declared;
    }
    return counts;
  };
  std::vector<std::pair<absl::CivilDay, Counts>> points;
  for (const auto& [month, rows] : months_) {
    if (month >= from && month <= to) points.emplace_back(month, sum(rows));
  }
  std::vector<ReadinessRow> now;
  for (const auto& [person, rows] : rows_) now.insert(now.end(), rows.begin(), rows.end());
  points.emplace_back(today, sum(now));
  return points;
}

absl::StatusOr<std::vector<readiness::GapRow>> FakeReadinessStore::Gaps(
    const AgencyRef& agency, const std::string& skill_set_code, int personnel_group,
    int64_t after_person, int max_people) {
  absl::MutexLock lock(&mutex_);
  std::vector<readiness::GapRow> gaps;
  int people = 0;
  for (const auto& [person, rows] : rows_) {  // by person id
    if (person <= after_person) continue;
    std::vector<ReadinessRow> sorted = rows;
    std::sort(sorted.begin(), sorted.end(), [](const ReadinessRow& a, const ReadinessRow& b) {
      return std::tie(a.further_group, a.personnel_group, a.skill_set_code) <
             std::tie(b.further_group, b.personnel_group, b.skill_set_code);
    });
    bool any = false;
    for (const ReadinessRow& row : sorted) {
      const readiness::Status s = row.standing.status;
      if (s != readiness::Status::kBelow && s != readiness::Status::kNotAssessed &&
          s != readiness::Status::kExpired) {
        continue;
      }
      if (!Under(agency, true, row.agency_id)) continue;
      if (!skill_set_code.empty() && row.skill_set_code != skill_set_code) continue;
      if (personnel_group != 0 && row.personnel_group != personnel_group) continue;
      if (!any && people == max_people) return gaps;
      any = true;
      gaps.push_back({person, agencies_.at(row.agency_id).code, row.personnel_group,
                      row.skill_set_code, row.framework_code, row.standing, row.last_assessed,
                      false, row.further_group});
    }
    if (any) ++people;
  }
  return gaps;
}

}  // namespace thaksa::testing
