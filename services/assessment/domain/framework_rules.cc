#include "services/assessment/domain/framework_rules.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace thaksa::assessment {
namespace {

void ValidateLearningMix(const LearningMixRule& mix, FieldErrors& errors) {
  const std::pair<const char*, double> values[] = {
      {"experiential_percent", mix.experiential},
      {"social_percent", mix.social},
      {"formal_percent", mix.formal},
      {"experiential_tolerance", mix.experiential_tolerance},
      {"social_tolerance", mix.social_tolerance},
      {"formal_tolerance", mix.formal_tolerance},
      {"present_percent", mix.present},
      {"present_tolerance", mix.present_tolerance}};
  bool numbers = true;
  for (const auto& [name, value] : values) {
    if (!std::isfinite(value) || value < 0 || value > 100) {
      errors.Add(absl::StrCat("framework.learning_mix.", name),
                 "must be a number of percentage points from 0 to 100");
      numbers = false;
    }
  }
  const double modes = mix.experiential + mix.social + mix.formal;
  if (numbers && std::fabs(modes - 100) > 1e-6) {
    errors.Add("framework.learning_mix",
               absl::StrFormat("the experiential, social and formal targets must add up to 100, "
                               "not %g",
                               modes));
  }
}

}  // namespace

const SkillSetRule* FrameworkRules::FindSkillSet(const std::string& code) const {
  for (const SkillSetRule& skill_set : skill_sets) {
    if (skill_set.code == code) return &skill_set;
  }
  return nullptr;
}

bool FrameworkRules::HasLevel(int level) const {
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

std::optional<int> FrameworkRules::Target(Group group, const std::string& skill_set,
                                          Period period) const {
  auto it = targets.find({group, skill_set, period});
  if (it == targets.end()) return std::nullopt;
  return it->second;
}

bool StatusChangeAllowed(FrameworkStatus from, FrameworkStatus to) {
  return (from == FrameworkStatus::kDraft && to == FrameworkStatus::kPublished) ||
         (from == FrameworkStatus::kPublished && to == FrameworkStatus::kRetired);
}

std::vector<Source> DefaultPrecedence() {
  return {Source::kCertification, Source::kInstituteExam, Source::kSupervisor, Source::kSelf};
}

void ValidateFrameworkRules(const FrameworkRules& rules, FieldErrors& errors) {
  if (rules.skill_sets.empty()) errors.Add("framework.skill_sets", "at least one is required");
  std::set<std::string> codes;
  // The stores key rows by skill set code without regard to case, as the database compares.
  std::set<std::string> codes_without_case;
  for (size_t i = 0; i < rules.skill_sets.size(); ++i) {
    const SkillSetRule& s = rules.skill_sets[i];
    const std::string field = absl::StrCat("framework.skill_sets[", i, "]");
    codes.insert(s.code);
    if (!codes_without_case.insert(absl::AsciiStrToUpper(s.code)).second) {
      errors.Add(field + ".code", "is listed twice (codes are compared without regard to case)");
    }
    if (s.kind == SkillSetKind::kUnspecified || static_cast<int>(s.kind) > 3) {
      errors.Add(field + ".kind", "is required: FOUNDATION, ROLE or OPTIONAL");
    }
  }
  for (size_t i = 0; i < rules.levels.size(); ++i) {
    if (rules.levels[i] != static_cast<int>(i)) {
      errors.Add(absl::StrCat("framework.levels[", i, "].level"),
                 "levels must run 0, 1, 2 ... without gaps");
      break;
    }
  }
  if (rules.levels.size() < 2) errors.Add("framework.levels", "at least levels 0 and 1");
  for (const auto& [key, level] : rules.targets) {
    const auto& [group, skill_set, period] = key;
    const std::string where = absl::StrCat("framework.targets (", group, ", ", skill_set, ")");
    if (group < 1 || group > 6) errors.Add(where, "personnel group is required");
    if (codes.count(skill_set) == 0) errors.Add(where, "names no skill set of this framework");
    if (period == Period::kUnspecified || static_cast<int>(period) > 3) {
      errors.Add(where, "period is required");
    }
    if (!rules.HasLevel(level)) errors.Add(where, "level is not on the scale");
  }
  std::set<Source> seen;
  for (Source source : rules.precedence) {
    if (source == Source::kUnspecified || static_cast<int>(source) > 4 ||
        !seen.insert(source).second) {
      errors.Add("framework.precedence", "lists each known source at most once");
      break;
    }
  }
  if (rules.learning_mix.has_value()) ValidateLearningMix(*rules.learning_mix, errors);
}

Period NextPeriod(Period period) {
  switch (period) {
    case Period::kEarly: return Period::kDeveloping;
    case Period::kDeveloping:
    case Period::kMaturing: return Period::kMaturing;
    default: return Period::kUnspecified;
  }
}

std::vector<const SkillSetRule*> ApplicableSkillSets(const FrameworkRules& rules, Group group,
                                                     const std::set<std::string>& adopted) {
  std::vector<const SkillSetRule*> applicable;
  for (const SkillSetRule& s : rules.skill_sets) {
    bool applies = false;
    switch (s.kind) {
      case SkillSetKind::kFoundation:
        applies = true;
        break;
      case SkillSetKind::kRole:
        for (Period p : {Period::kEarly, Period::kDeveloping, Period::kMaturing}) {
          applies = applies || rules.Target(group, s.code, p).has_value();
        }
        break;
      case SkillSetKind::kOptional:
        applies = adopted.count(s.code) > 0;
        break;
      default:
        break;
    }
    if (applies) applicable.push_back(&s);
  }
  return applicable;
}

}  // namespace thaksa::assessment
