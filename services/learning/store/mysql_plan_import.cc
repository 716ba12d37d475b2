// The bulk plan import of the MySQL learning store: one transaction per batch and a handful of
// statements for the whole batch, whatever its size:
//   1. the plans under the batch's external keys are read and locked (one SELECT ... FOR UPDATE);
//   2. for keys new to the store, which of their people have a plan for the year already (one
//      SELECT);
//   3. each import is decided in order (DecideImport), the year of a plan created earlier in the
//      batch counting as taken;
//   4. new plans are inserted (one multi-row INSERT) and their ids read back by key (one SELECT:
//      auto-increment ids of a multi-row INSERT need not be consecutive under Galera);
//   5. the items of updated plans are deleted and the plans moved on (one DELETE, one UPDATE);
//   6. the items of every plan written are inserted, and its audit event and "plan" change
//      appended (multi-row INSERTs).
// A concurrent call that inserts a key of the batch first makes step 4 fail on the unique key;
// the pool then runs the batch again (UpsertTransaction), which finds that call's plan in step 1.
// A replayed batch writes nothing.
#include <cppconn/resultset.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "services/learning/store/mysql_learning_store.h"
#include "services/learning/store/plan_rows.h"

namespace thaksa::learning {
namespace {

// Keys per query.
constexpr size_t kKeysPerQuery = 500;

using PersonYear = std::pair<int64_t, int>;

// The plans stored under `keys`, by key, locked when `for_update`.
std::map<std::string, StoredImport> StoredImports(sql::Connection& c,
                                                  const std::vector<std::string>& keys,
                                                  bool for_update) {
  std::map<std::string, StoredImport> stored;
  for (size_t start = 0; start < keys.size(); start += kKeysPerQuery) {
    const size_t end = std::min(keys.size(), start + kKeysPerQuery);
    auto rows = Query(c,
                      absl::StrCat("SELECT id, external_key, person_id, fiscal_year, status,"
                                   " import_digest, version, EXISTS (SELECT 1 FROM plan_item i"
                                   " JOIN work_application a ON a.plan_item_id = i.id"
                                   " WHERE i.plan_id = plan.id) AS applied"
                                   " FROM plan WHERE external_key IN (",
                                   PlaceholderList(end - start), ")",
                                   for_update ? " FOR UPDATE" : ""),
                      std::vector<SqlValue>(keys.begin() + start, keys.begin() + end));
    while (rows->next()) {
      StoredImport& plan = stored[rows->getString("external_key")];
      plan.plan_id = rows->getInt64("id");
      plan.person_id = rows->getInt64("person_id");
      plan.fiscal_year = rows->getInt("fiscal_year");
      plan.status = static_cast<PlanStatus>(rows->getInt("status"));
      plan.digest = GetStringOrEmpty(*rows, "import_digest");
      plan.version = rows->getInt64("version");
      plan.applied = rows->getBoolean("applied");
    }
  }
  return stored;
}

// Which of `wanted` (person, fiscal year) have a plan of any revision.
std::set<PersonYear> YearsWithPlans(sql::Connection& c, const std::vector<PersonYear>& wanted) {
  std::set<PersonYear> taken;
  for (size_t start = 0; start < wanted.size(); start += kKeysPerQuery) {
    const size_t end = std::min(wanted.size(), start + kKeysPerQuery);
    std::vector<SqlValue> params;
    for (size_t i = start; i < end; ++i) {
      params.insert(params.end(), {wanted[i].first, int64_t{wanted[i].second}});
    }
    auto rows = Query(c,
                      absl::StrCat("SELECT DISTINCT person_id, fiscal_year FROM plan"
                                   " WHERE (person_id, fiscal_year) IN (",
                                   PlaceholderRows(end - start, 2), ")"),
                      params);
    while (rows->next()) taken.insert({rows->getInt64("person_id"), rows->getInt("fiscal_year")});
  }
  return taken;
}

PersonYear PersonYearOf(const PlanImport& plan) { return {plan.person_id, plan.fiscal_year}; }

class ImportBatch final {
 public:
  ImportBatch(sql::Connection& c, const std::vector<PlanImport>& imports, const AuditCall& audit)
      : c_(c), imports_(imports), audit_(audit), results_(imports.size()) {}

  std::vector<PlanImportResult> Run() {
    Decide();
    InsertNewPlans();
    MoveUpdatedPlansOn();
    WriteItemsAndRecords();
    return std::move(results_);
  }

 private:
  // Steps 1 to 3.
  void Decide() {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    std::vector<bool> repeated(imports_.size(), false);
    for (size_t i = 0; i < imports_.size(); ++i) {
      repeated[i] = !seen.insert(imports_[i].external_key).second;
      if (!repeated[i]) keys.push_back(imports_[i].external_key);
    }
    const std::map<std::string, StoredImport> stored = StoredImports(c_, keys, /*for_update=*/true);
    std::vector<PersonYear> wanted;
    for (const PlanImport& plan : imports_) {
      if (stored.count(plan.external_key) == 0) wanted.push_back(PersonYearOf(plan));
    }
    std::set<PersonYear> taken = YearsWithPlans(c_, wanted);
    for (size_t i = 0; i < imports_.size(); ++i) {
      const PlanImport& plan = imports_[i];
      if (repeated[i]) {
        results_[i].refusal = InvalidField("external_id", "is repeated in this batch");
        continue;
      }
      auto found = stored.find(plan.external_key);
      std::optional<StoredImport> under_key;
      if (found != stored.end()) under_key = found->second;
      results_[i] = DecideImport(plan, under_key, taken.count(PersonYearOf(plan)) > 0);
      if (under_key.has_value()) {
        results_[i].plan_id = under_key->plan_id;
        results_[i].version = under_key->version;
      }
      if (results_[i].outcome == ImportOutcome::kCreated) {
        taken.insert(PersonYearOf(plan));
        created_.push_back(i);
      } else if (results_[i].outcome == ImportOutcome::kUpdated) {
        updated_.push_back(i);
      }
    }
  }

  // Step 4.
  void InsertNewPlans() {
    std::vector<std::vector<SqlValue>> rows;
    std::vector<std::string> keys;
    for (size_t i : created_) {
      const PlanImport& plan = imports_[i];
      rows.push_back({plan.person_id, int64_t{plan.fiscal_year}, int64_t{1},
                      Number(PlanStatus::kDraft), plan.external_key, plan.digest});
      keys.push_back(plan.external_key);
    }
    InsertRows(c_,
               "INSERT INTO plan (person_id, fiscal_year, revision, status, external_key,"
               " import_digest) VALUES ",
               6, rows);
    const std::map<std::string, StoredImport> inserted =
        StoredImports(c_, keys, /*for_update=*/false);
    for (size_t i : created_) {
      const StoredImport& plan = inserted.at(imports_[i].external_key);
      results_[i].plan_id = plan.plan_id;
      results_[i].version = plan.version;
    }
  }

  // Step 5.
  void MoveUpdatedPlansOn() {
    if (updated_.empty()) return;
    std::vector<SqlValue> ids, params;
    std::string cases;
    for (size_t i : updated_) {
      ids.push_back(results_[i].plan_id);
      params.insert(params.end(), {results_[i].plan_id, imports_[i].digest});
      cases += " WHEN ? THEN ?";
      ++results_[i].version;
    }
    const std::string in = PlaceholderList(ids.size());
    Execute(c_, absl::StrCat("DELETE FROM plan_item WHERE plan_id IN (", in, ")"), ids);
    params.insert(params.end(), ids.begin(), ids.end());
    Execute(c_,
            absl::StrCat("UPDATE plan SET version = version + 1, import_digest = CASE id", cases,
                         " END WHERE id IN (", in, ")"),
            params);
  }

  // Step 6.
  void WriteItemsAndRecords() {
    std::vector<size_t> written = created_;
    written.insert(written.end(), updated_.begin(), updated_.end());
    std::vector<std::vector<SqlValue>> items;
    std::vector<AuditEntry> audited;
    std::vector<Change> changes;
    for (size_t i : written) {
      for (const PlanItem& item : imports_[i].items) {
        items.push_back(PlanItemRow(results_[i].plan_id, item));
      }
      const std::string id = absl::StrCat(results_[i].plan_id);
      audited.push_back({"plan", id, "OK"});
      changes.push_back({"plan", id, std::string(PlanStatusName(PlanStatus::kDraft))});
    }
    InsertRows(c_, kInsertPlanItems, kPlanItemColumns, items);
    AppendAuditEvents(c_, audit_, audited);
    AppendChanges(c_, audit_.at, changes);
  }

  sql::Connection& c_;
  const std::vector<PlanImport>& imports_;
  const AuditCall& audit_;
  std::vector<PlanImportResult> results_;
  std::vector<size_t> created_;  // indexes of the imports that create a plan
  std::vector<size_t> updated_;  // and of those that replace a draft's items
};

}  // namespace

absl::StatusOr<std::map<std::string, StoredImport>> MySqlLearningStore::FindImports(
    const std::vector<std::string>& external_keys) {
  std::map<std::string, StoredImport> stored;
  if (external_keys.empty()) return stored;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    stored = StoredImports(c, external_keys, /*for_update=*/false);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<PlanImportResult>> MySqlLearningStore::ImportPlans(
    const std::vector<PlanImport>& imports, const AuditCall& audit) {
  std::vector<PlanImportResult> results;
  if (imports.empty()) return results;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& c) {
    results = ImportBatch(c, imports, audit).Run();
    return absl::OkStatus();
  }));
  return results;
}

}  // namespace thaksa::learning
