// The trend of an agency's subtree (GetTrend): headcount and share ready per kept month, and
// today's.
#ifndef THAKSA_SERVICES_READINESS_READINESS_TREND_H_
#define THAKSA_SERVICES_READINESS_READINESS_TREND_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/auth/principal.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

struct TrendQuery {
  std::string agency_code;  // empty: the caller's own
  absl::CivilDay from;
  absl::CivilDay to;
  std::string skill_set_code;  // empty: all
  int personnel_group = 0;     // 0: all
};

struct TrendFigures {
  AgencyRef agency;
  std::vector<std::pair<absl::CivilDay, Counts>> points;  // kept months in order, then today
};

// The trend `query` asks for, if `principal` may see the agency.
absl::StatusOr<TrendFigures> TrendOf(ReadinessStore& store, const Principal& principal,
                                     const TrendQuery& query, absl::CivilDay today);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_TREND_H_
