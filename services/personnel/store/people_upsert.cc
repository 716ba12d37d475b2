// The bulk person upsert: one transaction per batch, a result per row, and a fixed handful of
// statements for the whole batch, however many rows it has:
//   - look-ups by IN lists (agencies, citizen IDs, the people of the batch with their groups and
//     assignments, the chain of supervisors above them), chunked;
//   - rows compared with what is stored, so that only changed people are written, and of them
//     only what changed (a changed name rewrites no assignment); a replayed batch writes nothing;
//   - writes by multi-row statements: new people, updated people (by id), the assignments and
//     secondary groups that changed, one audit row and one change-log row per changed person.
// Statements run through the connection's kept prepared statements, so a statement that repeats
// (every full chunk) is not prepared again.
#include <cppconn/resultset.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/prepared_statements.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/personnel/store/mysql_personnel_store.h"
#include "services/personnel/store/person_rows.h"

namespace thaksa::personnel {
namespace {

// (agency of record id, employee number): the HR key of a person.
using HrKey = std::pair<int64_t, std::string>;

// `keys` as rows of two values, for "(record_agency_id, employee_number) IN (...)".
std::vector<std::vector<SqlValue>> KeyRows(const std::vector<HrKey>& keys) {
  std::vector<std::vector<SqlValue>> rows;
  rows.reserve(keys.size());
  for (const HrKey& key : keys) rows.push_back({key.first, key.second});
  return rows;
}

HrKey ReadKey(sql::ResultSet& row, const std::string& agency_column,
              const std::string& number_column) {
  return {row.getInt64(agency_column), std::string(row.getString(number_column))};
}

// Ids of the people with the given HR keys (locking them when `for_update`).
absl::flat_hash_map<HrKey, int64_t> FindIds(PreparedStatements& statements,
                                            const std::vector<HrKey>& keys, bool for_update) {
  absl::flat_hash_map<HrKey, int64_t> ids;
  statements.QueryRows(
      "SELECT id, record_agency_id, employee_number FROM person"
      " WHERE (record_agency_id, employee_number) IN (",
      2, KeyRows(keys), for_update ? ") FOR UPDATE" : ")", [&](sql::ResultSet& row) {
        ids[ReadKey(row, "record_agency_id", "employee_number")] = row.getInt64("id");
      });
  return ids;
}

// The stored supervisor of each of these people who has one, locked in share mode so that two
// calls closing one loop of supervision from both ends conflict instead of both succeeding.
std::vector<std::pair<HrKey, HrKey>> StoredSupervisors(PreparedStatements& statements,
                                                       const std::vector<HrKey>& people) {
  std::vector<std::pair<HrKey, HrKey>> supervised;
  statements.QueryRows(
      "SELECT p.record_agency_id, p.employee_number, s.record_agency_id AS s_agency,"
      " s.employee_number AS s_number FROM person p JOIN person s ON s.id = p.supervisor_id"
      " WHERE (p.record_agency_id, p.employee_number) IN (",
      2, KeyRows(people), ") LOCK IN SHARE MODE", [&](sql::ResultSet& row) {
        supervised.push_back({ReadKey(row, "record_agency_id", "employee_number"),
                              ReadKey(row, "s_agency", "s_number")});
      });
  return supervised;
}

// A person as SupervisorMap knows them.
std::string NodeOf(const HrKey& key) { return absl::StrCat(key.first, "/", key.second); }

// The person columns written, in the order of PersonValues; and with the id after them.
constexpr char kPersonInsert[] =
    "INSERT INTO person (citizen_id_hash, citizen_id_masked, name_th, name_en, email, status,"
    " left_on, supervisor_id, record_agency_id, employee_number";
constexpr size_t kPersonColumnsWritten = 10;
constexpr size_t kPersonByIdColumns = kPersonColumnsWritten + 1;

std::vector<SqlValue> PersonValues(const Person& p) {
  return {p.citizen_id_hash, p.citizen_id_masked, p.name_th, p.name_en, p.email,
          int64_t{static_cast<int>(p.status)},
          p.left_on.has_value() ? SqlValue(FormatIsoDate(*p.left_on)) : SqlValue(nullptr),
          NullIfZero(p.supervisor_id), p.record_agency_id, p.employee_number};
}

// What of a changed person is written.
struct Changes {
  bool history = false;  // their assignments
  bool groups = false;   // their secondary groups
};

class PeopleUpsert final {
 public:
  PeopleUpsert(PreparedStatements& statements, const std::vector<PersonUpsert>& rows,
               const AuditCall& audit)
      : statements_(statements),
        rows_(rows),
        audit_(audit),
        results_(rows.size()),
        desired_(rows.size()),
        changes_(rows.size()) {
    for (UpsertResult& result : results_) result.outcome = UpsertOutcome::kUnchanged;
  }

  std::vector<UpsertResult> Run() {
    ResolveAgencies();
    IndexBatch();
    // Citizen IDs are read before the people they belong to: a person a concurrent call creates
    // in between is then found by LoadExisting (and compared), not mistaken for another record.
    LockCitizenIds();
    LoadExisting();
    CheckCitizenIds();
    CheckVersions();
    RejectSupervisionCycles();
    FindSupervisorIds();
    CheckSecondaryGroupApprovals();
    ResolveSupervisors();
    Plan();
    Write();
    return std::move(results_);
  }

 private:
  bool Rejected(size_t i) const { return !results_[i].errors.empty(); }
  bool Created(size_t i) const { return results_[i].outcome == UpsertOutcome::kCreated; }
  bool Updated(size_t i) const { return results_[i].outcome == UpsertOutcome::kUpdated; }
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
    statements_.QueryIn("SELECT id, code FROM agency WHERE code",
                        std::vector<SqlValue>(codes.begin(), codes.end()), "",
                        [&](sql::ResultSet& row) {
                          agency_ids_[std::string(row.getString("code"))] = row.getInt64("id");
                        });
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!agency_ids_.contains(rows_[i].record.agency_of_record_code)) {
        Reject(i, "agency_of_record_code", "no agency has this code");
      }
      if (!agency_ids_.contains(rows_[i].record.agency_code)) {
        Reject(i, "agency_code", "no agency has this code");
      }
    }
  }

  // Each row whose agency of record is known, by its HR key, refused or not.
  void IndexBatch() {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (agency_ids_.contains(rows_[i].record.agency_of_record_code)) batch_rows_[KeyOf(i)] = i;
    }
  }

  void LoadExisting() {
    std::vector<HrKey> keys;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) keys.push_back(KeyOf(i));
    }
    std::vector<SqlValue> ids;
    for (const auto& [key, id] : FindIds(statements_, keys, /*for_update=*/true)) {
      ids.push_back(id);
    }
    statements_.QueryIn(absl::StrCat("SELECT ", kPersonColumns, kPersonFrom, "WHERE p.id"), ids,
                        "", [&](sql::ResultSet& row) {
                          Person person = ReadPerson(row);
                          existing_[{person.record_agency_id, person.employee_number}] =
                              std::move(person);
                        });
    absl::flat_hash_map<int64_t, Person*> by_id;
    for (auto& [key, person] : existing_) by_id[person.id] = &person;
    LoadPersonDetails(statements_, by_id, nullptr);
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
    statements_.QueryIn(
        "SELECT id, citizen_id_hash FROM person WHERE citizen_id_hash", hashes, " FOR UPDATE",
        [&](sql::ResultSet& row) {
          citizen_id_owners_[std::string(row.getString("citizen_id_hash"))] = row.getInt64("id");
        });
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
  // is read one level per query, and kept in supervisor_of_.
  void RejectSupervisionCycles() {
    absl::flat_hash_set<std::string> known;  // people whose supervisor (or none) is in the map
    std::vector<HrKey> frontier;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Rejected(i)) known.insert(NodeOf(KeyOf(i)));
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      supervisor_of_[NodeOf(KeyOf(i))] = NodeOf(SupervisorKeyOf(i));
      if (known.insert(NodeOf(SupervisorKeyOf(i))).second) frontier.push_back(SupervisorKeyOf(i));
    }
    while (!frontier.empty()) {
      std::vector<HrKey> above;
      for (const auto& [person, supervisor] : StoredSupervisors(statements_, frontier)) {
        supervisor_of_[NodeOf(person)] = NodeOf(supervisor);
        if (known.insert(NodeOf(supervisor)).second) above.push_back(supervisor);
      }
      frontier = std::move(above);
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      if (SupervisesThemselfThroughChain(supervisor_of_, NodeOf(KeyOf(i)))) {
        Reject(i, "supervisor_employee_number",
               "would close a loop of supervision: this supervisor reports, directly or through "
               "others, to this person",
               absl::StatusCode::kFailedPrecondition);
      }
    }
  }

  // The ids of the stored people the rows name as supervisors (in supervisor_ids_), with those of
  // the rows' own stored records.
  void FindSupervisorIds() {
    std::vector<HrKey> outside;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
      if (!batch_rows_.contains(SupervisorKeyOf(i))) outside.push_back(SupervisorKeyOf(i));
    }
    supervisor_ids_ = FindIds(statements_, outside, /*for_update=*/false);
    for (const auto& [key, person] : existing_) supervisor_ids_[key] = person.id;
  }

  // Supervisors must be stored, or come in the same batch in a row that is not rejected.
  void ResolveSupervisors() {
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < rows_.size(); ++i) {
        if (Rejected(i) || rows_[i].record.supervisor_employee_number.empty()) continue;
        const HrKey key = SupervisorKeyOf(i);
        if (supervisor_ids_.contains(key)) continue;
        auto in_batch = batch_rows_.find(key);
        if (in_batch != batch_rows_.end() && !Rejected(in_batch->second)) continue;
        Reject(i, "supervisor_employee_number",
               in_batch != batch_rows_.end()
                   ? "the supervisor's own record in this batch was rejected"
                   : "no person has this employee number in the agency of record");
        changed = true;
      }
    }
  }

  // A further group that is new, or whose approval changed, must be approved, on a day, by the
  // person's supervisor's supervisor as the batch leaves them: whom the supervisor's row in this
  // batch names, or, if there is none or it is refused, their stored supervisor. A group stored
  // before and sent again unchanged stays, whoever supervises now (and however it was recorded
  // before approval days were kept). Refusals can change what a supervisor's row leaves, so the
  // rows are checked again until none is refused. A row whose supervisor is neither stored nor
  // in the batch is left to ResolveSupervisors.
  void CheckSecondaryGroupApprovals() {
    for (bool refused = true; refused;) {
      refused = false;
      for (size_t i = 0; i < rows_.size(); ++i) {
        if (!Rejected(i) && !ApprovalsHold(i)) refused = true;
      }
    }
  }

  // Whether the further groups of row i are approved as CheckSecondaryGroupApprovals asks;
  // rejects the row naming each that is not.
  bool ApprovalsHold(size_t i) {
    const PersonRecord& record = rows_[i].record;
    const Person* existing = ExistingOf(i);
    for (size_t k = 0; k < record.secondary_groups.size(); ++k) {
      const SecondaryGroup& group = record.secondary_groups[k];
      if (existing != nullptr &&
          std::find(existing->secondary_groups.begin(), existing->secondary_groups.end(), group) !=
              existing->secondary_groups.end()) {
        continue;
      }
      const std::string item = absl::StrCat("secondary_groups[", k, "]");
      if (!group.approved_on.has_value()) {
        Reject(i, item + ".approved_on", "is required: the day it was approved");
      }
      const std::optional<std::string> next_level = NextLevelSupervisorOf(i);
      if (!next_level.has_value()) continue;  // no such supervisor: ResolveSupervisors says so
      if (record.supervisor_employee_number.empty()) {
        Reject(i, item + ".approved_by",
               "the person has no supervisor, so no next-level supervisor to approve a further "
               "group", absl::StatusCode::kFailedPrecondition);
      } else if (next_level->empty()) {
        Reject(i, item + ".approved_by",
               absl::StrCat("the supervisor (", record.supervisor_employee_number,
                            ") has no supervisor of their own to approve a further group"),
               absl::StatusCode::kFailedPrecondition);
      } else if (!absl::EqualsIgnoreCase(*next_level, group.approved_by)) {
        Reject(i, item + ".approved_by",
               absl::StrCat("must be the next-level supervisor: the supervisor of ",
                            record.supervisor_employee_number, ", ", *next_level),
               absl::StatusCode::kFailedPrecondition);
      }
    }
    return !Rejected(i);
  }

  // The employee number of the supervisor of row i's supervisor as the batch leaves them ("" for
  // none, and for a row without a supervisor); nullopt if the supervisor is neither stored nor
  // in the batch, or only in a refused row of a new person.
  std::optional<std::string> NextLevelSupervisorOf(size_t i) {
    if (rows_[i].record.supervisor_employee_number.empty()) return "";
    const HrKey supervisor = SupervisorKeyOf(i);
    if (auto row = batch_rows_.find(supervisor); row != batch_rows_.end()) {
      if (!Rejected(row->second)) return rows_[row->second].record.supervisor_employee_number;
      const Person* stored = ExistingOf(row->second);
      if (stored == nullptr) return std::nullopt;
      return stored->supervisor_employee_number;
    }
    if (!supervisor_ids_.contains(supervisor)) return std::nullopt;
    auto above = supervisor_of_.find(NodeOf(supervisor));
    if (above == supervisor_of_.end()) return "";
    return above->second.substr(above->second.find('/') + 1);
  }

  // Works out each accepted row's new state, its outcome and, for an update, what changed.
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
        changes_[i] = {!desired.assignments.empty(), !desired.secondary_groups.empty()};
        continue;
      }
      results_[i].person_id = existing->id;
      changes_[i].history = !SameHistory(existing->assignments, desired.assignments);
      changes_[i].groups = existing->secondary_groups != desired.secondary_groups;
      const bool same =
          !changes_[i].history && !changes_[i].groups &&
          existing->citizen_id_hash == desired.citizen_id_hash &&
          existing->name_th == desired.name_th && existing->name_en == desired.name_en &&
          existing->email == desired.email && existing->status == desired.status &&
          existing->left_on == desired.left_on &&
          existing->supervisor_employee_number == desired.supervisor_employee_number &&
          existing->supervisor_id == desired.supervisor_id;
      results_[i].outcome = same ? UpsertOutcome::kUnchanged : UpsertOutcome::kUpdated;
    }
  }

  void Write() {
    InsertNewPeople();
    // Supervisors created in this batch have their ids now.
    std::vector<std::vector<SqlValue>> supervised, updated;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Created(i) && !Updated(i)) continue;
      Person& desired = desired_[i];
      const bool supervisor_was_new =
          !desired.supervisor_employee_number.empty() && desired.supervisor_id == 0;
      if (supervisor_was_new) desired.supervisor_id = supervisor_ids_.at(SupervisorKeyOf(i));
      if (Updated(i)) {
        updated.push_back(PersonRowById(desired));
      } else if (supervisor_was_new) {
        supervised.push_back(PersonRowById(desired));
      }
    }
    const std::string by_id = absl::StrCat(kPersonInsert, ", id) VALUES ");
    statements_.ExecuteRows(by_id, kPersonByIdColumns, supervised,
                            " ON DUPLICATE KEY UPDATE supervisor_id = VALUES(supervisor_id)");
    statements_.ExecuteRows(
        by_id, kPersonByIdColumns, updated,
        " ON DUPLICATE KEY UPDATE citizen_id_hash = VALUES(citizen_id_hash),"
        " citizen_id_masked = VALUES(citizen_id_masked), name_th = VALUES(name_th),"
        " name_en = VALUES(name_en), email = VALUES(email), status = VALUES(status),"
        " left_on = VALUES(left_on), supervisor_id = VALUES(supervisor_id),"
        " version = version + 1, updated_at = CURRENT_TIMESTAMP(6)");

    std::vector<AuditEntry> audited;
    std::vector<Change> changed;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Created(i) && !Updated(i)) continue;
      const std::string id = absl::StrCat(desired_[i].id);
      audited.push_back({"person", id, "OK"});
      changed.push_back({"person", id, ""});  // read models follow
    }
    if (audited.empty()) return;
    AppendAuditEvents(statements_, audit_, audited);
    AppendChanges(statements_, audit_.at, changed);
    WriteSecondaryGroups();
    WriteAssignments();
  }

  // Inserts the new people (those whose supervisor is new too without one for now) and learns
  // their ids.
  void InsertNewPeople() {
    std::vector<size_t> created;
    std::vector<std::vector<SqlValue>> inserts;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (!Created(i)) continue;
      created.push_back(i);
      inserts.push_back(PersonValues(desired_[i]));
    }
    const std::vector<int64_t> ids = statements_.InsertRowsReturningIds(
        absl::StrCat(kPersonInsert, ") VALUES "), kPersonColumnsWritten, inserts);
    for (size_t n = 0; n < created.size(); ++n) {
      const size_t i = created[n];
      results_[i].person_id = desired_[i].id = ids.at(n);
      supervisor_ids_[KeyOf(i)] = desired_[i].id;
    }
  }

  // A stored person's row for INSERT ... ON DUPLICATE KEY UPDATE by id, the multi-row form of
  // UPDATE: the id is locked by this transaction (or was inserted by it), so the row updates
  // itself; its other unique keys are its own, or free (a citizen ID taken meanwhile by another
  // record fails with a duplicate key, and the batch is retried).
  static std::vector<SqlValue> PersonRowById(const Person& person) {
    std::vector<SqlValue> values = PersonValues(person);
    values.push_back(person.id);
    return values;
  }

  // Rewrites the rows of `table` (the given columns, person_id first) of every written person
  // for whom `part` changed: the stored ones of updated people are deleted, and `rows_of` gives
  // the new ones.
  void ReplaceRows(bool Changes::*part, absl::string_view table, absl::string_view columns,
                   const std::function<std::vector<std::vector<SqlValue>>(const Person&)>& rows_of) {
    std::vector<std::vector<SqlValue>> updated, rows;
    for (size_t i = 0; i < rows_.size(); ++i) {
      if ((!Created(i) && !Updated(i)) || !(changes_[i].*part)) continue;
      if (Updated(i)) updated.push_back({desired_[i].id});
      for (std::vector<SqlValue>& row : rows_of(desired_[i])) rows.push_back(std::move(row));
    }
    statements_.ExecuteRows(absl::StrCat("DELETE FROM ", table, " WHERE person_id IN ("), 1,
                            updated, ")");
    if (rows.empty()) return;
    statements_.ExecuteRows(absl::StrCat("INSERT INTO ", table, " (", columns, ") VALUES "),
                            rows.front().size(), rows);
  }

  void WriteSecondaryGroups() {
    ReplaceRows(&Changes::groups, "person_secondary_group",
                "person_id, personnel_group, approved_by, approved_on", [](const Person& person) {
                  std::vector<std::vector<SqlValue>> rows;
                  for (const SecondaryGroup& group : person.secondary_groups) {
                    rows.push_back({person.id, int64_t{static_cast<int>(group.group)},
                                    group.approved_by,
                                    group.approved_on.has_value()
                                        ? SqlValue(FormatIsoDate(*group.approved_on))
                                        : SqlValue(nullptr)});
                  }
                  return rows;
                });
  }

  void WriteAssignments() {
    ReplaceRows(&Changes::history, "person_assignment",
                "person_id, effective_from, effective_to, agency_id, position_title, grade,"
                " personnel_group",
                [](const Person& person) {
                  std::vector<std::vector<SqlValue>> rows;
                  for (const Assignment& a : person.assignments) {
                    rows.push_back({person.id, FormatIsoDate(a.from), FormatIsoDate(a.to),
                                    a.agency_id, a.position_title, a.grade,
                                    int64_t{static_cast<int>(a.group)}});
                  }
                  return rows;
                });
  }

  PreparedStatements& statements_;
  const std::vector<PersonUpsert>& rows_;
  const AuditCall& audit_;
  std::vector<UpsertResult> results_;
  std::vector<Person> desired_;
  std::vector<Changes> changes_;  // for created and updated rows
  absl::flat_hash_map<std::string, int64_t> agency_ids_;
  absl::flat_hash_map<HrKey, Person> existing_;
  absl::flat_hash_map<HrKey, size_t> batch_rows_;  // by IndexBatch
  absl::flat_hash_map<HrKey, int64_t> supervisor_ids_;
  // By RejectSupervisionCycles: each row's proposed supervisor, and the stored chain above.
  SupervisorMap supervisor_of_;
  absl::flat_hash_map<std::string, int64_t> citizen_id_owners_;
};

}  // namespace

absl::StatusOr<std::vector<UpsertResult>> MySqlPersonnelStore::UpsertPeople(
    const std::vector<PersonUpsert>& rows, const AuditCall& audit) {
  std::vector<UpsertResult> results;
  if (rows.empty()) return results;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](PreparedStatements& statements) {
    results = PeopleUpsert(statements, rows, audit).Run();
    return absl::OkStatus();
  }));
  return results;
}

}  // namespace thaksa::personnel
