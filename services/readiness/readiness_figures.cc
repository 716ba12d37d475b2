#include "services/readiness/readiness_figures.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/readiness/framework_facts.h"
#include "services/readiness/profile_rows.h"
#include "services/readiness/readiness_scope.h"

namespace thaksa::readiness {
namespace {

// The cells of the figures and the agencies without a declared period among them.
struct Sources {
  std::vector<CellCounts> cells;
  std::vector<AgencyRef> without_period;
};

// The figures the read model keeps: current ones, or closed year `closed_year`'s.
absl::StatusOr<Sources> StoredSources(ReadinessStore& store, const AgencyRef& agency,
                                      bool subtree, std::optional<int> closed_year) {
  Sources sources;
  ASSIGN_OR_RETURN(sources.cells, store.Cells(agency, subtree, closed_year));
  ASSIGN_OR_RETURN(sources.without_period,
                   store.AgenciesWithoutTarget(agency, subtree, closed_year));
  return sources;
}

// The figures of `day` worked out from each person's records then (the read model keeps
// today's only), summed as the read model sums them.
absl::StatusOr<Sources> SourcesOn(ReadinessStore& store, assessment::ProfileInputs& inputs,
                                  const AgencyRef& agency, bool subtree, absl::CivilDay day,
                                  const KeepGoing& keep_going) {
  ASSIGN_OR_RETURN(std::vector<int64_t> people, store.PeopleAssignedOn(agency, day));
  CellDeltas sums;
  RETURN_IF_ERROR(ForRowsOfPeople(inputs, people, day, [&](const PeopleRows& rows) {
    if (keep_going) RETURN_IF_ERROR(keep_going());
    for (const auto& [person, person_rows] : rows) {
      for (const ReadinessRow& row : person_rows) sums.Add(row, +1);
    }
    return absl::OkStatus();
  }));
  Sources sources;
  std::vector<int64_t> without_period;  // agencies with people without a target
  for (const auto& [key, counts] : sums.Cells()) {
    const auto& [ancestor, child, framework, group, skill_set] = key;
    if (ancestor == agency.id && (subtree || child == 0)) {
      sources.cells.push_back({child, group, skill_set, framework, counts});
    }
    if (child == 0 && counts.target_not_declared > 0) without_period.push_back(ancestor);
  }
  ASSIGN_OR_RETURN(auto agencies, store.AgenciesById(without_period));
  for (const auto& [id, where] : agencies) {  // those under the agency asked about
    if (subtree ? absl::StartsWith(where.path, agency.path) : id == agency.id) {
      sources.without_period.push_back(where);
    }
  }
  std::sort(sources.without_period.begin(), sources.without_period.end(),
            [](const AgencyRef& a, const AgencyRef& b) { return a.code < b.code; });
  return sources;
}

}  // namespace

absl::StatusOr<ReadinessFigures> ComputeFigures(ReadinessStore& store,
                                                assessment::StandingReads& standings,
                                                const Principal& principal,
                                                const FiguresQuery& query, absl::Time now,
                                                const KeepGoing& keep_going) {
  ReadinessFigures figures;
  if (query.closed_fiscal_year.has_value() && query.as_of.has_value()) {
    return InvalidField("as_of", "give either a closed fiscal year or a day, not both");
  }
  ASSIGN_OR_RETURN(figures.agency,
                   AgencyAsked(store, principal, query.agency_code, query.national));
  const absl::CivilDay today = ThaiDate(now);
  const absl::CivilDay as_of = query.as_of.value_or(today);
  if (as_of > today) return InvalidField("as_of", "must not be in the future");
  if (query.closed_fiscal_year.has_value()) {
    const int year = *query.closed_fiscal_year;
    absl::StatusOr<ClosedYear> closed = store.FindClosedYear(year);
    if (absl::IsNotFound(closed.status())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "fiscal year ", year, " is not closed; ask for the current figures instead"));
    }
    RETURN_IF_ERROR(closed.status());
    figures.closed_fiscal_year = year;
    figures.data_as_of = closed->closed_at;
    ASSIGN_OR_RETURN(figures.adjustments_since_closing,
                     standings.AssessmentsRecordedAfter(figures.agency.path, FiscalYearEnd(year),
                                                        closed->last_assessment_id));
  }
  Sources sources;
  if (as_of != today) {
    ASSIGN_OR_RETURN(sources, SourcesOn(store, standings, figures.agency, query.subtree, as_of,
                                        keep_going));
  } else {
    ASSIGN_OR_RETURN(sources, StoredSources(store, figures.agency, query.subtree,
                                            query.closed_fiscal_year));
  }
  FrameworkFacts frameworks(standings);
  for (CellCounts& cell : sources.cells) {
    ASSIGN_OR_RETURN(cell.counts.provisional, frameworks.Provisional(cell.framework_code));
  }
  figures.as_of = query.closed_fiscal_year.has_value() ? FiscalYearEnd(*query.closed_fiscal_year)
                                                       : as_of;
  Summarize(sources.cells, query.personnel_groups, query.skill_set_codes, query.subtree, figures);
  figures.without_period = std::move(sources.without_period);
  if (query.subtree) {
    std::vector<int64_t> ids;
    for (const ChildFigures& child : figures.children) {
      if (child.agency.id != 0) ids.push_back(child.agency.id);
    }
    ASSIGN_OR_RETURN(auto children, store.AgenciesById(ids));
    for (ChildFigures& child : figures.children) {
      if (child.agency.id != 0) child.agency = children[child.agency.id];
    }
  }
  if (!query.closed_fiscal_year.has_value() && as_of == today) {
    ASSIGN_OR_RETURN(Freshness freshness, store.FreshnessAt(now));
    figures.data_as_of = freshness.data_as_of;
    figures.pending_changes = freshness.pending;
    figures.lag = freshness.lag;
  }
  return figures;
}

}  // namespace thaksa::readiness
