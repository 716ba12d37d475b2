#include "services/assessment/domain/framework_choice.h"

namespace thaksa::assessment {

const DatedChoice* ChoiceInForce(const std::vector<DatedChoice>& choices,
                                 const std::vector<int64_t>& path_ids, absl::CivilDay day) {
  for (auto agency = path_ids.rbegin(); agency != path_ids.rend(); ++agency) {
    const DatedChoice* latest = nullptr;
    for (const DatedChoice& choice : choices) {
      if (choice.agency_id == *agency && choice.from <= day &&
          (latest == nullptr || choice.from > latest->from)) {
        latest = &choice;
      }
    }
    if (latest != nullptr) return latest;
  }
  return nullptr;
}

}  // namespace thaksa::assessment
