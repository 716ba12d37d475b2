// The values readiness figures are made of: agencies, the rows each person gives the read model,
// aggregated cells, and the figures of an agency with their drill-down by child agency; and the
// rule that sums cells into those figures. No gRPC, no SQL.
#ifndef THAKSA_SERVICES_READINESS_DOMAIN_FIGURES_H_
#define THAKSA_SERVICES_READINESS_DOMAIN_FIGURES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/readiness/domain/readiness_counts.h"

namespace thaksa::readiness {

struct AgencyRef {
  int64_t id = 0;
  std::string code;
  std::string name_th;
  std::string name_en;
  std::string path;  // materialized: "/1/7/42/"
};

// Every agency's path starts with "/", so the whole country is the subtree of this root, and its
// direct children are the ministries.
AgencyRef WholeCountry();

// A person's standing in one applicable skill set of one group they serve in, where and as whom
// they count. Someone who serves in further groups has rows in each of them too, so that they
// count in every group (the group rows add up to more than the people).
struct ReadinessRow {
  std::string skill_set_code;
  std::string framework_code;
  int64_t agency_id = 0;
  // The agency's path when the row was made: the subtrees the row counts in.
  std::string agency_path;
  int personnel_group = 0;
  PersonStanding standing;
  std::optional<absl::CivilDay> last_assessed;
  // The group is a further group of the person's (an approved secondary group), not their own.
  bool further_group = false;
};
bool operator==(const ReadinessRow& a, const ReadinessRow& b);

// Aggregated figures of the agencies below (or at) the agency asked about.
struct CellCounts {
  int64_t child_agency_id = 0;  // 0: attached directly to the agency asked about
  int personnel_group = 0;
  std::string skill_set_code;
  std::string framework_code;
  Counts counts;
};

// Which figures are asked for.
struct FiguresQuery {
  std::string agency_code;  // empty: the caller's own (or, with `national`, the whole country)
  bool national = false;
  bool subtree = false;                  // with a breakdown by direct child agency
  std::set<int> personnel_groups;        // empty: all
  std::set<std::string> skill_set_codes;  // empty: all
  std::optional<absl::CivilDay> as_of;    // absent: today
  std::optional<int> closed_fiscal_year;  // the frozen figures of a closed year
};

// One group × skill set × framework cell.
struct Cell {
  int personnel_group = 0;
  std::string skill_set_code;
  std::string framework_code;
  Counts counts;
};

// The figures of one direct child agency (agency.id 0: the people attached directly).
struct ChildFigures {
  AgencyRef agency;
  std::vector<Cell> cells;
  Counts total;
};

// The figures of an agency, as GetReadiness answers them.
struct ReadinessFigures {
  AgencyRef agency;
  absl::CivilDay as_of;
  std::optional<int> closed_fiscal_year;
  std::vector<Cell> cells;                                  // by group, skill set, framework
  std::vector<std::pair<int, Counts>> groups;               // by group
  std::vector<std::pair<std::string, Counts>> skill_sets;   // by skill set
  Counts total;
  std::vector<AgencyRef> without_period;  // agencies with people without a target, by code
  std::vector<ChildFigures> children;     // with a subtree query: by child id, direct first
  // When the figures were true: the closing time of a closed year, or the occurrence time of
  // the last change included in the current ones; absent for figures as of a past day.
  std::optional<absl::Time> data_as_of;
  int64_t adjustments_since_closing = 0;  // closed years only
  int64_t pending_changes = 0;            // current figures only
  absl::Duration lag;                     // current figures only
};

// Sums `rows` of the cells asked for (`groups` and `skill_sets`: empty means all) into the
// figures' cells, group and skill-set totals and total, and with `by_child` into one
// ChildFigures per child (agency named by id only).
void Summarize(const std::vector<CellCounts>& rows, const std::set<int>& groups,
               const std::set<std::string>& skill_sets, bool by_child, ReadinessFigures& figures);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_DOMAIN_FIGURES_H_
