#include "services/readiness/framework_facts.h"

#include "services/assessment/assessment_convert.h"

namespace thaksa::readiness {

const absl::StatusOr<assessment::v1::Framework>& FrameworkFacts::Get(const std::string& code) {
  auto found = known_.find(code);
  if (found == known_.end()) {
    absl::StatusOr<assessment::StoredFramework> stored = frameworks_.GetFramework(code);
    found = known_
                .emplace(code, stored.ok() ? assessment::FrameworkOf(*stored)
                                           : absl::StatusOr<assessment::v1::Framework>(
                                                 stored.status()))
                .first;
  }
  return found->second;
}

absl::StatusOr<bool> FrameworkFacts::Provisional(const std::string& code) {
  const absl::StatusOr<assessment::v1::Framework>& framework = Get(code);
  if (!framework.ok()) return framework.status();
  return framework->provisional();
}

std::vector<std::string> FrameworkFacts::FoundationSets(const std::string& code) {
  std::vector<std::string> sets;
  const absl::StatusOr<assessment::v1::Framework>& framework = Get(code);
  if (!framework.ok()) return sets;
  for (const assessment::v1::SkillSet& s : framework->skill_sets()) {
    if (s.kind() == assessment::v1::SKILL_SET_KIND_FOUNDATION) sets.push_back(s.code());
  }
  return sets;
}

}  // namespace thaksa::readiness
