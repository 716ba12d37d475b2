// The people below target in an agency's subtree (ListGaps), a page of people at a time, each
// row flagged when its target is provisional.
#ifndef THAKSA_SERVICES_READINESS_READINESS_GAPS_H_
#define THAKSA_SERVICES_READINESS_READINESS_GAPS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/principal.h"
#include "services/assessment/store/standing_reads.h"
#include "services/readiness/store/readiness_store.h"

namespace thaksa::readiness {

struct GapsQuery {
  std::string agency_code;     // empty: the caller's own
  std::string skill_set_code;  // empty: all
  int personnel_group = 0;     // 0: all
  int page_size = 0;           // 0: the default
  std::string page_token;
};

struct GapsPage {
  std::vector<GapRow> gaps;    // by person, then skill set
  std::vector<int64_t> people;  // whose rows these are (for the audit of personal reads)
  std::string next_page_token;  // empty: the last page
};

// The page `query` asks for, if `principal` may see the agency.
absl::StatusOr<GapsPage> FindGaps(ReadinessStore& store, assessment::ProfileInputs& frameworks,
                                  const Principal& principal, const GapsQuery& query);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_GAPS_H_
