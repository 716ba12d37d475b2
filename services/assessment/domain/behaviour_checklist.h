// The annex checklist of a person: each behaviour the annex expects of their group in their
// agency's period, with the evidence that links to it and the state that evidence gives it. An
// assessment links through a competency unit the behaviour is tagged with; a plan item through
// the behaviour's code or a unit; a completed course through a unit (UnitCodesMeet).
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOUR_CHECKLIST_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOUR_CHECKLIST_H_

#include <cstdint>
#include <string>
#include <vector>

namespace thaksa::assessment {

// Values as in thaksa.assessment.v1.BehaviourState.
enum class BehaviourState { kUnspecified = 0, kNotStarted, kInProgress, kShown };

// A behaviour expected of the person: its code and unit codes (in their one form).
struct ExpectedBehaviour {
  std::string code;
  std::vector<std::string> unit_codes;
};

// Something of the person's that may evidence behaviours.
struct Evidence {
  // Values as in thaksa.assessment.v1.EvidenceKind.
  enum class Kind { kUnspecified = 0, kAssessment, kPlanItem, kCompletion };
  Kind kind = Kind::kUnspecified;
  int64_t id = 0;
  std::vector<std::string> behaviour_codes;  // plan items only
  std::vector<std::string> unit_codes;
  // It shows what it links to: an assessment that counts, or an activity whose application at
  // work the supervisor confirmed. Otherwise the behaviour is in progress.
  bool shows = false;
};

// What links one piece of evidence to a behaviour.
struct EvidenceLink {
  size_t evidence = 0;                      // its index in the evidence given
  std::vector<std::string> matched_codes;  // the behaviour's code, or the units that meet
};

struct CheckedBehaviour {
  BehaviourState state = BehaviourState::kNotStarted;
  std::vector<EvidenceLink> links;  // in the order of the evidence given
};

// For each of `behaviours` (in order): SHOWN if evidence that shows links to it, else
// IN_PROGRESS if any evidence does, else NOT_STARTED; with every link.
std::vector<CheckedBehaviour> CheckBehaviours(const std::vector<ExpectedBehaviour>& behaviours,
                                              const std::vector<Evidence>& evidence);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOUR_CHECKLIST_H_
