#include "services/assessment/store/assessment_batch.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/assessment/domain/framework_rules.h"
#include "services/assessment/domain/standing.h"
#include "services/assessment/store/assessment_rows.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::assessment {
namespace {

// (person, framework id, skill set): what one standing is of.
using StandingKey = std::tuple<int64_t, int64_t, std::string>;

// An assessment as stored, for a replay of its external key to be compared with.
struct Kept {
  int64_t id = 0;
  std::string record_json;
};

// An assessment a new one of the batch supersedes, as stored.
struct Superseded {
  int64_t person_id = 0;
  int64_t framework_id = 0;
  std::string skill_set_code;
  bool already = false;  // superseded by another already
};

class AssessmentBatch final {
 public:
  AssessmentBatch(sql::Connection& connection, const std::vector<NewAssessment>& assessments,
                  const std::map<std::string, std::vector<Source>>& precedence,
                  absl::CivilDay today, const AuditCall& audit)
      : connection_(connection),
        assessments_(assessments),
        precedence_(precedence),
        today_(today),
        audit_(audit),
        results_(assessments.size()),
        same_as_(assessments.size(), kNone) {}

  absl::StatusOr<std::vector<RecordResult>> Run() {
    ReadFrameworks();
    ReadKeptRecords();
    ReadPeople();
    LockSuperseded();
    Decide();
    RETURN_IF_ERROR(Insert());
    MarkSuperseded();
    RefreshStandings();
    std::vector<AuditEntry> audited;
    for (size_t i : new_) audited.push_back({"assessment", absl::StrCat(Id(i)), "OK"});
    AppendAuditEvents(connection_, audit_, audited);
    return std::move(results_);
  }

 private:
  static constexpr size_t kNone = SIZE_MAX;

  // The distinct non-empty values of `field` over the batch, for an IN list.
  template <typename T>
  std::vector<SqlValue> Values(T NewAssessment::*field) const {
    std::set<T> distinct;
    for (const NewAssessment& a : assessments_) {
      if (a.*field != T()) distinct.insert(a.*field);
    }
    return std::vector<SqlValue>(distinct.begin(), distinct.end());
  }

  void ReadFrameworks() {
    QueryIn(connection_, "SELECT id, code FROM framework WHERE code",
            Values(&NewAssessment::framework_code), "", [&](sql::ResultSet& row) {
              framework_ids_[std::string(row.getString("code"))] = row.getInt64("id");
            });
  }

  void ReadPeople() {
    std::set<int64_t> ids;
    for (const NewAssessment& a : assessments_) ids.insert(a.person_id);
    people_ = personnel::ExistingPeople(connection_, std::vector<int64_t>(ids.begin(), ids.end()));
  }

  void ReadKeptRecords() {
    QueryIn(connection_, "SELECT id, external_key, record FROM assessment WHERE external_key",
            Values(&NewAssessment::external_key), "", [&](sql::ResultSet& row) {
              kept_[std::string(row.getString("external_key"))] = {
                  row.getInt64("id"), std::string(row.getString("record"))};
            });
  }

  // Locked, so that two batches superseding one assessment cannot both see it current.
  void LockSuperseded() {
    QueryIn(connection_,
            "SELECT id, person_id, framework_id, skill_set_code, superseded_by_id FROM assessment"
            " WHERE id",
            Values(&NewAssessment::supersedes_id), " FOR UPDATE", [&](sql::ResultSet& row) {
              superseded_[row.getInt64("id")] = {row.getInt64("person_id"),
                                                 row.getInt64("framework_id"),
                                                 std::string(row.getString("skill_set_code")),
                                                 !row.isNull("superseded_by_id")};
            });
  }

  void Reject(size_t i, absl::string_view field, absl::string_view reason,
              absl::StatusCode kind = absl::StatusCode::kInvalidArgument) {
    results_[i].outcome = RecordOutcome::kRejected;
    results_[i].rejection = kind;
    results_[i].errors.push_back({std::string(field), std::string(reason)});
  }

  // Compares assessment `i` with the record kept under its external key: UNCHANGED or REJECTED.
  void Compare(size_t i, const std::string& kept_record) {
    if (kept_record == assessments_[i].record_json) {
      results_[i].outcome = RecordOutcome::kUnchanged;
    } else {
      Reject(i, "external_id", "was already recorded with different content",
             absl::StatusCode::kAlreadyExists);
    }
  }

  // The outcome of each assessment, in order, as if the earlier ones were stored already.
  void Decide() {
    std::map<std::string, size_t> taken;  // external key -> the new assessment that takes it
    for (size_t i = 0; i < assessments_.size(); ++i) {
      const NewAssessment& a = assessments_[i];
      if (!a.external_key.empty()) {
        if (auto kept = kept_.find(a.external_key); kept != kept_.end()) {
          Compare(i, kept->second.record_json);
          if (results_[i].outcome == RecordOutcome::kUnchanged) {
            results_[i].assessment_id = kept->second.id;
          }
          continue;
        }
        if (auto earlier = taken.find(a.external_key); earlier != taken.end()) {
          Compare(i, assessments_[earlier->second].record_json);
          same_as_[i] = earlier->second;
          continue;
        }
      }
      auto framework = framework_ids_.find(a.framework_code);
      if (framework == framework_ids_.end()) {
        Reject(i, "framework_code", "no framework has this code");
        continue;
      }
      if (people_.count(a.person_id) == 0) {
        Reject(i, "person_id", "no person has this id", absl::StatusCode::kNotFound);
        continue;
      }
      if (a.supersedes_id != 0) {
        auto earlier = superseded_.find(a.supersedes_id);
        if (earlier == superseded_.end() || earlier->second.person_id != a.person_id ||
            earlier->second.framework_id != framework->second ||
            earlier->second.skill_set_code != a.skill_set_code) {
          Reject(i, "supersedes_id", "no assessment of this person and skill set has this id");
          continue;
        }
        if (earlier->second.already) {
          Reject(i, "supersedes_id", "that assessment was already superseded",
                 absl::StatusCode::kFailedPrecondition);
          continue;
        }
        earlier->second.already = true;
      }
      results_[i].outcome = RecordOutcome::kRecorded;
      new_.push_back(i);
      if (!a.external_key.empty()) taken[a.external_key] = i;
    }
  }

  int64_t Id(size_t i) const { return results_[i].assessment_id; }
  int64_t FrameworkId(size_t i) const { return framework_ids_.at(assessments_[i].framework_code); }

  absl::Status Insert() {
    std::vector<std::vector<SqlValue>> rows;
    rows.reserve(new_.size());
    for (size_t i : new_) {
      const NewAssessment& a = assessments_[i];
      rows.push_back({a.person_id, FrameworkId(i), a.skill_set_code, int64_t{a.level},
                      int64_t{static_cast<int>(a.source)}, a.instrument,
                      FormatIsoDate(a.assessed_on),
                      a.valid_until.has_value() ? SqlValue(FormatIsoDate(*a.valid_until))
                                                : SqlValue(nullptr),
                      a.record_json, NullIfZero(a.assessor_token_id),
                      int64_t{static_cast<int>(a.assessor_role)}, NullIfEmpty(a.external_key),
                      NullIfZero(a.supersedes_id), SqlDateTime(audit_.at)});
    }
    // A concurrent batch may have stored one of these external keys meanwhile: the unique key
    // then refuses the insert (1062), and the whole batch runs again (see the header).
    const std::vector<int64_t> ids = InsertRowsReturningIds(
        connection_,
        "INSERT INTO assessment (person_id, framework_id, skill_set_code, level, source,"
        " instrument, assessed_on, valid_until, record, assessor_token_id, assessor_role,"
        " external_key, supersedes_id, recorded_at) VALUES ",
        14, rows);
    if (ids.size() != new_.size()) {
      return absl::InternalError("the insert of assessments returned the ids of other rows");
    }
    for (size_t k = 0; k < new_.size(); ++k) results_[new_[k]].assessment_id = ids[k];
    for (size_t i = 0; i < assessments_.size(); ++i) {
      if (same_as_[i] != kNone && results_[i].outcome == RecordOutcome::kUnchanged) {
        results_[i].assessment_id = Id(same_as_[i]);
      }
    }
    return absl::OkStatus();
  }

  void MarkSuperseded() {
    std::vector<size_t> superseding;
    for (size_t i : new_) {
      if (assessments_[i].supersedes_id != 0) superseding.push_back(i);
    }
    for (size_t start = 0; start < superseding.size(); start += kRowsPerStatement) {
      const size_t end = std::min(superseding.size(), start + kRowsPerStatement);
      std::string cases;
      std::vector<SqlValue> params, ids;
      for (size_t k = start; k < end; ++k) {
        const size_t i = superseding[k];
        absl::StrAppend(&cases, " WHEN ? THEN ?");
        params.insert(params.end(), {assessments_[i].supersedes_id, Id(i)});
        ids.push_back(assessments_[i].supersedes_id);
      }
      params.insert(params.end(), ids.begin(), ids.end());
      Execute(connection_,
              absl::StrCat("UPDATE assessment SET superseded_by_id = CASE id", cases,
                           " END WHERE id IN (", PlaceholderList(ids.size()), ")"),
              params);
    }
  }

  // Recomputes every standing the new assessments touch from all the assessments of it.
  void RefreshStandings() {
    std::vector<StandingKey> touched;
    std::map<StandingKey, std::vector<AssessmentFact>> facts;
    std::set<int64_t> people;
    std::map<int64_t, std::string> framework_codes;  // by id
    for (const auto& [code, id] : framework_ids_) framework_codes[id] = code;
    for (size_t i : new_) {
      const NewAssessment& a = assessments_[i];
      StandingKey key{a.person_id, FrameworkId(i), a.skill_set_code};
      if (facts.emplace(key, std::vector<AssessmentFact>()).second) touched.push_back(key);
      people.insert(a.person_id);
    }
    // Locked: a concurrent batch's new assessments of these people, not committed yet, are
    // waited for rather than left out (see the header). Not joined with framework: joined, a
    // batch of many people was read framework first, through the whole table.
    QueryIn(connection_,
            absl::StrCat("SELECT ", kFactColumns, " FROM assessment a WHERE a.person_id"),
            std::vector<SqlValue>(people.begin(), people.end()), " LOCK IN SHARE MODE",
            [&](sql::ResultSet& row) {
              auto of = facts.find({row.getInt64("person_id"), row.getInt64("framework_id"),
                                    std::string(row.getString("skill_set_code"))});
              if (of != facts.end()) of->second.push_back(ReadFact(row));
            });
    std::vector<std::vector<SqlValue>> counted, uncounted;
    std::vector<Change> changes;
    for (const StandingKey& key : touched) {
      const auto& [person_id, framework_id, skill_set] = key;
      const std::vector<AssessmentFact>& of = facts[key];
      const std::string& framework_code = framework_codes.at(framework_id);
      auto policy = precedence_.find(framework_code);
      const Counted standing =
          CountAssessment(of, policy == precedence_.end() ? DefaultPrecedence() : policy->second,
                          today_);
      if (standing.fact.has_value()) {
        counted.push_back({person_id, framework_id, skill_set, int64_t{standing.fact->level},
                           standing.fact->id,
                           standing.fact->valid_until.has_value()
                               ? SqlValue(FormatIsoDate(*standing.fact->valid_until))
                               : SqlValue(nullptr),
                           SqlDateTime(audit_.at)});
      } else {
        uncounted.push_back({person_id, framework_id, skill_set});
      }
      changes.push_back(
          {"standing", absl::StrCat(person_id), absl::StrCat(framework_code, "/", skill_set)});
    }
    ExecuteRows(connection_,
                "REPLACE INTO person_standing (person_id, framework_id, skill_set_code, level,"
                " assessment_id, valid_until, updated_at) VALUES ",
                7, counted);
    ExecuteRows(connection_,
                "DELETE FROM person_standing WHERE (person_id, framework_id, skill_set_code) IN (",
                3, uncounted, ")");
    AppendChanges(connection_, audit_.at, changes);
  }

  sql::Connection& connection_;
  const std::vector<NewAssessment>& assessments_;
  const std::map<std::string, std::vector<Source>>& precedence_;
  const absl::CivilDay today_;
  const AuditCall& audit_;
  std::vector<RecordResult> results_;
  // For an UNCHANGED repeat of an external key an earlier assessment of the batch takes: that
  // assessment's index; else kNone.
  std::vector<size_t> same_as_;
  std::vector<size_t> new_;  // indexes of the assessments to insert, in order
  std::map<std::string, int64_t> framework_ids_;  // by code
  std::map<std::string, Kept> kept_;              // by external key
  std::set<int64_t> people_;                      // the batch's people that exist
  std::map<int64_t, Superseded> superseded_;      // by id
};

}  // namespace

absl::StatusOr<std::vector<RecordResult>> StoreAssessmentBatch(
    sql::Connection& connection, const std::vector<NewAssessment>& assessments,
    const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
    const AuditCall& audit) {
  return AssessmentBatch(connection, assessments, precedence, today, audit).Run();
}

}  // namespace thaksa::assessment
