// How a change of people's rows moves the aggregates the read model keeps: per agency (the
// whole country as 0) the cells of each of its direct children (and of the people attached to
// it), so that any subtree's figures are read from a bounded number of rows.
#ifndef THAKSA_SERVICES_READINESS_DOMAIN_CELL_DELTAS_H_
#define THAKSA_SERVICES_READINESS_DOMAIN_CELL_DELTAS_H_

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "services/readiness/domain/figures.h"

namespace thaksa::readiness {

// A cell of the people under `ancestor` (0: the whole country) who are in its direct child
// `child` (0: attached to the ancestor itself): (ancestor, child, framework, group, skill set).
using TreeCellKey = std::tuple<int64_t, int64_t, std::string, int, std::string>;

class CellDeltas final {
 public:
  // Adds `sign` (+1 or -1) times the row's contribution to every cell it counts in: one per
  // agency on its path (its own as child 0) and one for the whole country.
  void Add(const ReadinessRow& row, int sign);
  // Adds the contribution of `after` and takes that of `before` away (a person's rows replaced).
  void Replace(const std::vector<ReadinessRow>& before, const std::vector<ReadinessRow>& after);

  // The cells whose counts move, without those that net out to nothing.
  std::map<TreeCellKey, Counts> Cells() const;

 private:
  std::map<TreeCellKey, Counts> cells_;
};

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_DOMAIN_CELL_DELTAS_H_
