// The rules of a bulk plan import (LearningService.BulkUpsertPlans) apart from how plans are
// stored: what a record under an external key does given the plan stored under that key. A new
// key creates a DRAFT unless the person has a plan for the year already; the record last imported
// again changes nothing; other content replaces the items of a DRAFT and is refused once the
// plan moved on, as the plan workflow refuses changes to anything but a DRAFT.
#ifndef THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_IMPORT_H_
#define THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_IMPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/learning/domain/plan.h"

namespace thaksa::learning {

// A plan of an import, checked and ready to store.
struct PlanImport {
  // The caller's key space and the record's external id (RecorderKey ":" external id).
  std::string external_key;
  // Of the record's content (person, year, items): the same record again has the same digest.
  std::string digest;
  int64_t person_id = 0;
  int fiscal_year = 0;  // BE
  // Stored PLANNED, without progress.
  std::vector<PlanItem> items;
};

// The plan stored under an external key.
struct StoredImport {
  int64_t plan_id = 0;
  int64_t person_id = 0;
  int fiscal_year = 0;
  PlanStatus status = PlanStatus::kUnspecified;
  // The digest of the record last imported under the key.
  std::string digest;
  int64_t version = 0;
  // Whether an item of the plan carries an application at work (work_application.h).
  bool applied = false;
};

enum class ImportOutcome { kCreated, kUpdated, kUnchanged, kRejected };

// What became of one import.
struct PlanImportResult {
  ImportOutcome outcome = ImportOutcome::kRejected;
  // The plan under the key and its version after the import (0 when rejected).
  int64_t plan_id = 0;
  int64_t version = 0;
  // Why it was rejected, naming the field at fault.
  absl::Status refusal;
};

// What `plan` does: CREATED under a new key (`stored` nullopt) unless the person has a plan for
// the year already (`year_taken`: ALREADY_EXISTS on "person_id"); under a stored key, refused
// when the key names another person's or year's plan (ALREADY_EXISTS on "external_id"),
// UNCHANGED for the digest last imported, UPDATED while the plan is a DRAFT, refused otherwise
// (NotADraft, on "external_id"). `plan_id` and `version` are left to the store.
PlanImportResult DecideImport(const PlanImport& plan, const std::optional<StoredImport>& stored,
                              bool year_taken);

// FAILED_PRECONDITION: a plan in `status` does not change, only a DRAFT does. Carries `field`
// as a field violation when it is not empty.
absl::Status NotADraft(PlanStatus status, const std::string& field = "");

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_DOMAIN_PLAN_IMPORT_H_
