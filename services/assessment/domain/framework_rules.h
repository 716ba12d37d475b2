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

#include "absl/strings/string_view.h"
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

// A level a target requires, and whether that level is provisional.
struct TargetLevel {
  int level = 0;
  bool provisional = false;
};

// One entry of the target matrix (thaksa.assessment.v1.Target): a group's or a role profile's.
struct TargetRule {
  Group group = 0;      // 0 when it is a role profile's
  std::string profile;  // empty when it is a group's
  std::string skill_set;
  Period period = Period::kUnspecified;
  TargetLevel target;
};

// Which role profile people of a group take (thaksa.assessment.v1.GroupProfile): when the
// position title contains one of `position_keywords` (none: any) and the grade is one of
// `grades` (none: any). Words are kept as MatchingForm gives them.
struct ProfileRule {
  Group group = 0;
  std::string profile;
  std::vector<std::string> position_keywords;
  std::vector<std::string> grades;
  bool provisional = false;

  bool Unconditional() const { return position_keywords.empty() && grades.empty(); }
};

// Whose targets a person is held to: their personnel group's, or under a framework with role
// profiles, the profile their assignment gives them.
struct TargetHolder {
  Group group = 0;
  std::string profile;       // empty: the group's own targets
  bool provisional = false;  // the profile was given by a provisional mapping
};

struct FrameworkRules {
  std::string code;
  bool provisional = false;
  std::vector<SkillSetRule> skill_sets;
  std::vector<int> levels;  // the scale, ascending
  // The target matrix in the order given (validation names entries by their index); added with
  // AddTarget, which indexes them for Target(). A combination without a target: not required.
  std::vector<TargetRule> targets;
  // (group, role profile, skill set, period) -> the first target given for it.
  std::map<std::tuple<Group, std::string, std::string, Period>, TargetLevel> target_index;
  // The role profiles' codes; when there are any, people are held to their profile's targets.
  std::vector<std::string> role_profiles;
  // In order; the first of a person's group whose conditions hold gives their profile.
  std::vector<ProfileRule> profile_rules;
  // Most trusted first.
  std::vector<Source> precedence;
  // Absent: the guideline's rule, which the learning service applies.
  std::optional<LearningMixRule> learning_mix;

  const SkillSetRule* FindSkillSet(const std::string& code) const;
  bool HasLevel(int level) const;
  // Appends `target` to `targets` and indexes it (a repeat of an earlier one's group or profile,
  // skill set and period is kept for validation to name, not indexed).
  void AddTarget(TargetRule target);
  // The level required of `holder`, or nullopt when not required.
  std::optional<TargetLevel> Target(const TargetHolder& holder, const std::string& skill_set,
                                    Period period) const;
};

// `text` as position titles, grades and their keywords are compared: letters A-Z in lower case,
// Thai digits as 0-9, SARA AM written as NIKHAHIT + SARA AA as the one character, and every run
// of blanks (non-breaking and zero-width spaces included) as one space, none at either end.
std::string MatchingForm(absl::string_view text);

// Whose targets a person of `group` with that position title and grade is held to: without role
// profiles, the group's; with them, the profile of the first rule of the group that matches, both
// sides in MatchingForm: a keyword of letters A-Z and digits only matches whole words ("CIO" is
// not found in "socio"), another anywhere in the title; a grade matches a grade equal to it. No
// rule matching (a definition that failed validation): the group's.
TargetHolder TargetHolderOf(const FrameworkRules& rules, Group group,
                            absl::string_view position_title, absl::string_view grade);

// Whether a version may go from `from` to `to`: only DRAFT -> PUBLISHED and PUBLISHED -> RETIRED.
bool StatusChangeAllowed(FrameworkStatus from, FrameworkStatus to);

// The default precedence: certification, institute exam, supervisor, self.
std::vector<Source> DefaultPrecedence();

// Adds violations for an incomplete or inconsistent definition: a code, at least one skill set,
// unique skill-set codes with a kind, a scale starting at 0 without gaps, targets (each given
// once) on known skill sets, groups and periods and on the scale, each source at most once in
// the precedence, a learning-mix rule (when set) of numbers from 0 to 100 whose three mode targets add up to
// 100, and role profiles (when there are any) that every target and group mapping names, with
// an entry without conditions for each group, last among the group's.
void ValidateFrameworkRules(const FrameworkRules& rules, FieldErrors& errors);

// The period after `period` (MATURING stays MATURING; UNSPECIFIED gives UNSPECIFIED).
Period NextPeriod(Period period);

// The skill sets that apply to a person held to `holder`'s targets whose agency adopted `adopted`
// optional sets: foundation sets, role sets with a target for the holder in some period, adopted
// optional sets.
std::vector<const SkillSetRule*> ApplicableSkillSets(const FrameworkRules& rules,
                                                     const TargetHolder& holder,
                                                     const std::set<std::string>& adopted);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_RULES_H_
