// Assessments, standings and what the assessment rules read of people, on MySQL.
#include <cppconn/resultset.h>

#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/sql.h"
#include "services/assessment/store/assessment_batch.h"
#include "services/assessment/store/assessment_rows.h"
#include "services/assessment/store/mysql_assessment_store.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::assessment {

absl::StatusOr<PersonContext> MySqlAssessmentStore::PersonContextOn(int64_t person_id,
                                                                    absl::CivilDay on) {
  ASSIGN_OR_RETURN(auto contexts, PersonContextsOn({person_id}, on));
  if (contexts.empty()) return absl::NotFoundError("no such person");
  return std::move(contexts.begin()->second);
}

absl::StatusOr<std::map<int64_t, PersonContext>> MySqlAssessmentStore::PersonContextsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay on) {
  std::vector<PersonDay> wanted;
  for (int64_t person_id : person_ids) wanted.push_back({person_id, on});
  ASSIGN_OR_RETURN(auto on_days, PersonContextsOnDays(wanted));
  std::map<int64_t, PersonContext> contexts;
  for (auto& [person_day, context] : on_days) contexts.emplace(person_day.first, std::move(context));
  return contexts;
}

absl::StatusOr<std::map<PersonDay, PersonContext>> MySqlAssessmentStore::PersonContextsOnDays(
    const std::vector<PersonDay>& wanted) {
  std::map<PersonDay, PersonContext> contexts;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    contexts.clear();
    const std::map<PersonDay, personnel::PersonPlacement> placements =
        personnel::PlacementsOnDays(c, wanted);
    std::vector<personnel::PathDay> agency_days;
    for (const auto& [person_day, placement] : placements) {
      agency_days.push_back({placement.agency_path, person_day.second});
    }
    const std::map<personnel::PathDay, personnel::Period> periods =
        personnel::PeriodsInEffectOnDays(c, agency_days);
    for (const auto& [person_day, placement] : placements) {
      PersonContext& context = contexts[person_day];
      context.person_id = placement.person_id;
      context.supervisor_id = placement.supervisor_id;
      context.record_agency_path = placement.record_agency_path;
      context.group = placement.group;
      context.agency_code = placement.agency_code;
      context.agency_path = placement.agency_path;
      context.position_title = placement.position_title;
      context.grade = placement.grade;
      context.period = static_cast<Period>(periods.at({placement.agency_path, person_day.second}));
    }
    return absl::OkStatus();
  }));
  return contexts;
}

absl::StatusOr<std::map<int64_t, std::vector<Group>>> MySqlAssessmentStore::FurtherGroupsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay on) {
  std::map<int64_t, std::vector<Group>> groups;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    groups = personnel::SecondaryGroupsOn(c, person_ids, on);
    return absl::OkStatus();
  }));
  return groups;
}

absl::StatusOr<std::map<std::string, std::string>> MySqlAssessmentStore::RecordsOfExternalKeys(
    const std::vector<std::string>& external_keys) {
  std::map<std::string, std::string> records;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    records.clear();
    QueryIn(c, "SELECT external_key, record FROM assessment WHERE external_key",
            std::vector<SqlValue>(external_keys.begin(), external_keys.end()), "",
            [&](sql::ResultSet& row) {
              records[std::string(row.getString("external_key"))] = row.getString("record");
            });
    return absl::OkStatus();
  }));
  return records;
}

absl::StatusOr<std::vector<RecordResult>> MySqlAssessmentStore::RecordAssessments(
    const std::vector<NewAssessment>& assessments,
    const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
    const AuditCall& audit) {
  std::vector<RecordResult> results;
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(results, StoreAssessmentBatch(c, assessments, precedence, today, audit));
    return absl::OkStatus();
  }));
  return results;
}

absl::StatusOr<std::vector<StoredAssessment>> MySqlAssessmentStore::AssessmentsOf(
    int64_t person_id) {
  ASSIGN_OR_RETURN(auto assessments, AssessmentsOfPeople({person_id}));
  return std::move(assessments[person_id]);
}

absl::StatusOr<std::map<int64_t, std::vector<StoredAssessment>>>
MySqlAssessmentStore::AssessmentsOfPeople(const std::vector<int64_t>& person_ids) {
  std::map<int64_t, std::vector<StoredAssessment>> assessments;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    assessments.clear();
    QueryIn(c, absl::StrCat(kAssessmentColumns, "WHERE a.person_id"),
            std::vector<SqlValue>(person_ids.begin(), person_ids.end()), " ORDER BY a.id DESC",
            [&](sql::ResultSet& row) {
              assessments[row.getInt64("person_id")].push_back(ReadAssessment(row));
            });
    return absl::OkStatus();
  }));
  return assessments;
}

}  // namespace thaksa::assessment
