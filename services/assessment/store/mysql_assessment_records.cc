// Assessments, standings and what the assessment rules read of a person, on MySQL.
#include <cppconn/resultset.h>

#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/personnel/directory/directory_sql.h"
#include "services/assessment/store/mysql_assessment_store.h"

namespace thaksa::assessment {
namespace {

constexpr char kAssessmentColumns[] =
    "SELECT a.id, a.person_id, f.code AS framework_code, a.skill_set_code, a.level, a.source,"
    " a.assessed_on, a.valid_until, a.superseded_by_id, a.record, a.assessor_token_id, a.assessor_role,"
    " FLOOR(UNIX_TIMESTAMP(a.recorded_at)) AS recorded FROM assessment a"
    " JOIN framework f ON f.id = a.framework_id ";

absl::CivilDay ReadDate(sql::ResultSet& row, const std::string& column) {
  return ParseIsoDate(std::string(row.getString(column))).value_or(absl::CivilDay());
}

StoredAssessment ReadAssessment(sql::ResultSet& row) {
  StoredAssessment stored;
  AssessmentFact& f = stored.fact;
  f.id = row.getInt64("id");
  f.framework_code = row.getString("framework_code");
  f.skill_set_code = row.getString("skill_set_code");
  f.level = row.getInt("level");
  f.source = static_cast<Source>(row.getInt("source"));
  f.assessed_on = ReadDate(row, "assessed_on");
  if (!row.isNull("valid_until")) f.valid_until = ReadDate(row, "valid_until");
  f.superseded_by_id = row.isNull("superseded_by_id") ? 0 : row.getInt64("superseded_by_id");
  stored.record_json = row.getString("record");
  stored.assessor_token_id = row.isNull("assessor_token_id") ? 0 : row.getInt64("assessor_token_id");
  stored.assessor_role = row.getInt("assessor_role");
  stored.recorded_at_unix = row.getInt64("recorded");
  return stored;
}

// Recomputes the standing of one person and skill set as of `today` and logs the change.
void RefreshStanding(sql::Connection& c, int64_t person_id, int64_t framework_id,
                     const std::string& framework_code, const std::string& skill_set,
                     const std::vector<Source>& precedence, absl::CivilDay today,
                     absl::Time at) {
  auto rows = Query(c,
                    absl::StrCat(kAssessmentColumns,
                                 "WHERE a.person_id = ? AND a.framework_id = ?"
                                 " AND a.skill_set_code = ?"),
                    {person_id, framework_id, skill_set});
  std::vector<AssessmentFact> facts;
  while (rows->next()) facts.push_back(ReadAssessment(*rows).fact);
  const Counted counted = CountAssessment(facts, precedence, today);
  if (counted.fact.has_value()) {
    Execute(c,
            "REPLACE INTO person_standing (person_id, framework_id, skill_set_code, level,"
            " assessment_id, valid_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            {person_id, framework_id, skill_set, int64_t{counted.fact->level}, counted.fact->id,
             counted.fact->valid_until.has_value()
                 ? SqlValue(FormatIsoDate(*counted.fact->valid_until))
                 : SqlValue(nullptr),
             SqlDateTime(at)});
  } else {
    Execute(c,
            "DELETE FROM person_standing WHERE person_id = ? AND framework_id = ?"
            " AND skill_set_code = ?",
            {person_id, framework_id, skill_set});
  }
  AppendChange(c, at, "standing", absl::StrCat(person_id),
               absl::StrCat(framework_code, "/", skill_set));
}

}  // namespace

absl::StatusOr<PersonContext> MySqlAssessmentStore::PersonContextOn(int64_t person_id,
                                                                   absl::CivilDay on) {
  ASSIGN_OR_RETURN(auto contexts, PersonContextsOn({person_id}, on));
  if (contexts.empty()) return absl::NotFoundError("no such person");
  return std::move(contexts.begin()->second);
}

absl::StatusOr<std::map<int64_t, PersonContext>> MySqlAssessmentStore::PersonContextsOn(
    const std::vector<int64_t>& person_ids, absl::CivilDay on) {
  std::map<int64_t, PersonContext> contexts;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    contexts.clear();
    const std::map<int64_t, personnel::PersonPlacement> placements =
        personnel::PlacementsOn(c, person_ids, on);
    std::set<std::string> paths;
    for (const auto& [id, placement] : placements) paths.insert(placement.agency_path);
    const std::map<std::string, personnel::Period> periods =
        personnel::PeriodsInEffect(c, paths, on);
    for (const auto& [id, placement] : placements) {
      PersonContext& context = contexts[id];
      context.person_id = id;
      context.supervisor_id = placement.supervisor_id;
      context.record_agency_path = placement.record_agency_path;
      context.group = placement.group;
      context.agency_code = placement.agency_code;
      context.agency_path = placement.agency_path;
      context.period = static_cast<Period>(periods.at(placement.agency_path));
    }
    return absl::OkStatus();
  }));
  return contexts;
}

absl::StatusOr<std::optional<std::string>> MySqlAssessmentStore::RecordOfExternalKey(
    const std::string& external_key) {
  std::optional<std::string> record;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto seen =
        Query(c, "SELECT record FROM assessment WHERE external_key = ?", {external_key});
    if (seen->next()) record = std::string(seen->getString("record"));
    return absl::OkStatus();
  }));
  return record;
}

absl::StatusOr<std::vector<RecordResult>> MySqlAssessmentStore::RecordAssessments(
    const std::vector<NewAssessment>& assessments,
    const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
    const AuditCall& audit) {
  std::vector<RecordResult> results;
  // A concurrent call may store the same external id first; the retry then compares with it.
  RETURN_IF_ERROR(pool_.UpsertTransaction([&](sql::Connection& c) -> absl::Status {
    results.assign(assessments.size(), RecordResult());
    std::vector<AuditEntry> audited;
    for (size_t i = 0; i < assessments.size(); ++i) {
      const NewAssessment& a = assessments[i];
      RecordResult& result = results[i];
      auto reject = [&](absl::string_view field, absl::string_view reason,
                        absl::StatusCode kind = absl::StatusCode::kInvalidArgument) {
        result.outcome = RecordOutcome::kRejected;
        result.rejection = kind;
        result.errors.push_back({std::string(field), std::string(reason)});
      };
      if (!a.external_key.empty()) {
        auto seen = Query(c, "SELECT id, record FROM assessment WHERE external_key = ?",
                          {a.external_key});
        if (seen->next()) {
          if (std::string(seen->getString("record")) == a.record_json) {
            result.outcome = RecordOutcome::kUnchanged;
            result.assessment_id = seen->getInt64("id");
          } else {
            reject("external_id", "was already recorded with different content",
                   absl::StatusCode::kAlreadyExists);
          }
          continue;
        }
      }
      auto framework = Query(c, "SELECT id FROM framework WHERE code = ?", {a.framework_code});
      if (!framework->next()) {
        reject("framework_code", "no framework has this code");
        continue;
      }
      const int64_t framework_id = framework->getInt64("id");
      if (!personnel::PersonExists(c, a.person_id)) {
        reject("person_id", "no person has this id", absl::StatusCode::kNotFound);
        continue;
      }
      if (a.supersedes_id != 0) {
        auto earlier = Query(c,
                             "SELECT superseded_by_id FROM assessment WHERE id = ? AND person_id = ?"
                             " AND framework_id = ? AND skill_set_code = ? FOR UPDATE",
                             {a.supersedes_id, a.person_id, framework_id, a.skill_set_code});
        if (!earlier->next()) {
          reject("supersedes_id", "no assessment of this person and skill set has this id");
          continue;
        }
        if (!earlier->isNull("superseded_by_id")) {
          reject("supersedes_id", "that assessment was already superseded",
                 absl::StatusCode::kFailedPrecondition);
          continue;
        }
      }
      Execute(c,
              "INSERT INTO assessment (person_id, framework_id, skill_set_code, level, source,"
              " instrument, assessed_on, valid_until, record, assessor_token_id, assessor_role,"
              " external_key, supersedes_id, recorded_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {a.person_id, framework_id, a.skill_set_code, int64_t{a.level},
               int64_t{static_cast<int>(a.source)}, a.instrument, FormatIsoDate(a.assessed_on),
               a.valid_until.has_value() ? SqlValue(FormatIsoDate(*a.valid_until))
                                         : SqlValue(nullptr),
               a.record_json, NullIfZero(a.assessor_token_id),
               int64_t{static_cast<int>(a.assessor_role)},
               NullIfEmpty(a.external_key), NullIfZero(a.supersedes_id), SqlDateTime(audit.at)});
      result.outcome = RecordOutcome::kRecorded;
      result.assessment_id = LastInsertId(c);
      if (a.supersedes_id != 0) {
        Execute(c, "UPDATE assessment SET superseded_by_id = ? WHERE id = ?",
                {result.assessment_id, a.supersedes_id});
      }
      auto policy = precedence.find(a.framework_code);
      RefreshStanding(c, a.person_id, framework_id, a.framework_code, a.skill_set_code,
                      policy == precedence.end() ? DefaultPrecedence() : policy->second, today,
                      audit.at);
      audited.push_back({"assessment", absl::StrCat(result.assessment_id), "OK"});
    }
    AppendAuditEvents(c, audit, audited);
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
    for (const std::vector<SqlValue>& ids : IdSlices(person_ids)) {
      auto rows = Query(c,
                        absl::StrCat(kAssessmentColumns, "WHERE a.person_id IN (",
                                     PlaceholderList(ids.size()), ") ORDER BY a.id DESC"),
                        ids);
      while (rows->next()) {
        const int64_t person_id = rows->getInt64("person_id");
        assessments[person_id].push_back(ReadAssessment(*rows));
      }
    }
    return absl::OkStatus();
  }));
  return assessments;
}

}  // namespace thaksa::assessment
