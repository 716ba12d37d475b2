// Frameworks, crosswalks, behaviours and agencies' framework choices on MySQL.
#include <cppconn/resultset.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/thai_calendar.h"
#include "services/personnel/directory/directory_sql.h"
#include "services/personnel/domain/agency.h"
#include "services/assessment/domain/framework_choice.h"
#include "services/assessment/store/mysql_assessment_store.h"

namespace thaksa::assessment {
namespace {

constexpr char kFrameworkColumns[] = "SELECT id, code, status, definition, version FROM framework ";

StoredFramework ReadFramework(sql::ResultSet& row) {
  StoredFramework f;
  f.id = row.getInt64("id");
  f.code = row.getString("code");
  f.status = static_cast<FrameworkStatus>(row.getInt("status"));
  f.definition_json = row.getString("definition");
  f.version = row.getInt64("version");
  return f;
}

absl::StatusOr<StoredFramework> FindFramework(sql::Connection& c, const std::string& code,
                                              bool for_update) {
  auto rows = Query(c, absl::StrCat(kFrameworkColumns, "WHERE code = ?",
                                    for_update ? " FOR UPDATE" : ""),
                    {code});
  if (!rows->next()) return absl::NotFoundError(absl::StrCat("no framework '", code, "'"));
  return ReadFramework(*rows);
}

// The agency's id and path; INVALID_ARGUMENT on `field` if unknown.
absl::StatusOr<personnel::AgencyKey> FindAgency(sql::Connection& c, const std::string& code,
                                                absl::string_view field) {
  std::optional<personnel::AgencyKey> agency = personnel::FindAgency(c, code);
  if (!agency) return InvalidField(field, "no agency has this code");
  return *agency;
}

absl::StatusOr<int64_t> FindFrameworkId(sql::Connection& c, const std::string& code,
                                        absl::string_view field) {
  auto framework = FindFramework(c, code, false);
  if (!framework.ok()) return InvalidField(field, "no framework has this code");
  return framework->id;
}

// The framework choices of the agencies with these ids that take effect on `last` or earlier.
std::vector<DatedChoice> ChoicesOf(sql::Connection& c, const std::vector<int64_t>& agency_ids,
                                   absl::CivilDay last) {
  std::vector<DatedChoice> choices;
  for (std::vector<SqlValue>& ids : IdSlices(agency_ids)) {
    const size_t count = ids.size();
    ids.push_back(FormatIsoDate(last));
    auto rows = Query(c,
                      absl::StrCat("SELECT af.agency_id, af.effective_from, af.framework_id, f.code, ",
                                   personnel::AgencyCodeAndPathColumns("af.agency_id"),
                                   " FROM agency_framework af"
                                   " JOIN framework f ON f.id = af.framework_id"
                                   " WHERE af.agency_id IN (", PlaceholderList(count),
                                   ") AND af.effective_from <= ?"),
                      ids);
    while (rows->next()) {
      DatedChoice& choice = choices.emplace_back();
      choice.agency_id = rows->getInt64("agency_id");
      choice.agency_code = GetStringOrEmpty(*rows, "agency_code");
      choice.from = ReadDate(*rows, "effective_from");
      choice.framework_id = rows->getInt64("framework_id");
      choice.framework_code = rows->getString("code");
    }
  }
  return choices;
}

// The ids on the paths of `agencies`, once each.
std::vector<int64_t> IdsOnPaths(const std::map<std::string, personnel::AgencyKey>& agencies) {
  std::set<int64_t> ids;
  for (const auto& [code, agency] : agencies) {
    for (int64_t id : personnel::AncestorIds(agency.path)) ids.insert(id);
  }
  return std::vector<int64_t>(ids.begin(), ids.end());
}

}  // namespace

absl::StatusOr<StoredFramework> MySqlAssessmentStore::CreateFramework(
    const std::string& code, const std::string& definition_json, const AuditCall& audit) {
  StoredFramework created;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    Execute(c, "INSERT INTO framework (code, status, definition) VALUES (?, ?, ?)",
            {code, int64_t{static_cast<int>(FrameworkStatus::kDraft)}, definition_json});
    AppendAuditEvents(c, audit, {{"framework", code, "OK"}});
    ASSIGN_OR_RETURN(created, FindFramework(c, code, false));
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<StoredFramework> MySqlAssessmentStore::UpdateFramework(
    const std::string& code, const std::string& definition_json, int64_t expected_version,
    const AuditCall& audit) {
  StoredFramework updated;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredFramework current, FindFramework(c, code, true));
    if (current.status != FrameworkStatus::kDraft) {
      return absl::FailedPreconditionError(
          "a published or retired version is immutable; create a new version instead");
    }
    if (current.version != expected_version) {
      return absl::AbortedError(absl::StrCat("framework '", code, "' is at version ",
                                             current.version, "; read it again and retry"));
    }
    Execute(c, "UPDATE framework SET definition = ?, version = version + 1 WHERE id = ?",
            {definition_json, current.id});
    AppendAuditEvents(c, audit, {{"framework", code, "OK"}});
    ASSIGN_OR_RETURN(updated, FindFramework(c, code, false));
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<StoredFramework> MySqlAssessmentStore::SetFrameworkStatus(
    const std::string& code, FrameworkStatus status, const AuditCall& audit) {
  StoredFramework updated;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(StoredFramework current, FindFramework(c, code, true));
    if (!StatusChangeAllowed(current.status, status)) {
      return absl::FailedPreconditionError(
          "only DRAFT -> PUBLISHED and PUBLISHED -> RETIRED are allowed");
    }
    Execute(c,
            "UPDATE framework SET status = ?, version = version + 1,"
            " published_at = IF(? = 2, CURRENT_TIMESTAMP(6), published_at) WHERE id = ?",
            {int64_t{static_cast<int>(status)}, int64_t{static_cast<int>(status)}, current.id});
    AppendChange(c, audit.at, "framework", code);
    AppendAuditEvents(c, audit, {{"framework", code, "OK"}});
    ASSIGN_OR_RETURN(updated, FindFramework(c, code, false));
    return absl::OkStatus();
  }));
  return updated;
}

absl::StatusOr<StoredFramework> MySqlAssessmentStore::GetFramework(const std::string& code) {
  StoredFramework found;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(found, FindFramework(c, code, false));
    return absl::OkStatus();
  }));
  return found;
}

absl::StatusOr<std::vector<StoredFramework>> MySqlAssessmentStore::ListFrameworks() {
  std::vector<StoredFramework> frameworks;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c, absl::StrCat(kFrameworkColumns, "ORDER BY id"));
    while (rows->next()) frameworks.push_back(ReadFramework(*rows));
    return absl::OkStatus();
  }));
  return frameworks;
}

absl::Status MySqlAssessmentStore::PutCrosswalk(const StoredCrosswalk& crosswalk,
                                                const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t from, FindFrameworkId(c, crosswalk.from_framework, "from_framework"));
    ASSIGN_OR_RETURN(int64_t to, FindFrameworkId(c, crosswalk.to_framework, "to_framework"));
    Execute(c,
            "REPLACE INTO crosswalk (from_framework_id, to_framework_id, definition)"
            " VALUES (?, ?, ?)",
            {from, to, crosswalk.definition_json});
    AppendAuditEvents(c, audit, {{"crosswalk",
                                  absl::StrCat(crosswalk.from_framework, ">",
                                               crosswalk.to_framework),
                                  "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<StoredCrosswalk>> MySqlAssessmentStore::CrosswalksTo(
    const std::string& framework_code) {
  std::vector<StoredCrosswalk> crosswalks;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c,
                      "SELECT f.code AS from_code, t.code AS to_code, x.definition FROM crosswalk x"
                      " JOIN framework f ON f.id = x.from_framework_id"
                      " JOIN framework t ON t.id = x.to_framework_id WHERE t.code = ?",
                      {framework_code});
    while (rows->next()) {
      crosswalks.push_back({rows->getString("from_code"), rows->getString("to_code"),
                            rows->getString("definition")});
    }
    return absl::OkStatus();
  }));
  return crosswalks;
}

absl::Status MySqlAssessmentStore::PutBehaviours(const std::vector<BehaviourRow>& rows,
                                                 const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) {
    Execute(c, "DELETE FROM behaviour");
    for (const BehaviourRow& b : rows) {
      Execute(c,
              "INSERT INTO behaviour (driver, stage, personnel_group, text_th, text_en,"
              " unit_codes, skill_set_code, components, code, period)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {b.driver, b.stage, int64_t{b.personnel_group}, b.text_th, b.text_en, b.unit_codes,
               b.skill_set_code, b.components, b.code, int64_t{b.period}});
    }
    AppendAuditEvents(c, audit, {{"behaviours", absl::StrCat(rows.size()), "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<BehaviourRow>> MySqlAssessmentStore::ListBehaviours(
    const std::string& skill_set_code, const std::string& unit_code) {
  std::vector<BehaviourRow> behaviours;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(c,
                      "SELECT driver, stage, personnel_group, text_th, text_en, unit_codes,"
                      " skill_set_code, components, code, period FROM behaviour"
                      " WHERE (? = '' OR skill_set_code = ?)"
                      " AND (? = '' OR CONCAT(' ', unit_codes, ' ') LIKE CONCAT('% ', ?, ' %'))"
                      " ORDER BY id",
                      {skill_set_code, skill_set_code, unit_code, unit_code});
    while (rows->next()) {
      behaviours.push_back({rows->getString("driver"), rows->getString("stage"),
                            rows->getInt("personnel_group"), rows->getString("text_th"),
                            rows->getString("text_en"), rows->getString("unit_codes"),
                            rows->getString("skill_set_code"), rows->getString("components"),
                            rows->getString("code"), rows->getInt("period")});
    }
    return absl::OkStatus();
  }));
  return behaviours;
}

absl::Status MySqlAssessmentStore::SetAgencyFramework(const std::string& agency_code,
                                                      const std::string& framework_code,
                                                      absl::CivilDay effective_from,
                                                      const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(auto agency, FindAgency(c, agency_code, "agency_code"));
    absl::StatusOr<StoredFramework> found = FindFramework(c, framework_code, false);
    if (!found.ok()) return InvalidField("framework_code", "no framework has this code");
    const StoredFramework& framework = *found;
    if (framework.status != FrameworkStatus::kPublished) {
      return InvalidField("framework_code", "only a published version can be followed");
    }
    Execute(c,
            "REPLACE INTO agency_framework (agency_id, effective_from, framework_id)"
            " VALUES (?, ?, ?)",
            {agency.id, FormatIsoDate(effective_from), framework.id});
    AppendChange(c, audit.at, "agency", agency_code);
    AppendAuditEvents(c, audit, {{"agency", agency_code, "OK"}});
    return absl::OkStatus();
  });
}

absl::Status MySqlAssessmentStore::SetOptionalSkillSet(const std::string& agency_code,
                                                       const std::string& framework_code,
                                                       const std::string& skill_set_code,
                                                       bool adopted, absl::CivilDay effective_from,
                                                       const AuditCall& audit) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(auto agency, FindAgency(c, agency_code, "agency_code"));
    ASSIGN_OR_RETURN(int64_t framework, FindFrameworkId(c, framework_code, "framework_code"));
    Execute(c,
            "REPLACE INTO agency_optional_skill_set (agency_id, framework_id, skill_set_code,"
            " effective_from, adopted) VALUES (?, ?, ?, ?, ?)",
            {agency.id, framework, skill_set_code, FormatIsoDate(effective_from),
             int64_t{adopted ? 1 : 0}});
    AppendChange(c, audit.at, "agency", agency_code);
    AppendAuditEvents(c, audit, {{"agency", agency_code, "OK"}});
    return absl::OkStatus();
  });
}

absl::StatusOr<AgencyChoice> MySqlAssessmentStore::AgencyFramework(const std::string& agency_code,
                                                                   absl::CivilDay on) {
  ASSIGN_OR_RETURN(auto choices, AgencyFrameworks({agency_code}, on));
  if (choices.empty()) return absl::NotFoundError(absl::StrCat("no agency '", agency_code, "'"));
  return std::move(choices.begin()->second);
}

absl::StatusOr<std::map<std::string, AgencyChoice>> MySqlAssessmentStore::AgencyFrameworks(
    const std::set<std::string>& agency_codes, absl::CivilDay on) {
  // An optional skill set adopted or dropped.
  struct Adoption {
    int64_t framework_id = 0;
    std::string skill_set_code;
    bool adopted = false;
  };
  std::map<std::string, AgencyChoice> choices;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    choices.clear();
    const std::map<std::string, personnel::AgencyKey> agencies =
        personnel::AgenciesByCode(c, agency_codes);
    const std::vector<int64_t> ancestors = IdsOnPaths(agencies);
    const std::vector<DatedChoice> chosen_on_paths = ChoicesOf(c, ancestors, on);
    // Each ancestor's adoptions in date order: the last one read wins.
    std::map<int64_t, std::vector<Adoption>> adoptions;
    for (std::vector<SqlValue>& ids : IdSlices(ancestors)) {
      const std::string in = PlaceholderList(ids.size());
      ids.push_back(FormatIsoDate(on));
      auto optional = Query(c,
                            absl::StrCat("SELECT agency_id, framework_id, skill_set_code, adopted"
                                         " FROM agency_optional_skill_set WHERE agency_id IN (", in,
                                         ") AND effective_from <= ? ORDER BY effective_from"),
                            ids);
      while (optional->next()) {
        adoptions[optional->getInt64("agency_id")].push_back(
            {optional->getInt64("framework_id"), optional->getString("skill_set_code"),
             optional->getInt("adopted") != 0});
      }
    }
    for (const auto& [code, agency] : agencies) {
      AgencyChoice& choice = choices[code];
      choice.agency_code = code;
      const std::vector<int64_t> path = personnel::AncestorIds(agency.path);  // root first
      const DatedChoice* chosen = ChoiceInForce(chosen_on_paths, path, on);
      if (chosen == nullptr) continue;
      choice.framework_code = chosen->framework_code;
      choice.chosen_by = chosen->agency_code;
      for (int64_t id : path) {
        for (const Adoption& adoption : adoptions[id]) {
          if (adoption.framework_id != chosen->framework_id) continue;
          if (adoption.adopted) {
            choice.adopted.insert(adoption.skill_set_code);
          } else {
            choice.adopted.erase(adoption.skill_set_code);
          }
        }
      }
    }
    return absl::OkStatus();
  }));
  return choices;
}

absl::StatusOr<std::map<AgencyDay, std::string>> MySqlAssessmentStore::FrameworksFollowed(
    const std::vector<AgencyDay>& wanted) {
  std::map<AgencyDay, std::string> followed;
  if (wanted.empty()) return followed;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    followed.clear();
    std::set<std::string> codes;
    absl::CivilDay last = wanted.front().second;
    for (const auto& [code, day] : wanted) {
      codes.insert(code);
      last = std::max(last, day);
    }
    const std::map<std::string, personnel::AgencyKey> agencies =
        personnel::AgenciesByCode(c, codes);
    const std::vector<DatedChoice> choices = ChoicesOf(c, IdsOnPaths(agencies), last);
    for (const AgencyDay& agency_day : wanted) {
      auto agency = agencies.find(agency_day.first);
      if (agency == agencies.end()) continue;
      const DatedChoice* chosen =
          ChoiceInForce(choices, personnel::AncestorIds(agency->second.path), agency_day.second);
      followed[agency_day] = chosen == nullptr ? "" : chosen->framework_code;
    }
    return absl::OkStatus();
  }));
  return followed;
}

}  // namespace thaksa::assessment
