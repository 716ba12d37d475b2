// The agency tree as the assessment store reads it: ancestors from a materialized path.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_AGENCY_PATH_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_AGENCY_PATH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace thaksa::assessment {

// The ids of a materialized path "/1/7/42/", root first: {1, 7, 42}.
std::vector<int64_t> AncestorIds(absl::string_view path);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_AGENCY_PATH_H_
