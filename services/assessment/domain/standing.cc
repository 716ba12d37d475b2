#include "services/assessment/domain/standing.h"

#include <algorithm>

namespace thaksa::assessment {
namespace {

// Rank of `source` in `precedence` (lower counts first); unlisted sources after, by default.
int Rank(Source source, const std::vector<Source>& precedence) {
  auto listed = std::find(precedence.begin(), precedence.end(), source);
  if (listed != precedence.end()) return static_cast<int>(listed - precedence.begin());
  const std::vector<Source> fallback = DefaultPrecedence();
  auto defaulted = std::find(fallback.begin(), fallback.end(), source);
  return static_cast<int>(precedence.size() + (defaulted - fallback.begin()));
}

}  // namespace

Counted CountAssessment(const std::vector<AssessmentFact>& facts,
                        const std::vector<Source>& precedence, absl::CivilDay as_of) {
  Counted counted;
  for (const AssessmentFact& fact : facts) {
    if (fact.superseded_by_id != 0 || fact.assessed_on > as_of) continue;
    if (fact.valid_until.has_value() && *fact.valid_until < as_of) {
      counted.expired = true;
      continue;
    }
    if (!counted.fact.has_value()) {
      counted.fact = fact;
      continue;
    }
    const AssessmentFact& best = *counted.fact;
    const int rank = Rank(fact.source, precedence), best_rank = Rank(best.source, precedence);
    const bool better =
        rank < best_rank ||
        (rank == best_rank && (fact.assessed_on > best.assessed_on ||
                               (fact.assessed_on == best.assessed_on && fact.id > best.id)));
    if (better) counted.fact = fact;
  }
  if (counted.fact.has_value()) counted.expired = false;
  return counted;
}

Standing StandingOf(const Counted& counted, bool period_declared,
                    std::optional<int> present_target, std::optional<int> future_target) {
  Standing standing;
  if (!period_declared) {
    if (counted.fact.has_value()) standing.level = counted.fact->level;
    standing.status = Status::kTargetNotDeclared;
    return standing;
  }
  standing.present_target = present_target.value_or(-1);
  standing.future_target = future_target.value_or(-1);
  if (!counted.fact.has_value()) {
    standing.status = counted.expired ? Status::kExpired : Status::kNotAssessed;
    standing.gap = present_target.value_or(0);
    return standing;
  }
  standing.level = counted.fact->level;
  if (present_target.has_value() && standing.level < *present_target) {
    standing.status = Status::kBelow;
    standing.gap = *present_target - standing.level;
  } else {
    standing.status = Status::kMeets;
  }
  return standing;
}

bool CarriesInto(const CrosswalkRules& crosswalk, const std::string& to_skill_set) {
  for (const auto& [from, to] : crosswalk.skill_sets) {
    if (to == to_skill_set) return true;
  }
  return false;
}

std::optional<AssessmentFact> ThroughCrosswalk(const CrosswalkRules& crosswalk,
                                               const AssessmentFact& fact) {
  if (fact.framework_code != crosswalk.from_framework) return std::nullopt;
  auto skill_set = crosswalk.skill_sets.find(fact.skill_set_code);
  auto level = crosswalk.levels.find(fact.level);
  if (skill_set == crosswalk.skill_sets.end() || level == crosswalk.levels.end()) {
    return std::nullopt;
  }
  AssessmentFact mapped = fact;
  mapped.framework_code = crosswalk.to_framework;
  mapped.skill_set_code = skill_set->second;
  mapped.level = level->second;
  return mapped;
}

}  // namespace thaksa::assessment
