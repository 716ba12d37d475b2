// The bulk person upsert: one transaction per batch, a handful of multi-row statements for the
// whole batch, and a result per row. Rows are compared with what is stored so that a replayed
// batch writes nothing.
#include <cppconn/resultset.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "services/personnel/store/person_rows.h"

namespace thaksa::personnel {
namespace {

// Keys per multi-row query.
constexpr size_t kRowsPerStatement = 500;

// (agency of record id, employee number): the HR key of a person.
using HrKey = std::pair<int64_t, std::string>;

// The values of keys[start, end), two per key, for "(record_agency_id, employee_number) IN".
std::vector<SqlValue> KeyParams(const std::vector<HrKey>& keys, size_t start, size_t end) {
  std::vector<SqlValue> params;
  params.reserve((end - start) * 2);
  for (size_t i = start; i < end; ++i) {
    params.push_back(keys[i].first);
    params.push_back(keys[i].second);
  }
  return params;
}

// Ids of the people with the given HR keys (locking them when `for_update`).
absl::flat_hash_map<HrKey, int64_t> FindIds(sql::Connection& connection,
                                            const std::vector<HrKey>& keys, bool for_update) {
  absl::flat_hash_map<HrKey, int64_t> ids;
  for (size_t start = 0; start < keys.size(); start += kRowsPerStatement) {
    const size_t end = std::min(keys.size(), start + kRowsPerStatement);
    const std::vector<SqlValue> params = KeyParams(keys, start, end);
    auto rows = Query(connection,
                      absl::StrCat("SELECT id, record_agency_id, employee_number FROM person "
                                   "WHERE (record_agency_id, employee_number) IN (",
                                   PlaceholderRows(end - start, 2), ")",
                                   for_update ? " FOR UPDATE" : ""),
                      params);
    while (rows->next()) {
      ids[{rows->getInt64("record_agency_id"), std::string(rows->getString("employee_number"))}] =
          rows->getInt64("id");
    }
  }
  return ids;
}

// The stored supervisor of each of these people who has one, locked in share mode so that two
// calls closing one loop of supervision from both ends conflict instead of both succeeding.
std::vector<std::pair<HrKey, HrKey>> StoredSupervisors(sql::Connection& connection,
                                                       const std::vector<HrKey>& people) {
  std::vector<std::pair<HrKey, HrKey>> supervised;
  for (size_t start = 0; start < people.size(); start += kRowsPerStatement) {
    const size_t end = std::min(people.size(), start + kRowsPerStatement);
    const std::vector<SqlValue> params = KeyParams(people, start, end);
    auto rows = Query(connection,
                      absl::StrCat("SELECT p.record_agency_id, p.employee_number,"
                                   " s.record_agency_id AS s_agency, s.employee_number AS s_number"
                                   " FROM person p JOIN person s ON s.id = p.supervisor_id"
                                   " WHERE (p.record_agency_id, p.employee_number) IN (",
                                   PlaceholderRows(end - start, 2), ") LOCK IN SHARE MODE"),
                      params);
    while (rows->next()) {
      supervised.push_back(
          {{rows->getInt64("record_agency_id"), std::string(rows->getString("employee_number"))},
           {rows->getInt64("s_agency"), std::string(rows->getString("s_number"))}});
    }
  }
  return supervised;
}

// A person as SupervisorMap knows them.
std::string NodeOf(const HrKey& key) { return absl::StrCat(key.first, "/", key.second); }

class PeopleUpsert final {
 public:
  PeopleUpsert(sql::Connection& connection, const std::vector<PersonUpsert>& rows,
               const AuditCall& audit)
      : connection_(connection),
        rows_(rows),
        audit_(audit),
        results_(rows.size()),
        desired_(rows.size()) {
    for (UpsertResult& result : results_) result.outcome = UpsertOutcome::kUnchanged;
  }

  std::vector<UpsertResult> Run() {
    ResolveAgencies();
    // Citizen IDs are read before the people they belong to: a person a concurrent call creates
    // in between is then found by LoadExisting (and compared), not mistaken for another record.
    LockCitizenIds();
    LoadExisting();
    CheckCitizenIds();
    CheckVersions();
    RejectSupervisionCycles();
    ResolveSupervisors();
    Plan();
    Write();
    return std::move(results_);
  }

 private:
  bool Rejected(size_t i) const { return !results_[i].errors.empty(); }
  bool Changed(size_t i) const {
    return results_[i].outcome == UpsertOutcome::kCreated ||
           results_[i].outcome == UpsertOutcome::kUpdated;
  }
  void Reject(size_t i, absl::string_view field, absl::string_view reason,
              absl::StatusCode kind = absl::StatusCode::kInvalidArgument) {
    results_[i].outcome = UpsertOutcome::kRejected;
    results_[i].rejection = kind;
    results_[i].errors.push_back({std::string(field), std::string(reason)});
  }
  HrKey KeyOf(size_t i) const {
    return {agency_ids_.at(rows_[i].record.agency_of_record_code), rows_[i].record.employee_number};
  }
  HrKey SupervisorKeyOf(size_t i) const {
    return {agency_ids_.at(rows_[i].record.agency_of_record_code),
            rows_[i].record.supervisor_employee_number};
  }

  void ResolveAgencies() {
    absl::flat_hash_set<std::string> codes;
    for (const PersonUpsert& row : rows_) {
      codes.insert(row.record.agency_of_record_code);
      codes.insert(row.record.agency_code);
    }
    std::vector<SqlValue> params(codes.begin(), codes.end());
    auto found = Query(connection_,
                       absl::StrCat("SELECT id, code FROM agency WHERE code IN (",
                                    PlaceholderList(params.size()), ")"),
                       params);
    while (found->next()) agency_ids_[std::string(found->getString("code"))] = found->getInt64("id");
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!agency_ids_.contains(rows_[i].record.agency_of_record_code)) {
        Reject(i, "agency_of_record_code", "no agency has this code");
      }
      if (!agency_ids_.contains(rows_[i].record.agency_code)) {
        Reject(i, "agency_code", "no agency has this code");
      }
    }
  }

  void LoadExisting() {
    std::vector<HrKey> keys;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) keys.push_back(KeyOf(i));
    }
    absl::flat_hash_map<HrKey, int64_t> ids = FindIds(connection_, keys, /*for_update=*/true);
    if (ids.empty()) return;
    std::vector<SqlValue> params;
    for (const auto& [key, id] : ids) params.push_back(id);
    auto found = Query(connection_,
                       absl::StrCat("SELECT ", kPersonColumns, kPersonFrom, "WHERE p.id IN (",
                                    PlaceholderList(params.size()), ")"),
                       params);
    while (found->next()) {
      Person person = ReadPerson(*found);
      existing_[{person.record_agency_id, person.employee_number}] = std::move(person);
    }
    absl::flat_hash_map<int64_t, Person*> by_id;
    for (auto& [key, person] : existing_) by_id[person.id] = &person;
    LoadPersonDetails(connection_, by_id, nullptr);
  }

  const Person* ExistingOf(size_t i) const {
    auto it = existing_.find(KeyOf(i));
    return it == existing_.end() ? nullptr : &it->second;
  }

  // Who holds each citizen ID of the batch now, locking those records.
  void LockCitizenIds() {
    std::vector<SqlValue> hashes;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) hashes.push_back(rows_[i].citizen_id_hash);
    }
    if (hashes.empty()) return;
    auto owners = Query(connection_,
                        absl::StrCat("SELECT id, citizen_id_hash FROM person WHERE citizen_id_hash"
                                     " IN (", PlaceholderList(hashes.size()), ") FOR UPDATE"),
                        hashes);
    while (owners->next()) {
      citizen_id_owners_[std::string(owners->getString("citizen_id_hash"))] = owners->getInt64("id");
    }
  }

  void CheckCitizenIds() {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i)) continue;
      auto owner = citizen_id_owners_.find(rows_[i].citizen_id_hash);
      const Person* existing = ExistingOf(i);
      if (owner != citizen_id_owners_.end() && (existing == nullptr || existing->id != owner->second)) {
        Reject(i, "citizen_id", "is already registered to another person record",
               absl::StatusCode::kAlreadyExists);
      }
    }
  }

  void CheckVersions() {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i)) continue;
      const int64_t expected = rows_[i].record.expected_version;
      const Person* existing = ExistingOf(i);
      if (existing != nullptr && existing->anonymised) {
        Reject(i, "employee_number",
               "this person's personal data was erased under the retention policy; the record "
               "can no longer be changed", absl::StatusCode::kFailedPrecondition);
        continue;
      }
      if (expected == 0) continue;
      if (existing == nullptr) {
        Reject(i, "expected_version", "the person does not exist yet; leave it 0 to create");
      } else if (existing->version != expected) {
        Reject(i, "expected_version",
               absl::StrCat("is stale: the stored version is ", existing->version),
               absl::StatusCode::kAborted);
      }
    }
  }

  // No row may close a loop of supervision: the chain above its new supervisor (rows of this
  // batch as they will be, everyone else as stored) must not lead back to it. The stored chain
  // is read one level per query.
  void RejectSupervisionCycles() {
    SupervisorMap supervisor_of;
    absl::flat_hash_set<std::string> known;  // people whose supervisor (or none) is in the map
    std::vector<HrKey> frontier;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) known.insert(NodeOf(KeyOf(i)));
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      supervisor_of[NodeOf(KeyOf(i))] = NodeOf(SupervisorKeyOf(i));
      if (known.insert(NodeOf(SupervisorKeyOf(i))).second) frontier.push_back(SupervisorKeyOf(i));
    }
    while (!frontier.empty()) {
      std::vector<HrKey> above;
      for (const auto& [person, supervisor] : StoredSupervisors(connection_, frontier)) {
        supervisor_of[NodeOf(person)] = NodeOf(supervisor);
        if (known.insert(NodeOf(supervisor)).second) above.push_back(supervisor);
      }
      frontier = std::move(above);
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      if (SupervisesThemselfThroughChain(supervisor_of, NodeOf(KeyOf(i)))) {
        Reject(i, "supervisor_employee_number",
               "would close a loop of supervision: this supervisor reports, directly or through "
               "others, to this person",
               absl::StatusCode::kFailedPrecondition);
      }
    }
  }

  // Supervisors must exist, or come in the same batch in a row that is not rejected.
  void ResolveSupervisors() {
    absl::flat_hash_map<HrKey, size_t> batch_rows;
    std::vector<HrKey> outside;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) batch_rows[KeyOf(i)] = i;
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      if (!batch_rows.contains(SupervisorKeyOf(i))) outside.push_back(SupervisorKeyOf(i));
    }
    supervisor_ids_ = FindIds(connection_, outside, /*for_update=*/false);
    for (const auto& [key, person] : existing_) supervisor_ids_[key] = person.id;
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < rows_.size(); ++i) {
        if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
        const HrKey key = SupervisorKeyOf(i);
        auto in_batch = batch_rows.find(key);
        if (in_batch != batch_rows.end() && !Rejected(in_batch->second)) continue;
        if (in_batch == batch_rows.end() && supervisor_ids_.contains(key)) continue;
        Reject(i, "supervisor_employee_number",
               in_batch != batch_rows.end()
                   ? "the supervisor's own record in this batch was rejected"
                   : "no person has this employee number in the agency of record");
        changed = true;
      }
    }
  }

  // Works out each accepted row's new state and outcome.
  void Plan() {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i)) continue;
      const PersonRecord& record = rows_[i].record;
      const Person* existing = ExistingOf(i);
      Person& desired = desired_[i];
      if (existing != nullptr) desired = *existing;
      desired.record_agency_id = agency_ids_.at(record.agency_of_record_code);
      desired.employee_number = record.employee_number;
      desired.citizen_id_hash = rows_[i].citizen_id_hash;
      desired.citizen_id_masked = rows_[i].citizen_id_masked;
      desired.name_th = record.name_th;
      desired.name_en = record.name_en;
      desired.email = record.email;
      desired.status = record.status == EmploymentStatus::kUnspecified ? EmploymentStatus::kActive
                                                                       : record.status;
      if (desired.status != EmploymentStatus::kLeft) {
        desired.left_on.reset();
      } else if (existing == nullptr || existing->status != EmploymentStatus::kLeft) {
        desired.left_on = rows_[i].effective_from;
      }
      desired.supervisor_employee_number = record.supervisor_employee_number;
      desired.supervisor_id = 0;
      if (!record.supervisor_employee_number.empty()) {
        auto known = supervisor_ids_.find(SupervisorKeyOf(i));
        if (known != supervisor_ids_.end()) desired.supervisor_id = known->second;
      }
      desired.secondary_groups = record.secondary_groups;
      std::sort(desired.secondary_groups.begin(), desired.secondary_groups.end(),
                [](const SecondaryGroup& a, const SecondaryGroup& b) { return a.group < b.group; });
      // A leaver's history ends on the leaving day (a re-hire's row opens a new assignment).
      if (desired.left_on.has_value()) {
        EndAssignments(desired.assignments, *desired.left_on);
      } else {
        Assignment change;
        change.from = rows_[i].effective_from;
        change.agency_id = agency_ids_.at(record.agency_code);
        change.position_title = record.position_title;
        change.grade = record.grade;
        change.group = record.group;
        ApplyAssignment(desired.assignments, change);
      }

      if (existing == nullptr) {
        results_[i].outcome = UpsertOutcome::kCreated;
      } else {
        results_[i].person_id = existing->id;
        const bool same =
            SameHistory(existing->assignments, desired.assignments) &&
            existing->citizen_id_hash == desired.citizen_id_hash &&
            existing->name_th == desired.name_th && existing->name_en == desired.name_en &&
            existing->email == desired.email && existing->status == desired.status &&
            existing->left_on == desired.left_on &&
            existing->supervisor_employee_number == desired.supervisor_employee_number &&
            existing->supervisor_id == desired.supervisor_id &&
            existing->secondary_groups == desired.secondary_groups;
        results_[i].outcome = same ? UpsertOutcome::kUnchanged : UpsertOutcome::kUpdated;
      }
    }
  }

  std::vector<SqlValue> PersonValues(const Person& p) const {
    return {p.citizen_id_hash, p.citizen_id_masked, p.name_th, p.name_en, p.email,
            int64_t{static_cast<int>(p.status)},
            p.left_on.has_value() ? SqlValue(FormatIsoDate(*p.left_on)) : SqlValue(nullptr),
            NullIfZero(p.supervisor_id)};
  }

  void Write() {
    std::vector<std::vector<SqlValue>> inserts;
    std::vector<HrKey> new_keys;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (results_[i].outcome != UpsertOutcome::kCreated) continue;
      std::vector<SqlValue> values = PersonValues(desired_[i]);
      values.push_back(desired_[i].record_agency_id);
      values.push_back(desired_[i].employee_number);
      inserts.push_back(std::move(values));
      new_keys.push_back(KeyOf(i));
    }
    InsertRows(connection_,
               "INSERT INTO person (citizen_id_hash, citizen_id_masked, name_th, name_en, email,"
               " status, left_on, supervisor_id, record_agency_id, employee_number) VALUES ",
               10, inserts);
    absl::flat_hash_map<HrKey, int64_t> new_ids = FindIds(connection_, new_keys, false);
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (results_[i].outcome != UpsertOutcome::kCreated) continue;
      results_[i].person_id = desired_[i].id = new_ids.at(KeyOf(i));
      supervisor_ids_[KeyOf(i)] = desired_[i].id;
    }

    std::vector<SqlValue> changed_ids;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Changed(i)) continue;
      Person& desired = desired_[i];
      changed_ids.push_back(desired.id);
      const bool supervisor_pending =
          !desired.supervisor_employee_number.empty() && desired.supervisor_id == 0;
      if (supervisor_pending) desired.supervisor_id = supervisor_ids_.at(SupervisorKeyOf(i));
      if (results_[i].outcome == UpsertOutcome::kUpdated) {
        std::vector<SqlValue> values = PersonValues(desired);
        values.push_back(desired.id);
        Execute(connection_,
                "UPDATE person SET citizen_id_hash = ?, citizen_id_masked = ?, name_th = ?,"
                " name_en = ?, email = ?, status = ?, left_on = ?, supervisor_id = ?,"
                " version = version + 1,"
                " updated_at = CURRENT_TIMESTAMP(6) WHERE id = ?",
                values);
      } else if (supervisor_pending) {
        Execute(connection_, "UPDATE person SET supervisor_id = ? WHERE id = ?",
                {desired.supervisor_id, desired.id});
      }
    }
    if (changed_ids.empty()) return;
    std::vector<AuditEntry> audited;
    for (const SqlValue& id : changed_ids) {
      audited.push_back({"person", absl::StrCat(std::get<int64_t>(id)), "OK"});
    }
    AppendAuditEvents(connection_, audit_, audited);
    for (const AuditEntry& person : audited) {
      AppendChange(connection_, audit_.at, "person", person.entity_id);  // read models follow
    }
    const std::string in = PlaceholderList(changed_ids.size());
    Execute(connection_, absl::StrCat("DELETE FROM person_secondary_group WHERE person_id IN (",
                                      in, ")"), changed_ids);
    Execute(connection_, absl::StrCat("DELETE FROM person_assignment WHERE person_id IN (", in,
                                      ")"), changed_ids);
    std::vector<std::vector<SqlValue>> groups, assignments;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Changed(i)) continue;
      const Person& desired = desired_[i];
      for (const SecondaryGroup& group : desired.secondary_groups) {
        groups.push_back({desired.id, int64_t{static_cast<int>(group.group)}, group.approved_by});
      }
      for (const Assignment& a : desired.assignments) {
        assignments.push_back({desired.id, FormatIsoDate(a.from), FormatIsoDate(a.to),
                               a.agency_id, a.position_title, a.grade,
                               int64_t{static_cast<int>(a.group)}});
      }
    }
    InsertRows(connection_,
               "INSERT INTO person_secondary_group (person_id, personnel_group, approved_by) "
               "VALUES ", 3, groups);
    InsertRows(connection_,
               "INSERT INTO person_assignment (person_id, effective_from, effective_to,"
               " agency_id, position_title, grade, personnel_group) VALUES ", 7, assignments);
  }

  sql::Connection& connection_;
  const std::vector<PersonUpsert>& rows_;
  const AuditCall& audit_;
  std::vector<UpsertResult> results_;
  std::vector<Person> desired_;
  absl::flat_hash_map<std::string, int64_t> agency_ids_;
  absl::flat_hash_map<HrKey, Person> existing_;
  absl::flat_hash_map<HrKey, int64_t> supervisor_ids_;
  absl::flat_hash_map<std::string, int64_t> citizen_id_owners_;
};

}  // namespace

absl::StatusOr<std::vector<UpsertResult>> MySqlPersonnelStore::UpsertPeople(
    const std::vector<PersonUpsert>& rows, const AuditCall& audit) {
  std::vector<UpsertResult> results;
  if (rows.empty()) return results;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& connection) {
    results = PeopleUpsert(connection, rows, audit).Run();
    return absl::OkStatus();
  }));
  return results;
}

}  // namespace thaksa::personnel
