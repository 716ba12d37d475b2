#include "services/assessment/domain/framework_rules.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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

const char* GroupName(Group group) {
  static const char* const kNames[] = {"PERSONNEL_GROUP_UNSPECIFIED", "PERSONNEL_GROUP_EXECUTIVE",
                                       "PERSONNEL_GROUP_MANAGEMENT",  "PERSONNEL_GROUP_ACADEMIC",
                                       "PERSONNEL_GROUP_SERVICE",     "PERSONNEL_GROUP_TECHNOLOGY",
                                       "PERSONNEL_GROUP_OTHERS"};
  return group >= 0 && group <= 6 ? kNames[group] : kNames[0];
}

// Role profiles named once each. With role profiles, every group mapping of a known group,
// naming one of them, with an entry without conditions per group that comes after its others
// (without, the mappings are informative and not judged).
void ValidateRoleProfiles(const FrameworkRules& rules, const std::set<std::string>& profiles,
                          FieldErrors& errors) {
  std::set<std::string> listed;
  for (size_t i = 0; i < rules.role_profiles.size(); ++i) {
    if (!listed.insert(rules.role_profiles[i]).second) {
      errors.Add(absl::StrCat("framework.role_profiles[", i, "].code"), "is listed twice");
    }
  }
  if (rules.role_profiles.empty()) return;
  std::set<Group> unconditional;
  for (size_t i = 0; i < rules.profile_rules.size(); ++i) {
    const ProfileRule& rule = rules.profile_rules[i];
    const std::string field = absl::StrCat("framework.group_profiles[", i, "]");
    if (rule.group < 1 || rule.group > 6) {
      errors.Add(field + ".personnel_group", "personnel group is required");
    } else if (unconditional.count(rule.group) > 0) {
      errors.Add(field, absl::StrCat("is never reached: an earlier entry of ",
                                     GroupName(rule.group), " has no conditions"));
    }
    if (rule.Unconditional()) unconditional.insert(rule.group);
    if (profiles.count(rule.profile) == 0) {
      errors.Add(field + ".profile", "names no role profile of this framework");
    }
  }
  for (Group group = 1; group <= 6; ++group) {
    if (unconditional.count(group) == 0) {
      errors.Add("framework.group_profiles",
                 absl::StrCat(GroupName(group),
                              " needs an entry without position or grade conditions, so that "
                              "each of its people has a role profile"));
    }
  }
}

// Each target of a known group or (with role profiles, only) a known profile, on a skill set
// of the version, in a period, at a level of the scale, given once.
void ValidateTargets(const FrameworkRules& rules, const std::set<std::string>& skill_sets,
                     const std::set<std::string>& profiles, FieldErrors& errors) {
  const std::set<int> levels(rules.levels.begin(), rules.levels.end());
  std::map<std::tuple<Group, std::string, std::string, Period>, size_t> first_of;
  for (size_t i = 0; i < rules.targets.size(); ++i) {
    const TargetRule& t = rules.targets[i];
    const std::string field = absl::StrCat("framework.targets[", i, "]");
    if (!t.profile.empty()) {
      if (profiles.count(t.profile) == 0) {
        errors.Add(field + ".role_profile", "names no role profile of this framework");
      }
    } else if (!rules.role_profiles.empty()) {
      errors.Add(field + ".role_profile",
                 "is required: under role profiles, a target is a role profile's, not a group's");
    } else if (t.group < 1 || t.group > 6) {
      errors.Add(field + ".personnel_group", "personnel group (or role_profile) is required");
    }
    if (skill_sets.count(t.skill_set) == 0) {
      errors.Add(field + ".skill_set_code", "names no skill set of this framework");
    }
    if (t.period == Period::kUnspecified || static_cast<int>(t.period) > 3) {
      errors.Add(field + ".period", "period is required");
    }
    if (levels.count(t.target.level) == 0) errors.Add(field + ".level", "is not on the scale");
    const auto [first, inserted] =
        first_of.emplace(std::make_tuple(t.profile.empty() ? t.group : 0, t.profile,
                                         t.skill_set, t.period),
                         i);
    if (!inserted) {
      errors.Add(field, absl::StrCat("repeats framework.targets[", first->second,
                                     "]: the same holder, skill set and period"));
    }
  }
}

// Whether `word` occurs in `text` (both in MatchingForm); a word of letters A-Z and digits only
// must stand whole, between characters that are neither.
bool ContainsWord(const std::string& text, const std::string& word) {
  const auto alphanumeric = [](char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); };
  const bool whole = std::all_of(word.begin(), word.end(), [&](char c) {
    return alphanumeric(c) || c == ' ';
  });
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    if (!whole || ((at == 0 || !alphanumeric(text[at - 1])) &&
                   (end == text.size() || !alphanumeric(text[end])))) {
      return true;
    }
  }
  return false;
}

bool Matches(const ProfileRule& rule, const std::string& position_title,
             const std::string& grade) {
  const auto any = [](const std::vector<std::string>& words, auto&& match) {
    return words.empty() || std::any_of(words.begin(), words.end(), match);
  };
  return any(rule.position_keywords,
             [&](const std::string& word) { return ContainsWord(position_title, word); }) &&
         any(rule.grades, [&](const std::string& g) { return g == grade; });
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

void FrameworkRules::AddTarget(TargetRule target) {
  target_index.emplace(std::make_tuple(target.profile.empty() ? target.group : 0, target.profile,
                                       target.skill_set, target.period),
                       target.target);
  targets.push_back(std::move(target));
}

std::optional<TargetLevel> FrameworkRules::Target(const TargetHolder& holder,
                                                  const std::string& skill_set,
                                                  Period period) const {
  auto it = target_index.find(
      {holder.profile.empty() ? holder.group : 0, holder.profile, skill_set, period});
  if (it == target_index.end()) return std::nullopt;
  return it->second;
}

std::string MatchingForm(absl::string_view text) {
  // UTF-8 of the characters replaced or dropped.
  constexpr absl::string_view kNikhahitSaraAa = "\xE0\xB9\x8D\xE0\xB8\xB2";
  constexpr absl::string_view kSaraAm = "\xE0\xB8\xB3";
  constexpr absl::string_view kZeroWidth[] = {"\xE2\x80\x8B", "\xE2\x80\x8C",
                                              "\xE2\x80\x8D", "\xEF\xBB\xBF"};
  constexpr absl::string_view kSpaces[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE3\x80\x80"};
  constexpr absl::string_view kThaiZero = "\xE0\xB9\x90";  // U+0E50..U+0E59: last byte +0..9
  std::string out;
  bool blank = false;
  for (size_t i = 0; i < text.size();) {
    const absl::string_view rest = text.substr(i);
    const auto starts = [&](absl::string_view prefix) { return absl::StartsWith(rest, prefix); };
    if (std::any_of(std::begin(kZeroWidth), std::end(kZeroWidth), starts)) {
      i += 3;
      continue;
    }
    size_t space = 0;
    if (absl::ascii_isspace(static_cast<unsigned char>(text[i]))) space = 1;
    for (absl::string_view s : kSpaces) space = starts(s) ? s.size() : space;
    // U+2000..U+200A, the typographic spaces.
    if (rest.size() >= 3 && rest[0] == '\xE2' && rest[1] == '\x80' &&
        static_cast<unsigned char>(rest[2]) <= 0x8A) {
      space = 3;
    }
    if (space > 0) {
      blank = !out.empty();
      i += space;
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    if (starts(kNikhahitSaraAa)) {
      out.append(kSaraAm.data(), kSaraAm.size());
      i += kNikhahitSaraAa.size();
    } else if (rest.size() >= 3 && rest.substr(0, 2) == kThaiZero.substr(0, 2) &&
               static_cast<unsigned char>(rest[2]) >= 0x90 &&
               static_cast<unsigned char>(rest[2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(rest[2]) - 0x90));
      i += 3;
    } else {
      out += absl::ascii_tolower(static_cast<unsigned char>(text[i]));
      ++i;
    }
  }
  return out;
}

TargetHolder TargetHolderOf(const FrameworkRules& rules, Group group,
                            absl::string_view position_title, absl::string_view grade) {
  if (!rules.role_profiles.empty()) {
    const std::string title = MatchingForm(position_title), grade_form = MatchingForm(grade);
    for (const ProfileRule& rule : rules.profile_rules) {
      if (rule.group == group && Matches(rule, title, grade_form)) {
        return {group, rule.profile, rule.provisional};
      }
    }
  }
  return {group, "", false};
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
  // The stores key rows by skill set code without regard to case, as the database compares.
  std::set<std::string> codes_without_case;
  for (size_t i = 0; i < rules.skill_sets.size(); ++i) {
    const SkillSetRule& s = rules.skill_sets[i];
    const std::string field = absl::StrCat("framework.skill_sets[", i, "]");
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
  std::set<std::string> skill_set_codes;
  for (const SkillSetRule& s : rules.skill_sets) skill_set_codes.insert(s.code);
  const std::set<std::string> profiles(rules.role_profiles.begin(), rules.role_profiles.end());
  ValidateTargets(rules, skill_set_codes, profiles, errors);
  ValidateRoleProfiles(rules, profiles, errors);
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

std::vector<const SkillSetRule*> ApplicableSkillSets(const FrameworkRules& rules,
                                                     const TargetHolder& holder,
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
          applies = applies || rules.Target(holder, s.code, p).has_value();
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
