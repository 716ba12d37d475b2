// Conversions between the readiness API messages and readiness's values: requests into
// queries (with field violations), figures, gaps, trends, learning mixes and closed years into
// answers, and a skill profile (assessment's message) into read-model rows.
#ifndef THAKSA_SERVICES_READINESS_READINESS_CONVERT_H_
#define THAKSA_SERVICES_READINESS_READINESS_CONVERT_H_

#include <cstdint>
#include <vector>

#include "absl/time/civil_time.h"
#include "common/status.h"
#include "services/readiness/domain/figures.h"
#include "services/readiness/learning_mix.h"
#include "services/readiness/readiness_gaps.h"
#include "services/readiness/readiness_trend.h"
#include "services/readiness/store/readiness_store.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"

namespace thaksa::readiness {

// The query of a GetReadiness request; a date that is not one is recorded in `errors`.
FiguresQuery QueryOf(const v1::GetReadinessRequest& request, FieldErrors& errors);
v1::Readiness ToProto(const ReadinessFigures& figures);

// The query of a ListGaps request; a malformed skill set code is recorded in `errors`.
GapsQuery QueryOf(const v1::ListGapsRequest& request, FieldErrors& errors);
void ToProto(const GapRow& gap, v1::Gap* out);

// The query of a GetTrend request: `to` defaults to `today`, `from` to the first of the month a
// year before; malformed or reversed dates and codes are recorded in `errors`.
TrendQuery QueryOf(const v1::GetTrendRequest& request, absl::CivilDay today, FieldErrors& errors);
v1::Trend ToProto(const TrendFigures& trend);

v1::LearningMix ToProto(const LearningMixFigures& mix);
v1::ClosedYear ToProto(const ClosedYear& closed);

// The rows of `profile`'s standings and of those of each of its further groups (marked so), for
// a person counted in agency `agency_id` at `agency_path`.
std::vector<ReadinessRow> RowsOf(const assessment::v1::SkillProfile& profile, int64_t agency_id,
                                 const std::string& agency_path);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_CONVERT_H_
