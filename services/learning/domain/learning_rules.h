// The learning rules of the guideline: the 70:20:10 mix (§4.8.3) with a tolerance, the 70:30
// split between present and future roles (§4.5.4), foundation coverage, the 60/40 design rule
// of in-class training (§4.8.4), and the plausibility of reported completions.
#ifndef THAKSA_SERVICES_LEARNING_DOMAIN_LEARNING_RULES_H_
#define THAKSA_SERVICES_LEARNING_DOMAIN_LEARNING_RULES_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/learning_mix_guideline.h"

namespace thaksa::learning {

// Values as in thaksa.learning.v1.
enum class Mode { kUnspecified = 0, kExperiential, kSocial, kFormal };
enum class Horizon { kUnspecified = 0, kPresent, kFuture };

struct ItemHours {
  Mode mode = Mode::kUnspecified;
  Horizon horizon = Horizon::kUnspecified;
  double planned = 0;
  double achieved = 0;
  std::vector<std::string> skill_sets;
};

// Targets and tolerances in percentage points: the guideline's unless a framework version sets
// others (thaksa.assessment.v1.LearningMixPolicy).
struct MixPolicy {
  double experiential = guideline::kExperientialPercent, social = guideline::kSocialPercent,
         formal = guideline::kFormalPercent;
  double experiential_tolerance = guideline::kExperientialTolerance,
         social_tolerance = guideline::kSocialTolerance,
         formal_tolerance = guideline::kFormalTolerance;
  double present = guideline::kPresentPercent, horizon_tolerance = guideline::kPresentTolerance;
};

struct Mix {
  double experiential_hours = 0, social_hours = 0, formal_hours = 0;
  double experiential_percent = 0, social_percent = 0, formal_percent = 0;
  double present_percent = 0, future_percent = 0;
  double total() const { return experiential_hours + social_hours + formal_hours; }
};

struct RuleViolation {
  std::string rule;
  std::string reason;
};

// The mix of `items` by planned hours, or by achieved hours when `achieved`.
Mix MixOf(const std::vector<ItemHours>& items, bool achieved);

// Every rule the planned mix breaks: an empty plan, each mode outside its target +/- tolerance,
// the present share outside 70 +/- tolerance, and each of `foundation_sets` neither met
// (`met_sets`) nor developed by some item.
std::vector<RuleViolation> CheckPlan(const std::vector<ItemHours>& items, const MixPolicy& policy,
                                     const std::vector<std::string>& foundation_sets,
                                     const std::set<std::string>& met_sets);

// Hours of an in-class design by method.
struct ClassHours {
  double lecture = 0, discussion = 0, learning_by_doing = 0, case_study = 0, assignment = 0;
  double total() const { return lecture + discussion + learning_by_doing + case_study + assignment; }
};

// Why an in-class design breaks the 60/40 rule (lecture over 60 % of training time), or nullopt
// if it keeps it. `in_class` is false for online-only courses, which the rule does not cover.
std::optional<std::string> SixtyFortyViolation(bool in_class, const ClassHours& hours);

// A completion as plausibility sees it.
struct Attendance {
  absl::Time started;
  absl::Time finished;
};

// Why a completion is implausible: finished before it started, faster than the course's minimum
// duration, or overlapping another counted completion of the same person by more than half of
// the shorter one; nullopt if plausible.
std::optional<std::string> ImplausibleBecause(const Attendance& completion,
                                              absl::Duration minimum,
                                              const std::vector<Attendance>& others);

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_DOMAIN_LEARNING_RULES_H_
