#include "services/assessment/store/agency_path.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace thaksa::assessment {

std::vector<int64_t> AncestorIds(absl::string_view path) {
  std::vector<int64_t> ids;
  for (absl::string_view part : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    int64_t id = 0;
    if (absl::SimpleAtoi(part, &id)) ids.push_back(id);
  }
  return ids;
}

}  // namespace thaksa::assessment
