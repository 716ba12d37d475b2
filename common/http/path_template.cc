#include "common/http/path_template.h"

#include <cctype>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace thaksa::http {
namespace {

// Splits "/a/b:verb" into its segments and verb. A ':' inside a variable's braces is not a verb.
std::pair<absl::string_view, absl::string_view> SplitVerb(absl::string_view path) {
  const size_t colon = path.rfind(':');
  if (colon == absl::string_view::npos || path.find('}', colon) != absl::string_view::npos ||
      path.find('/', colon) != absl::string_view::npos) {
    return {path, {}};
  }
  return {path.substr(0, colon), path.substr(colon + 1)};
}

bool IsFieldPath(absl::string_view text) {
  if (text.empty()) return false;
  for (absl::string_view name : absl::StrSplit(text, '.')) {
    if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
      return false;
    }
    for (char c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\": ", why));
  };
  if (!absl::StartsWith(text, "/")) return invalid("must start with '/'");
  PathTemplate parsed;
  parsed.text_ = std::string(text);
  auto [path, verb] = SplitVerb(text);
  parsed.verb_ = std::string(verb);
  for (absl::string_view segment : absl::StrSplit(path.substr(1), '/')) {
    if (segment.empty()) return invalid("has an empty segment");
    if (absl::StartsWith(segment, "{")) {
      if (!absl::EndsWith(segment, "}")) return invalid("a variable must be a whole segment");
      const absl::string_view field = segment.substr(1, segment.size() - 2);
      if (!IsFieldPath(field)) return invalid(absl::StrCat("'", field, "' is not a field path"));
      parsed.segments_.push_back({"", std::string(field)});
    } else {
      if (absl::StrContains(segment, "{") || absl::StrContains(segment, "}") ||
          absl::StrContains(segment, "*")) {
        return invalid(absl::StrCat("unsupported segment '", segment, "'"));
      }
      parsed.segments_.push_back({std::string(segment), ""});
    }
  }
  return parsed;
}

std::optional<PathVariables> PathTemplate::Match(absl::string_view path) const {
  if (!absl::StartsWith(path, "/")) return std::nullopt;
  absl::string_view rest = path.substr(1);
  if (!verb_.empty()) {
    if (!absl::EndsWith(rest, absl::StrCat(":", verb_))) return std::nullopt;
    rest.remove_suffix(verb_.size() + 1);
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(rest, '/');
  if (parts.size() != segments_.size()) return std::nullopt;
  PathVariables variables;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = segments_[i];
    if (segment.variable.empty()) {
      if (parts[i] != segment.literal) return std::nullopt;
      continue;
    }
    // An empty value, or a verb the template does not have, is no match.
    if (parts[i].empty() || (verb_.empty() && i + 1 == parts.size() &&
                             absl::StrContains(parts[i], ':'))) {
      return std::nullopt;
    }
    variables.emplace_back(segment.variable, std::string(parts[i]));
  }
  return variables;
}

std::vector<std::string> PathTemplate::Variables() const {
  std::vector<std::string> names;
  for (const Segment& segment : segments_) {
    if (!segment.variable.empty()) names.push_back(segment.variable);
  }
  return names;
}

}  // namespace thaksa::http
