#include "services/learning/domain/plan_import.h"

#include "absl/strings/str_cat.h"
#include "common/status.h"

namespace thaksa::learning {

PlanImportResult DecideImport(const PlanImport& plan, const std::optional<StoredImport>& stored,
                              bool year_taken) {
  PlanImportResult result;
  if (!stored.has_value()) {
    if (!year_taken) {
      result.outcome = ImportOutcome::kCreated;
    } else {
      result.refusal = FieldStatus(absl::StatusCode::kAlreadyExists, "person_id",
                                   absl::StrCat("the person has a plan for fiscal year ",
                                                plan.fiscal_year,
                                                " already, under no or another external id"));
    }
  } else if (stored->person_id != plan.person_id || stored->fiscal_year != plan.fiscal_year) {
    result.refusal = FieldStatus(absl::StatusCode::kAlreadyExists, "external_id",
                                 "names the plan of another person or fiscal year");
  } else if (stored->digest == plan.digest) {
    result.outcome = ImportOutcome::kUnchanged;
  } else if (stored->status == PlanStatus::kDraft && stored->applied) {
    result.refusal = FieldStatus(
        absl::StatusCode::kFailedPrecondition, "external_id",
        "items of the draft carry applications at work, which an import would cut off from "
        "them: change the draft item by item");
  } else if (stored->status == PlanStatus::kDraft) {
    result.outcome = ImportOutcome::kUpdated;
  } else {
    result.refusal = NotADraft(stored->status, "external_id");
  }
  return result;
}

absl::Status NotADraft(PlanStatus status, const std::string& field) {
  const std::string reason =
      absl::StrCat("the plan is ", PlanStatusName(status),
                   "; only a DRAFT changes (an approved plan changes through a new revision)");
  if (field.empty()) return absl::FailedPreconditionError(reason);
  return FieldStatus(absl::StatusCode::kFailedPrecondition, field, reason);
}

}  // namespace thaksa::learning
