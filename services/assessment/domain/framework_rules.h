// A framework version as rules: its skill sets, scale, target matrix and precedence policy, and
// what follows from them for a person (which skill sets apply, which level is required).
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_RULES_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_RULES_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/status.h"

namespace thaksa::assessment {

// Values as in thaksa.assessment.v1.SkillSetKind / AssessmentSource and thaksa.common.v1.
enum class SkillSetKind { kUnspecified = 0, kFoundation, kRole, kOptional };
enum class Source { kUnspecified = 0, kSelf, kSupervisor, kInstituteExam, kCertification };
enum class Period { kUnspecified = 0, kEarly, kDeveloping, kMaturing };
using Group = int;  // thaksa.common.v1.PersonnelGroup, 1-6
// Values as in thaksa.assessment.v1.FrameworkStatus.
enum class FrameworkStatus { kUnspecified = 0, kDraft, kPublished, kRetired };

struct SkillSetRule {
  std::string code;
  int dimension = 0;
  SkillSetKind kind = SkillSetKind::kUnspecified;
};

// The learning-mix rule a version sets (thaksa.assessment.v1.LearningMixPolicy), in percentage
// points: targets of the three modes and of the present role, with their tolerances.
struct LearningMixRule {
  double experiential = 0, social = 0, formal = 0;
  double experiential_tolerance = 0, social_tolerance = 0, formal_tolerance = 0;
  double present = 0, present_tolerance = 0;
};

struct FrameworkRules {
  std::string code;
  bool provisional = false;
  std::vector<SkillSetRule> skill_sets;
  std::vector<int> levels;  // the scale, ascending
  // (group, skill set, period) -> required level; absent means not required.
  std::map<std::tuple<Group, std::string, Period>, int> targets;
  // Most trusted first.
  std::vector<Source> precedence;
  // Absent: the guideline's rule, which the learning service applies.
  std::optional<LearningMixRule> learning_mix;

  const SkillSetRule* FindSkillSet(const std::string& code) const;
  bool HasLevel(int level) const;
  // The required level, or nullopt when not required.
  std::optional<int> Target(Group group, const std::string& skill_set, Period period) const;
};

// Whether a version may go from `from` to `to`: only DRAFT -> PUBLISHED and PUBLISHED -> RETIRED.
bool StatusChangeAllowed(FrameworkStatus from, FrameworkStatus to);

// The default precedence: certification, institute exam, supervisor, self.
std::vector<Source> DefaultPrecedence();

// Adds violations for an incomplete or inconsistent definition: a code, at least one skill set,
// unique skill-set codes with a kind, a scale starting at 0 without gaps, targets on known
// skill sets, groups and periods and on the scale, each source at most once in the precedence,
// and a learning-mix rule (when set) of numbers from 0 to 100 whose three mode targets add up to
// 100.
void ValidateFrameworkRules(const FrameworkRules& rules, FieldErrors& errors);

// The period after `period` (MATURING stays MATURING; UNSPECIFIED gives UNSPECIFIED).
Period NextPeriod(Period period);

// The skill sets that apply to a person of `group` whose agency adopted `adopted` optional sets:
// foundation sets, role sets with a target for the group in some period, adopted optional sets.
std::vector<const SkillSetRule*> ApplicableSkillSets(const FrameworkRules& rules, Group group,
                                                     const std::set<std::string>& adopted);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_RULES_H_
