#include "services/readiness/domain/figures.h"

#include <tuple>

namespace thaksa::readiness {
namespace {

using CellKey = std::tuple<int, std::string, std::string>;  // group, skill set, framework

std::vector<Cell> CellsOf(const std::map<CellKey, Counts>& cells, Counts* total) {
  std::vector<Cell> out;
  for (const auto& [key, counts] : cells) {
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), counts});
    if (total != nullptr) *total += counts;
  }
  return out;
}

}  // namespace

AgencyRef WholeCountry() { return {0, "", "ทั้งประเทศ", "Whole country", "/"}; }

bool operator==(const ReadinessRow& a, const ReadinessRow& b) {
  return a.skill_set_code == b.skill_set_code && a.framework_code == b.framework_code &&
         a.agency_id == b.agency_id && a.agency_path == b.agency_path &&
         a.personnel_group == b.personnel_group && a.standing == b.standing &&
         a.last_assessed == b.last_assessed && a.further_group == b.further_group;
}

void Summarize(const std::vector<CellCounts>& rows, const std::set<int>& groups,
               const std::set<std::string>& skill_sets, bool by_child, ReadinessFigures& figures) {
  std::map<CellKey, Counts> cells;
  std::map<int, Counts> by_group;
  std::map<std::string, Counts> by_skill_set;
  std::map<int64_t, std::map<CellKey, Counts>> children;
  for (const CellCounts& row : rows) {
    if (!groups.empty() && groups.count(row.personnel_group) == 0) continue;
    if (!skill_sets.empty() && skill_sets.count(row.skill_set_code) == 0) continue;
    const CellKey key{row.personnel_group, row.skill_set_code, row.framework_code};
    cells[key] += row.counts;
    by_group[row.personnel_group] += row.counts;
    by_skill_set[row.skill_set_code] += row.counts;
    children[row.child_agency_id][key] += row.counts;
    figures.total += row.counts;
  }
  figures.cells = CellsOf(cells, nullptr);
  figures.groups.assign(by_group.begin(), by_group.end());
  figures.skill_sets.assign(by_skill_set.begin(), by_skill_set.end());
  if (!by_child) return;
  for (const auto& [id, child_cells] : children) {
    ChildFigures child;
    child.agency.id = id;
    child.cells = CellsOf(child_cells, &child.total);
    figures.children.push_back(std::move(child));
  }
}

}  // namespace thaksa::readiness
