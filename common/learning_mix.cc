#include "common/learning_mix.h"

#include "common/learning_mix_guideline.h"

namespace thaksa {
namespace pb = ::thaksa::assessment::v1;

pb::LearningMixPolicy LearningMixRuleOf(const pb::LearningMixPolicy& given) {
  pb::LearningMixPolicy rule;
  rule.set_experiential_percent(given.has_experiential_percent()
                                    ? given.experiential_percent()
                                    : guideline::kExperientialPercent);
  rule.set_social_percent(given.has_social_percent() ? given.social_percent()
                                                     : guideline::kSocialPercent);
  rule.set_formal_percent(given.has_formal_percent() ? given.formal_percent()
                                                     : guideline::kFormalPercent);
  rule.set_experiential_tolerance(given.has_experiential_tolerance()
                                      ? given.experiential_tolerance()
                                      : guideline::kExperientialTolerance);
  rule.set_social_tolerance(given.has_social_tolerance() ? given.social_tolerance()
                                                         : guideline::kSocialTolerance);
  rule.set_formal_tolerance(given.has_formal_tolerance() ? given.formal_tolerance()
                                                         : guideline::kFormalTolerance);
  rule.set_present_percent(given.has_present_percent() ? given.present_percent()
                                                       : guideline::kPresentPercent);
  rule.set_present_tolerance(given.has_present_tolerance() ? given.present_tolerance()
                                                           : guideline::kPresentTolerance);
  return rule;
}

}  // namespace thaksa
