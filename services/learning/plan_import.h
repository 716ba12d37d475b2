// The bulk import of development plans (LearningService.BulkUpsertPlans), a batch of records at
// a time, with the per-plan API's rules: who may edit the person's plans (plan_access.h), item
// fields (checked by the adapter before this), skill sets of the person's framework and courses
// (CheckItemReferences), and the mix and violations the answer shows (Describe). Each batch
// reads the people's placements once, the plans under its keys once, and the skill profiles of
// the people whose records are not replays in one request to the assessment service; framework
// skill sets and courses are read once per stream. The same record again under its key is
// UNCHANGED without further checks, so a retried delivery is not refused for what changed since
// (a framework's skill sets, a course withdrawn).
#ifndef THAKSA_SERVICES_LEARNING_PLAN_IMPORT_H_
#define THAKSA_SERVICES_LEARNING_PLAN_IMPORT_H_

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "services/learning/domain/plan_import.h"
#include "services/learning/plan_workflow.h"
#include "services/learning/store/learning_store.h"
#include "services/personnel/directory/directory.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::learning {

// `record` (its fields checked by CheckPlanRecord) as an import by `principal`: keyed in the
// caller's key space (RecorderKey), its items as AddPlanItem adds them (PLANNED, no progress,
// ids ignored), with the digest of its content.
PlanImport ImportOf(const Principal& principal, const v1::PlanRecord& record);

// What became of one record: the store's result and, for a plan written, the plan as the rules
// describe it (its mix and violations).
struct ImportedPlan {
  PlanImportResult result;
  DescribedPlan described;
};

class PlanImporter final {
 public:
  // One per stream; every argument must outlive it.
  PlanImporter(LearningStore& store, personnel::Directory& directory, const Clock& clock,
               const PlanCall& call)
      : store_(store), directory_(directory), clock_(clock), call_(call) {}

  // Imports one batch (external keys distinct), answering each in order. An error is the
  // batch's (a store or directory failure); a record's own refusal is in its result.
  absl::StatusOr<std::vector<ImportedPlan>> Import(const std::vector<PlanImport>& plans);

 private:
  // Each plan's refusal by who may edit whose plans (OK where the caller may).
  absl::StatusOr<std::vector<absl::Status>> CheckAccess(const std::vector<PlanImport>& plans);
  // What the items of a person with `profile` may refer to.
  absl::StatusOr<ItemReferences> ReferencesFor(const absl::StatusOr<SkillProfile>& profile);
  // OK if every item of `plan` refers to skill sets, courses and goals it may
  // (CheckItemReferences); INVALID_ARGUMENT naming each bad one otherwise, or the profile's or
  // a read's error.
  absl::Status CheckReferences(const PlanImport& plan,
                               const absl::StatusOr<SkillProfile>& profile);

  LearningStore& store_;
  personnel::Directory& directory_;
  const Clock& clock_;
  const PlanCall& call_;
  // Read once per stream: the skill sets of each framework, whether each course exists, the
  // annex's codes.
  std::map<std::string, std::set<std::string>> framework_skill_sets_;
  std::map<std::pair<std::string, std::string>, bool> courses_;
  GoalCodes goals_;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_PLAN_IMPORT_H_
