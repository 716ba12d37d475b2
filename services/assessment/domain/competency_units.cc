#include "services/assessment/domain/competency_units.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/field_checks.h"

namespace thaksa::assessment {
namespace {

struct Prefix {
  const char* prefix;
  const char* skill_set;
};

// Longest prefixes first: "DTr" before "DT".
constexpr Prefix kPrefixes[] = {{"DTr", "TRANSFORMATION"}, {"DL", "LEADERSHIP"},
                                {"DT", "TECHNOLOGY"},      {"DS", "PROCESS_SERVICE"},
                                {"DG", "GOVERNANCE"},      {"PM", "PROJECT_STRATEGY"},
                                {"SM", "PROJECT_STRATEGY"}};

// The prefix `text` starts with, letters compared without regard to case; a prefix followed by
// a letter is not one ("DTx", "DLead").
const Prefix* MatchPrefix(absl::string_view text) {
  for (const Prefix& p : kPrefixes) {
    const absl::string_view prefix(p.prefix);
    if (absl::StartsWithIgnoreCase(text, prefix) &&
        (text.size() == prefix.size() ||
         !absl::ascii_isalpha(static_cast<unsigned char>(text[prefix.size()])))) {
      return &p;
    }
  }
  return nullptr;
}

// `text` for a message: at most 40 characters of it.
std::string Shown(absl::string_view text) {
  const std::string shown = Utf8Prefix(text, 40);
  return shown.size() < text.size() ? absl::StrCat(shown, "...") : shown;
}

absl::StatusOr<Component> ComponentOf(absl::string_view name) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(name));
  if (upper == "K" || upper == "KNOWLEDGE") return Component::kKnowledge;
  if (upper == "A" || upper == "ABILITY") return Component::kAbility;
  if (upper == "E" || upper == "EXPERIENCE") return Component::kExperience;
  if (upper == "ATT" || upper == "ATTRIBUTE") return Component::kAttribute;
  return absl::InvalidArgumentError(
      absl::StrCat("\"", Shown(name), "\" is no component: K, A, E or ATT (knowledge, ability, "
                   "experience, attribute)"));
}

bool AllDigits(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isdigit(static_cast<unsigned char>(c));
  });
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// The unit number of a code in the one form (0 for a wildcard).
int UnitNumber(const std::string& code) {
  const Prefix* p = MatchPrefix(code);
  if (p == nullptr) return 0;
  return std::atoi(code.c_str() + std::string(p->prefix).size());
}

}  // namespace

absl::StatusOr<UnitCode> NormaliseUnitCode(absl::string_view text) {
  UnitCode unit;
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  if (const size_t colon = rest.find(':'); colon != absl::string_view::npos) {
    absl::StatusOr<Component> component = ComponentOf(rest.substr(colon + 1));
    if (!component.ok()) return component.status();
    unit.component = *component;
    rest = absl::StripAsciiWhitespace(rest.substr(0, colon));
  }
  const Prefix* p = MatchPrefix(rest);
  const auto not_a_code = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", Shown(text), "\" is no competency-unit code: DTr, DL, DT, DS, DG, PM or SM with a unit "
        "number of three digits (and an element, \"DS404.2\"), or a prefix's wildcard, \"PM*\""));
  };
  if (p == nullptr) return not_a_code();
  rest.remove_prefix(std::string(p->prefix).size());
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '-' || rest.front() == '_')) {
    rest.remove_prefix(1);
  }
  if (rest == "*" || absl::EqualsIgnoreCase(rest, "all")) {
    unit.code = absl::StrCat(p->prefix, "*");
    return unit;
  }
  absl::string_view number = rest, element;
  if (const size_t dot = rest.find_first_of(".,"); dot != absl::string_view::npos) {
    number = rest.substr(0, dot);
    element = rest.substr(dot + 1);
    if (!AllDigits(element) || element.size() > 2) return not_a_code();
  }
  if (!AllDigits(number) || number.size() != 3) return not_a_code();
  unit.code = absl::StrCat(p->prefix, number);
  const int element_number = element.empty() ? 0 : std::atoi(std::string(element).c_str());
  if (element_number > 0) absl::StrAppend(&unit.code, ".", element_number);
  return unit;
}

absl::StatusOr<AnnexCodes> ParseAnnexCodes(absl::string_view cell) {
  AnnexCodes codes;
  for (absl::string_view part : absl::StrSplit(cell, absl::ByAnyChar(";,"), absl::SkipWhitespace())) {
    if (absl::StrContains(part, ':') || MatchPrefix(absl::StripAsciiWhitespace(part)) != nullptr) {
      absl::StatusOr<UnitCode> unit = NormaliseUnitCode(part);
      if (!unit.ok()) return unit.status();
      codes.unit_codes.push_back(unit->code);
      if (unit->component != Component::kUnspecified) codes.components.push_back(unit->component);
      continue;
    }
    absl::StatusOr<Component> component = ComponentOf(part);
    if (!component.ok()) return component.status();
    codes.components.push_back(*component);
  }
  return codes;
}

std::string NearestUnitCode(const std::string& code, const std::vector<std::string>& known) {
  const Prefix* prefix = MatchPrefix(code);
  const std::string letters = prefix == nullptr ? "" : prefix->prefix;
  const int number = UnitNumber(code);
  std::string nearest;
  std::tuple<size_t, bool, bool, int> best;
  for (const std::string& candidate : known) {
    // A longer prefix that begins with the code's ("DTr" for "DT") is the likelier slip.
    const std::tuple<size_t, bool, bool, int> rank{
        EditDistance(code, candidate), MatchPrefix(candidate) != prefix,
        letters.empty() || !absl::StartsWith(candidate, letters),
        std::abs(UnitNumber(candidate) - number)};
    if (nearest.empty() || rank < best) {
      nearest = candidate;
      best = rank;
    }
  }
  return nearest;
}

std::vector<std::string> UnitCodesOf(const std::vector<std::string>& given,
                                     const std::string& field, FieldErrors& errors,
                                     const std::vector<std::string>* known) {
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (size_t i = 0; i < given.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    const absl::StatusOr<UnitCode> unit = NormaliseUnitCode(given[i]);
    if (!unit.ok()) {
      errors.Add(item, unit.status().message());
    } else if (known != nullptr && !std::binary_search(known->begin(), known->end(), unit->code)) {
      const std::string nearest = NearestUnitCode(unit->code, *known);
      errors.Add(item, absl::StrCat(unit->code, " is no unit of the competency-unit catalogue",
                                    nearest.empty() ? " (the catalogue is empty)"
                                                    : absl::StrCat("; the nearest is ", nearest)));
    } else if (seen.insert(unit->code).second) {
      codes.push_back(unit->code);
    }
  }
  return codes;
}

bool UnitCodesMeet(absl::string_view a, absl::string_view b) {
  const auto under_wildcard = [](absl::string_view wildcard, absl::string_view code) {
    if (!absl::EndsWith(wildcard, "*")) return false;
    const Prefix* prefix = MatchPrefix(code);
    return prefix != nullptr && wildcard.substr(0, wildcard.size() - 1) == prefix->prefix;
  };
  const auto element_of = [](absl::string_view element, absl::string_view unit) {
    return element.size() > unit.size() && absl::StartsWith(element, unit) &&
           element[unit.size()] == '.';
  };
  if (a.empty() || b.empty()) return false;
  return a == b || under_wildcard(a, b) || under_wildcard(b, a) || element_of(a, b) ||
         element_of(b, a);
}

std::string SkillSetOfUnitCode(absl::string_view code) {
  const Prefix* p = MatchPrefix(code);
  return p == nullptr ? "" : p->skill_set;
}

}  // namespace thaksa::assessment
