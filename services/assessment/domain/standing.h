// Which assessment counts (the precedence policy), the standing it gives against the targets,
// and reading a level assessed under one framework version under another (the crosswalk).
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_STANDING_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_STANDING_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/assessment/domain/framework_rules.h"

namespace thaksa::assessment {

// What the rules need of one assessment.
struct AssessmentFact {
  int64_t id = 0;
  std::string framework_code;
  std::string skill_set_code;
  int level = 0;
  Source source = Source::kUnspecified;
  absl::CivilDay assessed_on;
  std::optional<absl::CivilDay> valid_until;
  int64_t superseded_by_id = 0;
};

// The outcome of the precedence policy for one skill set on a date.
struct Counted {
  // The assessment that counts, or nullopt.
  std::optional<AssessmentFact> fact;
  // True when there were assessments on or before the date but all had expired.
  bool expired = false;
};

// Among `facts` (of one skill set): those assessed on or before `as_of` and not superseded; of
// those not expired on `as_of`, the first source in `precedence` that has any, and within it the
// most recently assessed (then the highest id). Sources missing from `precedence` count after
// the listed ones, in the default order.
Counted CountAssessment(const std::vector<AssessmentFact>& facts,
                        const std::vector<Source>& precedence, absl::CivilDay as_of);

// Values as in thaksa.assessment.v1.StandingStatus.
enum class Status { kUnspecified = 0, kMeets, kBelow, kNotAssessed, kExpired, kTargetNotDeclared };

struct Standing {
  int level = -1;           // -1: nothing counts
  int present_target = -1;  // -1: not required
  int future_target = -1;
  int gap = 0;              // present_target - level when below
  Status status = Status::kUnspecified;
};

// The standing of `counted` against the targets of the person's period. Without a declared
// period (`period_declared` false) no target is known: TARGET_NOT_DECLARED, with the level if
// one counts, never MEETS. In a declared period, not assessed (or expired) with no present
// target still reports NOT_ASSESSED (or EXPIRED); a level with no present target (the skill set
// is not required of the group in that period) MEETS.
Standing StandingOf(const Counted& counted, bool period_declared,
                    std::optional<int> present_target, std::optional<int> future_target);

// Reading one version's levels under another.
struct CrosswalkRules {
  std::string from_framework;
  std::string to_framework;
  std::map<std::string, std::string> skill_sets;  // from code -> to code
  std::map<int, int> levels;                      // from level -> to level
};

// Whether some skill set of crosswalk.from_framework is read as `to_skill_set`.
bool CarriesInto(const CrosswalkRules& crosswalk, const std::string& to_skill_set);

// `fact` as if assessed under crosswalk.to_framework, or nullopt if its skill set or level has
// no mapping.
std::optional<AssessmentFact> ThroughCrosswalk(const CrosswalkRules& crosswalk,
                                               const AssessmentFact& fact);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_STANDING_H_
