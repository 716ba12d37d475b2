// A framework version's learning-mix rule as it applies: the numbers the version sets, and the
// guideline's (common/learning_mix_guideline.h) for those it leaves out.
#ifndef THAKSA_COMMON_LEARNING_MIX_H_
#define THAKSA_COMMON_LEARNING_MIX_H_

#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa {

// The rule that applies where a version gives `given` (Framework.learning_mix, or a skill
// profile's; the empty message when it sets none), with every number.
assessment::v1::LearningMixPolicy LearningMixRuleOf(const assessment::v1::LearningMixPolicy& given);

}  // namespace thaksa

#endif  // THAKSA_COMMON_LEARNING_MIX_H_
