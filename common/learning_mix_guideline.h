// The guideline's learning-mix rule, in percentage points of a plan's hours: 70:20:10 of
// experiential, social and formal learning within 10, 10 and 5 points (§4.8.3), and 70:30 between
// the present and the future role within 10 points (§4.5.4). A framework version keeps each of
// these numbers it does not set itself.
#ifndef THAKSA_COMMON_LEARNING_MIX_GUIDELINE_H_
#define THAKSA_COMMON_LEARNING_MIX_GUIDELINE_H_

namespace thaksa::guideline {

inline constexpr double kExperientialPercent = 70;
inline constexpr double kSocialPercent = 20;
inline constexpr double kFormalPercent = 10;
inline constexpr double kExperientialTolerance = 10;
inline constexpr double kSocialTolerance = 10;
inline constexpr double kFormalTolerance = 5;
inline constexpr double kPresentPercent = 70;
inline constexpr double kPresentTolerance = 10;

}  // namespace thaksa::guideline

#endif  // THAKSA_COMMON_LEARNING_MIX_GUIDELINE_H_
