// The reads assessment publishes for read models (StandingReads), on MySQL. The profile inputs
// are in mysql_framework_store.cc and mysql_assessment_records.cc; these are the rest.
#include <cppconn/resultset.h>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/assessment/store/mysql_assessment_store.h"
#include "services/assessment/store/mysql_standing_reads.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::assessment {

std::unique_ptr<StandingReads> MakeStandingReads(ConnectionPool& pool) {
  return std::make_unique<MySqlAssessmentStore>(pool);
}

absl::StatusOr<int64_t> MySqlAssessmentStore::NewestAssessmentId() {
  int64_t newest = 0;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c, "SELECT COALESCE(MAX(id), 0) FROM assessment");
    if (rows->next()) newest = rows->getInt64(1);
    return absl::OkStatus();
  }));
  return newest;
}

absl::StatusOr<int64_t> MySqlAssessmentStore::AssessmentsRecordedAfter(
    const std::string& agency_path, absl::CivilDay day, int64_t after_id) {
  int64_t count = 0;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    personnel::SqlFragment assigned = personnel::PeopleAssignedUnder(agency_path, day);
    std::vector<SqlValue> params = std::move(assigned.params);
    params.insert(params.end(), {FormatIsoDate(day), after_id});
    auto rows = Query(c,
                      absl::StrCat("SELECT COUNT(*) FROM assessment WHERE person_id IN (",
                                   assigned.sql, ") AND assessed_on <= ? AND id > ?"),
                      params);
    if (rows->next()) count = rows->getInt64(1);
    return absl::OkStatus();
  }));
  return count;
}

absl::StatusOr<std::vector<int64_t>> MySqlAssessmentStore::PeopleWithExpiries(absl::CivilDay from,
                                                                             absl::CivilDay to) {
  std::vector<int64_t> people;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c,
                      "SELECT DISTINCT person_id FROM assessment WHERE valid_until >= ?"
                      " AND valid_until < ? AND superseded_by_id IS NULL ORDER BY person_id",
                      {FormatIsoDate(from), FormatIsoDate(to)});
    while (rows->next()) people.push_back(rows->getInt64(1));
    return absl::OkStatus();
  }));
  return people;
}

}  // namespace thaksa::assessment
