#include "services/readiness/year_closing.h"

#include "absl/strings/str_cat.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/readiness/profile_rows.h"

namespace thaksa::readiness {

absl::StatusOr<ClosedYear> CloseYear(ReadinessStore& store, assessment::StandingReads& standings,
                                     int fiscal_year, absl::CivilDay today,
                                     const AuditCall& audit, const KeepGoing& keep_going) {
  if (fiscal_year < 2561 || fiscal_year > 2700) {
    return InvalidField("fiscal_year.be_year", "must be a Buddhist-era year from 2561 to 2700");
  }
  const absl::CivilDay last_day = FiscalYearEnd(fiscal_year);
  if (last_day >= today) {
    return absl::FailedPreconditionError(absl::StrCat("fiscal year ", fiscal_year, " has not ended"));
  }
  absl::StatusOr<ClosedYear> closed = store.FindClosedYear(fiscal_year);
  if (closed.ok()) {
    return absl::AlreadyExistsError(absl::StrCat("fiscal year ", fiscal_year, " is closed"));
  }
  if (!absl::IsNotFound(closed.status())) return closed.status();
  // Read before the figures: an assessment recorded while they are taken counts as a later
  // adjustment rather than going unnoticed.
  ASSIGN_OR_RETURN(const int64_t newest, standings.NewestAssessmentId());
  ASSIGN_OR_RETURN(const std::vector<int64_t> people,
                   store.PeopleAssignedOn(WholeCountry(), last_day));
  CellDeltas cells;
  RETURN_IF_ERROR(ForRowsOfPeople(standings, people, last_day, [&](const PeopleRows& rows) {
    if (keep_going) RETURN_IF_ERROR(keep_going());
    for (const auto& [person, person_rows] : rows) {
      for (const ReadinessRow& row : person_rows) cells.Add(row, +1);
    }
    return absl::OkStatus();
  }));
  return store.CloseYear(fiscal_year, static_cast<int64_t>(people.size()), cells.Cells(),
                         newest, audit);
}

}  // namespace thaksa::readiness
