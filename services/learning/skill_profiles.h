// The port through which learning's use cases ask the assessment service what they need of
// people's skill profiles: which framework they follow today, its foundation skill sets and
// which of those they meet, its learning-mix rule, and the skill sets of a framework. The
// adapter implements it over gRPC as the caller (GrpcSkillProfiles); unit tests use a fake
// (FakeSkillProfiles, in tests/support/fake_learning_store.h).
#ifndef THAKSA_SERVICES_LEARNING_SKILL_PROFILES_H_
#define THAKSA_SERVICES_LEARNING_SKILL_PROFILES_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/learning/domain/learning_rules.h"

namespace thaksa::learning {

// A person's skill profile as the plan rules see it.
struct SkillProfile {
  // The framework the person follows today.
  std::string framework_code;
  // The foundation skill sets of the framework (in the profile's order), and those of them the
  // person meets.
  std::vector<std::string> foundation_sets;
  std::set<std::string> met_sets;
  // The framework's learning-mix rule (the guideline's when it sets none).
  MixPolicy mix_policy;
};

class SkillProfiles {
 public:
  virtual ~SkillProfiles() = default;
  // The person's profile today. FAILED_PRECONDITION when they follow no framework today (no
  // assignment, or no framework for their agency); other errors as the assessment service or
  // the channel gives them.
  virtual absl::StatusOr<SkillProfile> Of(int64_t person_id) = 0;
  // The profiles of `person_ids` today, in one request: an entry per id, each as Of answers it
  // (an error of the whole request is every entry's).
  virtual std::map<int64_t, absl::StatusOr<SkillProfile>> OfEach(
      const std::vector<int64_t>& person_ids) = 0;
  // The codes of the skill sets of framework `framework_code`.
  virtual absl::StatusOr<std::set<std::string>> SkillSetsOf(const std::string& framework_code) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_SKILL_PROFILES_H_
