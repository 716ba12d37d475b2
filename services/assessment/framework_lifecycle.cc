#include "services/assessment/framework_lifecycle.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/proto_json.h"
#include "common/status.h"
#include "services/assessment/assessment_checks.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/framework_cache.h"

namespace thaksa::assessment {
namespace {

// Adds the violations of a definition: text and list sizes, then (with every list within its
// limit) the framework rules.
void CheckDefinition(const v1::Framework& definition, FieldErrors& errors) {
  if (CheckFrameworkText(definition, errors)) ValidateFrameworkRules(RulesOf(definition), errors);
}

// The definition as stored: status and version belong to the stored row.
std::string DefinitionJson(v1::Framework definition) {
  definition.clear_status();
  definition.clear_version();
  return ToJson(definition);
}

// A version named by `field` of a crosswalk; unknown ones are named in `errors`.
const CachedFramework* CrosswalkEnd(FrameworkCache& frameworks, const std::string& code,
                                    const std::string& field, FieldErrors& errors,
                                    absl::Status& failure) {
  absl::StatusOr<const CachedFramework*> framework = frameworks.Get(code);
  if (framework.ok()) return *framework;
  if (absl::IsNotFound(framework.status())) {
    errors.Add(field, "no framework has this code");
  } else if (failure.ok()) {
    failure = framework.status();
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<v1::Framework> CreateDraftFramework(AssessmentStore& store,
                                                   v1::Framework definition,
                                                   const AuditCall& audit) {
  FieldErrors errors;
  CheckDefinition(definition, errors);
  RETURN_IF_ERROR(errors.ToStatus());
  ASSIGN_OR_RETURN(const StoredFramework stored,
                   store.CreateFramework(definition.code(), DefinitionJson(definition), audit));
  return FrameworkOf(stored);
}

absl::StatusOr<v1::Framework> ReviseDraftFramework(AssessmentStore& store,
                                                   v1::Framework definition,
                                                   int64_t expected_version,
                                                   const AuditCall& audit) {
  FieldErrors errors;
  CheckDefinition(definition, errors);
  if (expected_version <= 0) errors.Add("expected_version", "is required");
  RETURN_IF_ERROR(errors.ToStatus());
  ASSIGN_OR_RETURN(const StoredFramework stored,
                   store.UpdateFramework(definition.code(), DefinitionJson(definition),
                                         expected_version, audit));
  return FrameworkOf(stored);
}

absl::StatusOr<v1::Framework> ChangeFrameworkStatus(AssessmentStore& store,
                                                    const std::string& code,
                                                    FrameworkStatus status,
                                                    const AuditCall& audit) {
  if (status != FrameworkStatus::kPublished && status != FrameworkStatus::kRetired) {
    return InvalidField("status", "must be PUBLISHED or RETIRED");
  }
  ASSIGN_OR_RETURN(const StoredFramework stored, store.SetFrameworkStatus(code, status, audit));
  return FrameworkOf(stored);
}

absl::Status StoreCrosswalk(AssessmentStore& store, const v1::Crosswalk& crosswalk,
                            const AuditCall& audit) {
  FrameworkCache frameworks(store);
  FieldErrors errors;
  absl::Status failure;
  const CachedFramework* from =
      CrosswalkEnd(frameworks, crosswalk.from_framework(), "from_framework", errors, failure);
  const CachedFramework* to =
      CrosswalkEnd(frameworks, crosswalk.to_framework(), "to_framework", errors, failure);
  RETURN_IF_ERROR(failure);
  RETURN_IF_ERROR(errors.ToStatus());
  const FrameworkRules& from_rules = from->rules;
  const FrameworkRules& to_rules = to->rules;
  for (int i = 0; i < crosswalk.skill_sets_size(); ++i) {
    const auto& m = crosswalk.skill_sets(i);
    if (from_rules.FindSkillSet(m.from_skill_set()) == nullptr ||
        to_rules.FindSkillSet(m.to_skill_set()) == nullptr) {
      errors.Add(absl::StrCat("skill_sets[", i, "]"), "names a skill set neither version has");
    }
  }
  std::set<int> mapped;
  for (int i = 0; i < crosswalk.levels_size(); ++i) {
    const auto& m = crosswalk.levels(i);
    if (!from_rules.HasLevel(m.from_level()) || !to_rules.HasLevel(m.to_level())) {
      errors.Add(absl::StrCat("levels[", i, "]"), "maps a level off one of the scales");
    }
    mapped.insert(m.from_level());
  }
  for (int level : from_rules.levels) {
    if (mapped.count(level) == 0) {
      errors.Add("levels", absl::StrCat("level ", level, " of ", from_rules.code, " is unmapped"));
    }
  }
  RETURN_IF_ERROR(errors.ToStatus());
  return store.PutCrosswalk(
      {crosswalk.from_framework(), crosswalk.to_framework(), ToJson(crosswalk)}, audit);
}

}  // namespace thaksa::assessment
