#include "services/readiness/readiness_trend.h"

#include "common/status.h"
#include "services/readiness/readiness_scope.h"

namespace thaksa::readiness {

absl::StatusOr<TrendFigures> TrendOf(ReadinessStore& store, const Principal& principal,
                                     const TrendQuery& query, absl::CivilDay today) {
  TrendFigures trend;
  ASSIGN_OR_RETURN(trend.agency, VisibleAgency(store, principal, query.agency_code));
  ASSIGN_OR_RETURN(trend.points, store.Trend(trend.agency, query.from, query.to, today,
                                             query.skill_set_code, query.personnel_group));
  return trend;
}

}  // namespace thaksa::readiness
