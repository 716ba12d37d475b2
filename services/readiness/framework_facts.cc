#include "services/readiness/framework_facts.h"

#include "common/status.h"
#include "services/learning/learning_convert.h"

namespace thaksa::readiness {

absl::StatusOr<bool> FrameworkFacts::Provisional(const std::string& code) {
  ASSIGN_OR_RETURN(const assessment::CachedFramework* framework, frameworks_.Get(code));
  return framework->message.provisional();
}

const FrameworkFacts::PlanRules& FrameworkFacts::PlanRulesOf(const std::string& code) {
  auto [it, added] = plan_rules_.try_emplace(code);
  if (!added || code.empty()) return it->second;
  absl::StatusOr<const assessment::CachedFramework*> framework = frameworks_.Get(code);
  if (!framework.ok()) return it->second;
  for (const assessment::v1::SkillSet& s : (*framework)->message.skill_sets()) {
    if (s.kind() == assessment::v1::SKILL_SET_KIND_FOUNDATION) {
      it->second.foundation_sets.push_back(s.code());
    }
  }
  it->second.mix_policy = learning::MixPolicyOf((*framework)->message.learning_mix());
  return it->second;
}

}  // namespace thaksa::readiness
