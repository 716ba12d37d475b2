#include "services/assessment/domain/behaviour_checklist.h"

#include <algorithm>

#include "services/assessment/domain/competency_units.h"

namespace thaksa::assessment {
namespace {

// The codes through which `evidence` links to `behaviour`: its code, if the evidence names it,
// then each of its units that one of the evidence's meets.
std::vector<std::string> MatchedCodes(const ExpectedBehaviour& behaviour,
                                      const Evidence& evidence) {
  std::vector<std::string> matched;
  if (std::find(evidence.behaviour_codes.begin(), evidence.behaviour_codes.end(),
                behaviour.code) != evidence.behaviour_codes.end()) {
    matched.push_back(behaviour.code);
  }
  for (const std::string& unit : behaviour.unit_codes) {
    for (const std::string& given : evidence.unit_codes) {
      if (UnitCodesMeet(unit, given)) {
        matched.push_back(unit);
        break;
      }
    }
  }
  return matched;
}

}  // namespace

std::vector<CheckedBehaviour> CheckBehaviours(const std::vector<ExpectedBehaviour>& behaviours,
                                              const std::vector<Evidence>& evidence) {
  std::vector<CheckedBehaviour> checked;
  for (const ExpectedBehaviour& behaviour : behaviours) {
    CheckedBehaviour check;
    for (size_t i = 0; i < evidence.size(); ++i) {
      std::vector<std::string> matched = MatchedCodes(behaviour, evidence[i]);
      if (matched.empty()) continue;
      check.links.push_back({i, std::move(matched)});
      if (evidence[i].shows) {
        check.state = BehaviourState::kShown;
      } else if (check.state != BehaviourState::kShown) {
        check.state = BehaviourState::kInProgress;
      }
    }
    checked.push_back(std::move(check));
  }
  return checked;
}

}  // namespace thaksa::assessment
