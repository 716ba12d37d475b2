#include "services/assessment/domain/behaviours.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

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

const Prefix* MatchPrefix(absl::string_view code) {
  for (const Prefix& p : kPrefixes) {
    if (absl::StartsWith(code, p.prefix)) return &p;
  }
  return nullptr;
}

}  // namespace

std::string SkillSetOfUnitCode(absl::string_view code) {
  const Prefix* p = MatchPrefix(code);
  return p == nullptr ? "" : p->skill_set;
}

std::vector<std::string> ExtractUnitCodes(absl::string_view text) {
  std::vector<std::string> codes;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && absl::ascii_isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    const Prefix* p = MatchPrefix(text.substr(i));
    if (p == nullptr) continue;
    size_t end = i + std::string(p->prefix).size();
    const size_t digits = end;
    while (end < text.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text[end])) ||
                                 (text[end] == '.' && end + 1 < text.size() &&
                                  absl::ascii_isdigit(static_cast<unsigned char>(text[end + 1]))))) {
      ++end;
    }
    if (end - digits >= 3) codes.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return codes;
}

}  // namespace thaksa::assessment
