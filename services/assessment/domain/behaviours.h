// Competency units of the TPQI annex: which skill set a unit code points to.
#ifndef THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOURS_H_
#define THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOURS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace thaksa::assessment {

// The CS-2018 skill set of a unit code by its prefix (DTr: TRANSFORMATION, DL: LEADERSHIP,
// DT: TECHNOLOGY, DS: PROCESS_SERVICE, DG: GOVERNANCE, PM/SM: PROJECT_STRATEGY); "" if none.
std::string SkillSetOfUnitCode(absl::string_view code);

// The unit codes in free text, e.g. "DTr200, DL402 (see note)" -> {"DTr200", "DL402"}.
std::vector<std::string> ExtractUnitCodes(absl::string_view text);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_DOMAIN_BEHAVIOURS_H_
