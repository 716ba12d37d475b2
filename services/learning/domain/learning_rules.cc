#include "services/learning/domain/learning_rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace thaksa::learning {
namespace {

std::string Percent(double value) { return absl::StrFormat("%.0f %%", value); }

void CheckShare(const char* rule, const char* name, double actual, double target,
                double tolerance, std::vector<RuleViolation>& violations) {
  if (std::fabs(actual - target) > tolerance + 1e-9) {
    violations.push_back({rule, absl::StrFormat("%s is %s of planned hours; the framework asks "
                                                "for %g %% +/- %g points",
                                                name, Percent(actual), target, tolerance)});
  }
}

}  // namespace

Mix MixOf(const std::vector<ItemHours>& items, bool achieved) {
  Mix mix;
  double present = 0, future = 0;
  for (const ItemHours& item : items) {
    const double hours = achieved ? item.achieved : item.planned;
    switch (item.mode) {
      case Mode::kExperiential: mix.experiential_hours += hours; break;
      case Mode::kSocial: mix.social_hours += hours; break;
      case Mode::kFormal: mix.formal_hours += hours; break;
      default: break;
    }
    (item.horizon == Horizon::kFuture ? future : present) += hours;
  }
  const double total = mix.total();
  if (total > 0) {
    mix.experiential_percent = 100 * mix.experiential_hours / total;
    mix.social_percent = 100 * mix.social_hours / total;
    mix.formal_percent = 100 * mix.formal_hours / total;
  }
  if (present + future > 0) {
    mix.present_percent = 100 * present / (present + future);
    mix.future_percent = 100 * future / (present + future);
  }
  return mix;
}

std::vector<RuleViolation> CheckPlan(const std::vector<ItemHours>& items, const MixPolicy& policy,
                                     const std::vector<std::string>& foundation_sets,
                                     const std::set<std::string>& met_sets) {
  std::vector<RuleViolation> violations;
  const Mix mix = MixOf(items, /*achieved=*/false);
  if (mix.total() <= 0) {
    violations.push_back({"items", "the plan has no planned hours"});
    return violations;
  }
  CheckShare("mix.experiential", "experiential learning", mix.experiential_percent,
             policy.experiential, policy.experiential_tolerance, violations);
  CheckShare("mix.social", "social learning", mix.social_percent, policy.social,
             policy.social_tolerance, violations);
  CheckShare("mix.formal", "formal training", mix.formal_percent, policy.formal,
             policy.formal_tolerance, violations);
  CheckShare("horizon", "development for the present role", mix.present_percent,
             policy.present, policy.horizon_tolerance, violations);
  for (const std::string& foundation : foundation_sets) {
    if (met_sets.count(foundation) > 0) continue;
    const bool planned = std::any_of(items.begin(), items.end(), [&](const ItemHours& item) {
      return item.planned > 0 && std::find(item.skill_sets.begin(), item.skill_sets.end(),
                                           foundation) != item.skill_sets.end();
    });
    if (!planned) {
      violations.push_back({absl::StrCat("foundation.", foundation),
                            absl::StrCat("foundation skill set ", foundation,
                                         " is neither met nor developed by any item")});
    }
  }
  return violations;
}

std::optional<std::string> SixtyFortyViolation(bool in_class, const ClassHours& hours) {
  if (!in_class) return std::nullopt;
  const double total = hours.total();
  if (total <= 0) return "an in-class design must give its hours by method";
  const double lecture = 100 * hours.lecture / total;
  if (lecture > 60 + 1e-9) {
    return absl::StrCat("lecture is ", Percent(lecture),
                        " of in-class time; at most 60 % is allowed, at least 40 % must be "
                        "discussion, learning by doing, case study or assignment");
  }
  return std::nullopt;
}

std::optional<std::string> ImplausibleBecause(const Attendance& completion,
                                              absl::Duration minimum,
                                              const std::vector<Attendance>& others) {
  const absl::Duration took = completion.finished - completion.started;
  if (took < absl::ZeroDuration()) return "finished before it started";
  if (took < minimum) {
    return absl::StrCat("completed in ", absl::FormatDuration(took), ", faster than the course's ",
                        "minimum of ", absl::FormatDuration(minimum));
  }
  for (const Attendance& other : others) {
    const absl::Duration overlap = std::min(completion.finished, other.finished) -
                                   std::max(completion.started, other.started);
    const absl::Duration shorter =
        std::min(took, other.finished - other.started);
    if (overlap > absl::ZeroDuration() && overlap * 2 > shorter) {
      return "overlaps another completion of the same person";
    }
  }
  return std::nullopt;
}

}  // namespace thaksa::learning
