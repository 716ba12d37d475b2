// Checks of the fault tests that every acknowledged record is stored exactly once, and the
// figures they print. Header-only.
#ifndef THAKSA_TESTS_SUPPORT_STORED_ONCE_H_
#define THAKSA_TESTS_SUPPORT_STORED_ONCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/db/connection_pool.h"
#include "tests/support/mariadb_server.h"

namespace thaksa::testing {

// What became of the records of one stream that a fault cut.
struct StreamFigures {
  int64_t sent = 0;
  int64_t acknowledged = 0;
  int64_t stored_before_replay = 0;
  int64_t duplicated = 0;
  int64_t lost = 0;

  // "`what`: sent …, acknowledged …, stored before the replay …, duplicated …, lost …".
  std::string Describe(const std::string& what) const {
    return absl::StrCat(what, ": sent ", sent, ", acknowledged ", acknowledged,
                        ", stored before the replay ", stored_before_replay, ", duplicated ",
                        duplicated, ", lost ", lost);
  }
};

// The ids of `results` (by `id_of`).
template <typename Result, typename IdOf>
std::vector<int64_t> IdsOf(const std::vector<Result>& results, IdOf id_of) {
  std::vector<int64_t> ids;
  for (const Result& result : results) ids.push_back(id_of(result));
  return ids;
}

// How many of `ids` are not in `table` (by its column id).
inline int64_t MissingIds(ConnectionPool& pool, const std::string& table,
                          const std::vector<int64_t>& ids) {
  if (ids.empty()) return 0;
  return static_cast<int64_t>(ids.size()) -
         QueryInt(pool, absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE id IN (",
                                     absl::StrJoin(ids, ","), ")"));
}

// Assessments without their standing or audit event.
inline constexpr char kHalfStoredAssessments[] =
    "SELECT COUNT(*) FROM assessment a "
    "LEFT JOIN person_standing s ON s.person_id = a.person_id "
    "      AND s.framework_id = a.framework_id "
    "      AND s.skill_set_code COLLATE utf8mb4_unicode_ci = a.skill_set_code "
    "LEFT JOIN (SELECT DISTINCT CAST(entity_id AS SIGNED) AS id FROM audit_event "
    "           WHERE entity_type = 'assessment' AND outcome = 'OK') e ON e.id = a.id "
    "WHERE s.person_id IS NULL OR e.id IS NULL";

// Audit events of assessments that are not stored.
inline constexpr char kOrphanAssessmentEvents[] =
    "SELECT COUNT(*) FROM (SELECT DISTINCT CAST(entity_id AS SIGNED) AS id FROM audit_event "
    "WHERE entity_type = 'assessment' AND outcome = 'OK') e "
    "LEFT JOIN assessment a ON a.id = e.id WHERE a.id IS NULL";

// The learning outbox's rows by completion: a counted completion with a level queues one
// assessment per skill set of its course, "completion:<record id>:<skill set>".
inline constexpr char kOutboxRowsByCompletion[] =
    "(SELECT institute_code, SUBSTRING_INDEX(SUBSTRING_INDEX(external_id, ':', 2), ':', -1) "
    "AS record_id, COUNT(*) AS n FROM learning_outbox GROUP BY 1, 2)";

// Counted completions without exactly `levels` outbox rows (their course's skill sets).
inline std::string HalfStoredCompletions(int levels) {
  return absl::StrCat("SELECT COUNT(*) FROM completion c LEFT JOIN ", kOutboxRowsByCompletion,
                      " q ON q.institute_code = c.institute_code AND q.record_id = c.record_id "
                      "WHERE c.state = 1 AND (q.n IS NULL OR q.n <> ",
                      levels, ")");
}

// Outbox rows without their completion.
inline std::string OrphanOutboxRows() {
  return absl::StrCat("SELECT COUNT(*) FROM ", kOutboxRowsByCompletion,
                      " q LEFT JOIN completion c ON c.institute_code = q.institute_code"
                      " AND c.record_id = q.record_id WHERE c.id IS NULL");
}

// Assessments of one record beyond the first (by external id, and by what they say), and audit
// events of an assessment beyond the first.
inline constexpr char kDuplicatedAssessments[] =
    "SELECT (SELECT COUNT(*) - COUNT(DISTINCT external_key) FROM assessment)"
    " + (SELECT COUNT(*) - COUNT(DISTINCT person_id, skill_set_code, assessed_on, level) "
    "    FROM assessment)"
    " + (SELECT COUNT(*) - COUNT(DISTINCT entity_id) FROM audit_event "
    "    WHERE entity_type = 'assessment' AND outcome = 'OK')";

// Completions of one record beyond the first, and levels relayed more than once from the
// completions whose record ids start with `prefix`.
inline std::string DuplicatedCompletions(const std::string& prefix) {
  return absl::StrCat(
      "SELECT (SELECT COUNT(*) - COUNT(DISTINCT institute_code, record_id) FROM completion)"
      " + (SELECT COUNT(*) - COUNT(DISTINCT person_id, skill_set_code) FROM assessment "
      "    WHERE external_key LIKE '%completion:",
      prefix, "%')");
}

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_STORED_ONCE_H_
