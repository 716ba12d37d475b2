#include "services/readiness/domain/cell_deltas.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace thaksa::readiness {
namespace {

// The ids on a materialized path, root first.
std::vector<int64_t> PathIds(const std::string& path) {
  std::vector<int64_t> ids;
  for (absl::string_view part : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    int64_t id = 0;
    if (absl::SimpleAtoi(part, &id)) ids.push_back(id);
  }
  return ids;
}

}  // namespace

void CellDeltas::Add(const ReadinessRow& row, int sign) {
  if (row.agency_path.empty()) return;  // counted nowhere (its agency is gone)
  const Counts delta = ContributionOf(row.standing).Times(sign);
  int64_t ancestor = 0;  // the whole country
  for (int64_t id : PathIds(row.agency_path)) {
    cells_[{ancestor, id, row.framework_code, row.personnel_group, row.skill_set_code}] += delta;
    ancestor = id;
  }
  cells_[{ancestor, 0, row.framework_code, row.personnel_group, row.skill_set_code}] += delta;
}

void CellDeltas::Replace(const std::vector<ReadinessRow>& before,
                         const std::vector<ReadinessRow>& after) {
  for (const ReadinessRow& row : before) Add(row, -1);
  for (const ReadinessRow& row : after) Add(row, +1);
}

std::map<TreeCellKey, Counts> CellDeltas::Cells() const {
  std::map<TreeCellKey, Counts> moved;
  for (const auto& [key, counts] : cells_) {
    if (!counts.Zero()) moved.emplace(key, counts);
  }
  return moved;
}

}  // namespace thaksa::readiness
