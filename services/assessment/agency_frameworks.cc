#include "services/assessment/agency_frameworks.h"

#include <algorithm>

#include "services/assessment/assessment_scope.h"
#include "services/assessment/framework_cache.h"

namespace thaksa::assessment {

absl::StatusOr<AgencyChoice> ChooseAgencyFramework(AssessmentStore& store,
                                                   personnel::Directory& directory,
                                                   const Principal& principal,
                                                   const FrameworkChoice& choice,
                                                   absl::CivilDay today, const AuditCall& audit) {
  RETURN_IF_ERROR(RequireAgency(directory, principal, choice.agency_code));
  RETURN_IF_ERROR(store.SetAgencyFramework(choice.agency_code, choice.framework_code,
                                           choice.effective_from, audit));
  return store.AgencyFramework(choice.agency_code, std::max(choice.effective_from, today));
}

absl::StatusOr<AgencyChoice> AdoptOptionalSkillSet(AssessmentStore& store,
                                                   personnel::Directory& directory,
                                                   const Principal& principal,
                                                   const OptionalSkillSetChoice& choice,
                                                   FieldErrors errors, absl::CivilDay today,
                                                   const AuditCall& audit) {
  FrameworkCache frameworks(store);
  absl::StatusOr<const CachedFramework*> framework = frameworks.Get(choice.framework_code);
  if (!framework.ok()) {
    if (!absl::IsNotFound(framework.status())) return framework.status();
    errors.Add("framework_code", "no framework has this code");
  } else {
    const SkillSetRule* skill_set = (*framework)->rules.FindSkillSet(choice.skill_set_code);
    if (skill_set == nullptr || skill_set->kind != SkillSetKind::kOptional) {
      errors.Add("skill_set_code", "is not an optional skill set of this framework");
    }
  }
  RETURN_IF_ERROR(errors.ToStatus());
  RETURN_IF_ERROR(RequireAgency(directory, principal, choice.agency_code));
  RETURN_IF_ERROR(store.SetOptionalSkillSet(choice.agency_code, choice.framework_code,
                                            choice.skill_set_code, choice.adopted,
                                            choice.effective_from, audit));
  return store.AgencyFramework(choice.agency_code, std::max(choice.effective_from, today));
}

}  // namespace thaksa::assessment
