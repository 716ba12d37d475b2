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
