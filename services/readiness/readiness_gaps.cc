#include "services/readiness/readiness_gaps.h"

#include "absl/strings/str_cat.h"
#include "common/page_token.h"
#include "common/status.h"
#include "services/readiness/framework_facts.h"
#include "services/readiness/readiness_scope.h"

namespace thaksa::readiness {

absl::StatusOr<GapsPage> FindGaps(ReadinessStore& store, assessment::ProfileInputs& frameworks,
                                  const Principal& principal, const GapsQuery& query) {
  ASSIGN_OR_RETURN(const AgencyRef agency, VisibleAgency(store, principal, query.agency_code));
  const std::string filter =
      absl::StrCat(agency.code, "|", query.skill_set_code, "|", query.personnel_group);
  ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(query.page_size));
  ASSIGN_OR_RETURN(const int64_t after, DecodePageToken(query.page_token, filter));
  GapsPage page;
  ASSIGN_OR_RETURN(page.gaps, store.Gaps(agency, query.skill_set_code, query.personnel_group,
                                         after, page_size));
  FrameworkFacts facts(frameworks);
  for (GapRow& gap : page.gaps) {
    if (page.people.empty() || page.people.back() != gap.person_id) {
      page.people.push_back(gap.person_id);
    }
    ASSIGN_OR_RETURN(gap.provisional, facts.Provisional(gap.framework_code));
  }
  if (static_cast<int>(page.people.size()) == page_size) {
    page.next_page_token = EncodePageToken(page.people.back(), filter);
  }
  return page;
}

}  // namespace thaksa::readiness
