// Which framework version an agency follows on a day: agencies choose a version from a date on,
// and an agency without a choice of its own follows its nearest ancestor that has one.
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_CHOICE_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_CHOICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace thaksa::assessment {

// One agency's choice of a framework version from a day on.
struct DatedChoice {
  int64_t agency_id = 0;
  std::string agency_code;
  absl::CivilDay from;
  int64_t framework_id = 0;
  std::string framework_code;
};

// The choice in force on `day` for the agency whose path is `path_ids` (its ancestors' ids,
// root first, then its own): the latest choice from `day` or earlier of the nearest agency on
// the path that has one; nullptr if none. `choices` may hold other agencies' choices too.
const DatedChoice* ChoiceInForce(const std::vector<DatedChoice>& choices,
                                 const std::vector<int64_t>& path_ids, absl::CivilDay day);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_FRAMEWORK_CHOICE_H_
