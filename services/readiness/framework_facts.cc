#include "services/readiness/framework_facts.h"

#include "common/status.h"
#include "services/learning/learning_convert.h"

namespace thaksa::readiness {

absl::StatusOr<bool> FrameworkFacts::Provisional(const std::string& code) {
  ASSIGN_OR_RETURN(const assessment::CachedFramework* framework, frameworks_.Get(code));
  return framework->message.provisional();
}

std::vector<std::string> FrameworkFacts::FoundationSets(const std::string& code) {
  std::vector<std::string> sets;
  absl::StatusOr<const assessment::CachedFramework*> framework = frameworks_.Get(code);
  if (!framework.ok()) return sets;
  for (const assessment::v1::SkillSet& s : (*framework)->message.skill_sets()) {
    if (s.kind() == assessment::v1::SKILL_SET_KIND_FOUNDATION) sets.push_back(s.code());
  }
  return sets;
}

learning::MixPolicy FrameworkFacts::MixPolicy(const std::string& code) {
  absl::StatusOr<const assessment::CachedFramework*> framework = frameworks_.Get(code);
  if (!framework.ok()) return learning::MixPolicy();
  return learning::MixPolicyOf((*framework)->message.learning_mix());
}

}  // namespace thaksa::readiness
