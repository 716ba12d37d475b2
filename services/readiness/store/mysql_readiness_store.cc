// ReadinessStore on MySQL. One other service's table is named here, read only: personnel's
// `agency` (subtree filters by materialized path, names of agencies), declared in
// docs/ARCHITECTURE.md; and the change log every service appends to. Who works where on a day
// comes from personnel's directory (directory_sql.h); assessments and plans through the
// interfaces their services publish (StandingReads, PlanMixReads).
#include "services/readiness/store/mysql_readiness_store.h"

#include <cppconn/resultset.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/db/change_log.h"
#include "common/db/sql.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "services/personnel/directory/directory_sql.h"

namespace thaksa::readiness {
namespace {

PersonStanding ReadStanding(sql::ResultSet& row) {
  PersonStanding s;
  s.level = row.getInt("level");
  s.present_target = row.getInt("present_target");
  s.future_target = row.getInt("future_target");
  s.gap = row.getInt("gap");
  s.status = static_cast<Status>(row.getInt("status"));
  return s;
}

// A row of readiness_person (all its columns but person_id).
ReadinessRow ReadRow(sql::ResultSet& row) {
  ReadinessRow out;
  out.skill_set_code = row.getString("skill_set_code");
  out.framework_code = row.getString("framework_code");
  out.agency_id = row.getInt64("agency_id");
  out.agency_path = row.getString("agency_path");
  out.personnel_group = row.getInt("personnel_group");
  out.standing = ReadStanding(row);
  out.last_assessed = ReadOptionalDate(row, "last_assessed");
  out.further_group = row.getBoolean("further_group");
  return out;
}

// The columns of readiness_person, as ReadRow reads them and RowWrites writes them.
constexpr char kRowColumns[] =
    "person_id, skill_set_code, framework_code, agency_id, agency_path, personnel_group, level,"
    " present_target, future_target, status, gap, last_assessed, further_group";
constexpr size_t kRowColumnCount = 13;

// The rows readiness_person keeps of `people`, by person; `suffix` ends each query (an order,
// or a lock).
std::map<int64_t, std::vector<ReadinessRow>> StoredRowsOf(sql::Connection& c,
                                                          const std::vector<int64_t>& people,
                                                          absl::string_view suffix) {
  std::map<int64_t, std::vector<ReadinessRow>> rows;
  QueryIn(c, absl::StrCat("SELECT ", kRowColumns, " FROM readiness_person WHERE person_id"),
          std::vector<SqlValue>(people.begin(), people.end()), suffix,
          [&](sql::ResultSet& row) { rows[row.getInt64("person_id")].push_back(ReadRow(row)); });
  return rows;
}

// What people's rows becoming others writes to readiness_person: the rows that are new or
// differ, as values for kRowColumns, and the keys of the rows gone, as (person_id,
// personnel_group, skill_set_code). Rows that stay the same are not written.
struct RowWrites {
  std::vector<std::vector<SqlValue>> upserts;
  std::vector<std::vector<SqlValue>> removed;

  // Adds what `person`'s rows becoming `after` (from `before`) writes; false if nothing.
  bool Add(int64_t person, const std::vector<ReadinessRow>& before,
           const std::vector<ReadinessRow>& after) {
    const size_t writes_before = upserts.size() + removed.size();
    using RowKey = std::pair<int, std::string>;  // group, skill set
    std::map<RowKey, const ReadinessRow*> gone;
    for (const ReadinessRow& row : before) gone[{row.personnel_group, row.skill_set_code}] = &row;
    for (const ReadinessRow& row : after) {
      auto kept = gone.find({row.personnel_group, row.skill_set_code});
      if (kept != gone.end()) {
        const bool same = *kept->second == row;
        gone.erase(kept);
        if (same) continue;
      }
      const PersonStanding& s = row.standing;
      upserts.push_back({person, row.skill_set_code, row.framework_code, row.agency_id,
                         row.agency_path, int64_t{row.personnel_group}, int64_t{s.level},
                         int64_t{s.present_target}, int64_t{s.future_target},
                         int64_t{static_cast<int>(s.status)}, int64_t{s.gap},
                         row.last_assessed.has_value() ? SqlValue(FormatIsoDate(*row.last_assessed))
                                                       : SqlValue(nullptr),
                         int64_t{row.further_group}});
    }
    for (const auto& [key, row] : gone) {
      removed.push_back({person, int64_t{key.first}, key.second});
    }
    return upserts.size() + removed.size() > writes_before;
  }

  void Write(sql::Connection& c) const {
    ExecuteRows(c,
                "DELETE FROM readiness_person WHERE (person_id, personnel_group, skill_set_code)"
                " IN (",
                3, removed, ")");
    ExecuteRows(c, absl::StrCat("INSERT INTO readiness_person (", kRowColumns, ") VALUES "),
                kRowColumnCount, upserts,
                " ON DUPLICATE KEY UPDATE framework_code = VALUES(framework_code),"
                " agency_id = VALUES(agency_id), agency_path = VALUES(agency_path),"
                " level = VALUES(level),"
                " present_target = VALUES(present_target), future_target = VALUES(future_target),"
                " status = VALUES(status), gap = VALUES(gap), last_assessed = VALUES(last_assessed),"
                " further_group = VALUES(further_group)");
  }
};

// Most missing ids a batch notes: more are not waited for.
constexpr size_t kMostMissingPerBatch = 10000;

// Adds the changes `rows` gives (id, kind, entity_id) to `batch`: whom they touch; appends
// their ids to `ids`.
void ReadChanges(sql::Connection& c, sql::ResultSet& rows, ChangeBatch& batch,
                 std::vector<int64_t>& ids) {
  std::set<std::string> agencies;
  while (rows.next()) {
    const int64_t id = rows.getInt64("id");
    ids.push_back(id);
    ++batch.count;
    batch.last_id = std::max(batch.last_id, id);
    const std::string kind = rows.getString("kind");
    const std::string entity = rows.getString("entity_id");
    int64_t person = 0;
    if ((kind == "person" || kind == "standing") && absl::SimpleAtoi(entity, &person)) {
      batch.people.insert(person);
    } else if (kind == "agency") {
      agencies.insert(entity);
    } else if (kind == "framework") {
      batch.everyone = true;
    }
  }
  for (const auto& [code, agency] : personnel::AgenciesByCode(c, agencies)) {
    batch.agency_paths.push_back(agency.path);
  }
}

// Locks the cursor row until the transaction ends and renews `lease` on it: ABORTED if another
// holds the lease.
absl::Status CheckLease(sql::Connection& c, const Lease& lease) {
  auto held = Query(c,
                    "SELECT holder = ? AND held_until >= NOW(6) FROM readiness_cursor"
                    " WHERE name = 'readiness' FOR UPDATE",
                    {lease.holder});
  if (!held->next() || held->getInt(1) != 1) {
    return absl::AbortedError("another refresher holds the readiness lease");
  }
  Execute(c,
          "UPDATE readiness_cursor SET held_until = NOW(6) + INTERVAL ? MICROSECOND"
          " WHERE name = 'readiness'",
          {absl::ToInt64Microseconds(lease.duration)});
  return absl::OkStatus();
}

// Adds `deltas` to the tree cells of `table` (readiness_tree_cell, or with the leading
// `fiscal_year` column, readiness_snapshot_tree_cell).
void AddToTreeCells(sql::Connection& c, const std::string& table,
                    std::optional<int> fiscal_year, const std::map<TreeCellKey, Counts>& deltas) {
  std::vector<std::vector<SqlValue>> values;
  for (const auto& [key, k] : deltas) {
    const auto& [ancestor, child, framework, group, skill_set] = key;
    std::vector<SqlValue>& row = values.emplace_back();
    if (fiscal_year.has_value()) row.push_back(int64_t{*fiscal_year});
    row.insert(row.end(), {ancestor, child, framework, int64_t{group}, skill_set, k.headcount,
                           k.assessed, k.meets_present, k.meets_future, k.expired, k.gap_sum,
                           k.target_not_declared});
  }
  ExecuteRows(c,
              absl::StrCat("INSERT INTO ", table, " (",
                           fiscal_year.has_value() ? "fiscal_year, " : "",
                           "ancestor_id, child_id, framework_code, personnel_group,"
                           " skill_set_code, headcount, assessed, meets_present, meets_future,"
                           " expired, gap_sum, target_not_declared) VALUES "),
              fiscal_year.has_value() ? 13 : 12, values,
              " ON DUPLICATE KEY UPDATE headcount = headcount + VALUES(headcount),"
              " assessed = assessed + VALUES(assessed),"
              " meets_present = meets_present + VALUES(meets_present),"
              " meets_future = meets_future + VALUES(meets_future),"
              " expired = expired + VALUES(expired), gap_sum = gap_sum + VALUES(gap_sum),"
              " target_not_declared = target_not_declared + VALUES(target_not_declared)");
}

// The tree cells of `agency` (with `subtree`, by its direct children; else its own people's),
// current or of closed year `closed_year`: a " FROM ... WHERE ..." clause over them (`t`) and
// the values it binds.
struct CellSource {
  std::string from_where;
  std::vector<SqlValue> params;
};

CellSource TreeCellsOf(const AgencyRef& agency, bool subtree, std::optional<int> closed_year) {
  CellSource source;
  source.from_where = absl::StrCat(
      " FROM ", closed_year.has_value() ? "readiness_snapshot_tree_cell" : "readiness_tree_cell",
      " t WHERE t.ancestor_id = ?", subtree ? "" : " AND t.child_id = 0");
  source.params.push_back(agency.id);
  if (closed_year.has_value()) {
    absl::StrAppend(&source.from_where, " AND t.fiscal_year = ?");
    source.params.push_back(int64_t{*closed_year});
  }
  return source;
}

AgencyRef ReadAgency(sql::ResultSet& row) {
  return {row.getInt64("id"), row.getString("code"), row.getString("name_th"),
          row.getString("name_en"), row.getString("path")};
}

}  // namespace

absl::StatusOr<bool> MySqlReadinessStore::HoldLease(const Lease& lease) {
  bool held = false;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    held = Execute(c,
                   "UPDATE readiness_cursor SET holder = ?,"
                   " held_until = NOW(6) + INTERVAL ? MICROSECOND WHERE name = 'readiness'"
                   " AND (holder IS NULL OR holder = ? OR held_until < NOW(6))",
                   {lease.holder, absl::ToInt64Microseconds(lease.duration), lease.holder}) > 0;
    return absl::OkStatus();
  }));
  return held;
}

absl::Status MySqlReadinessStore::ReleaseLease(const Lease& lease) {
  return pool_.Run([&](sql::Connection& c) {
    Execute(c,
            "UPDATE readiness_cursor SET holder = NULL, held_until = NOW(6)"
            " WHERE name = 'readiness' AND holder = ?",
            {lease.holder});
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> MySqlReadinessStore::Cursor() {
  int64_t cursor = 0;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c, "SELECT last_change_id FROM readiness_cursor WHERE name = 'readiness'");
    if (!rows->next()) return absl::InternalError("the readiness cursor is missing");
    cursor = rows->getInt64(1);
    return absl::OkStatus();
  }));
  return cursor;
}

absl::StatusOr<ChangeBatch> MySqlReadinessStore::ChangesAfter(int64_t after_id, int limit) {
  ChangeBatch batch;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    batch = ChangeBatch();
    batch.after_id = batch.last_id = after_id;
    auto changes = Query(c,
                         "SELECT id, kind, entity_id FROM change_log WHERE id > ? ORDER BY id"
                         " LIMIT ?",
                         {after_id, int64_t{limit}});
    std::vector<int64_t> ids;
    ReadChanges(c, *changes, batch, ids);
    int64_t expected = after_id + 1;
    for (int64_t id : ids) {
      for (; expected < id && batch.missing.size() < kMostMissingPerBatch; ++expected) {
        batch.missing.push_back(expected);
      }
      expected = id + 1;
    }
    return absl::OkStatus();
  }));
  return batch;
}

absl::StatusOr<ChangeBatch> MySqlReadinessStore::ChangesWithIds(const std::vector<int64_t>& ids) {
  ChangeBatch batch;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    batch = ChangeBatch();
    std::vector<int64_t> found;
    for (const std::vector<SqlValue>& slice : IdSlices(ids)) {
      auto changes = Query(c,
                           absl::StrCat("SELECT id, kind, entity_id FROM change_log WHERE id IN (",
                                        PlaceholderList(slice.size()), ")"),
                           slice);
      ReadChanges(c, *changes, batch, found);
    }
    const std::set<int64_t> there(found.begin(), found.end());
    for (int64_t id : ids) {
      if (there.count(id) == 0) batch.missing.push_back(id);
    }
    return absl::OkStatus();
  }));
  return batch;
}

absl::StatusOr<std::vector<int64_t>> MySqlReadinessStore::PeopleUnder(const std::string& path,
                                                                    absl::CivilDay today) {
  std::vector<int64_t> people;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    people = personnel::PeopleAssignedOn(c, path, today);
    auto counted = Query(c,
                         "SELECT person_id FROM readiness_person WHERE agency_path LIKE ?"
                         " GROUP BY person_id",
                         {absl::StrCat(path, "%")});
    while (counted->next()) people.push_back(counted->getInt64(1));
    return absl::OkStatus();
  }));
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return people;
}

absl::Status MySqlReadinessStore::ReplaceRows(
    const std::map<int64_t, std::vector<ReadinessRow>>& rows, const Lease& lease) {
  std::vector<int64_t> people;
  for (const auto& [person, unused] : rows) people.push_back(person);
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    RETURN_IF_ERROR(CheckLease(c, lease));
    std::map<int64_t, std::vector<ReadinessRow>> before = StoredRowsOf(c, people, " FOR UPDATE");
    CellDeltas deltas;
    RowWrites writes;
    for (const auto& [person, after] : rows) {
      if (!writes.Add(person, before[person], after)) continue;  // nothing readiness counts changed
      deltas.Replace(before[person], after);
    }
    writes.Write(c);
    AddToTreeCells(c, "readiness_tree_cell", std::nullopt, deltas.Cells());
    return absl::OkStatus();
  });
}

absl::Status MySqlReadinessStore::MoveCursor(int64_t from_id, int64_t to_id, const Lease& lease) {
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    RETURN_IF_ERROR(CheckLease(c, lease));
    if (Execute(c,
                "UPDATE readiness_cursor SET last_change_id = ?, consumed_at = CURRENT_TIMESTAMP(6)"
                " WHERE name = 'readiness' AND last_change_id = ?",
                {to_id, from_id}) == 0) {
      return absl::AbortedError("the readiness cursor moved while the changes were included");
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<AgencyRef> MySqlReadinessStore::Agency(const std::string& code) {
  AgencyRef agency;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c, "SELECT id, code, name_th, name_en, path FROM agency WHERE code = ?", {code});
    if (!rows->next()) return absl::NotFoundError(absl::StrCat("no agency '", code, "'"));
    agency = ReadAgency(*rows);
    return absl::OkStatus();
  }));
  return agency;
}

absl::StatusOr<std::map<int64_t, AgencyRef>> MySqlReadinessStore::AgenciesById(
    const std::vector<int64_t>& ids) {
  std::map<int64_t, AgencyRef> agencies;
  if (ids.empty()) return agencies;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    std::vector<SqlValue> params(ids.begin(), ids.end());
    auto rows = Query(c,
                      absl::StrCat("SELECT id, code, name_th, name_en, path FROM agency WHERE id IN (",
                                   PlaceholderList(ids.size()), ")"),
                      params);
    while (rows->next()) {
      AgencyRef agency = ReadAgency(*rows);
      agencies[agency.id] = std::move(agency);
    }
    return absl::OkStatus();
  }));
  return agencies;
}

absl::StatusOr<std::vector<CellCounts>> MySqlReadinessStore::Cells(const AgencyRef& agency,
                                                                   bool subtree,
                                                                   std::optional<int> closed_year) {
  std::vector<CellCounts> cells;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    cells.clear();
    // The agency's own rows, by direct child: as many as it has children, however many agencies
    // and people are below them.
    const CellSource source = TreeCellsOf(agency, subtree, closed_year);
    auto rows = Query(c,
                      absl::StrCat("SELECT t.child_id, t.personnel_group, t.skill_set_code,"
                                   " t.framework_code, t.headcount, t.assessed, t.meets_present,"
                                   " t.meets_future, t.expired, t.gap_sum, t.target_not_declared",
                                   source.from_where, " AND t.headcount > 0"),
                      source.params);
    while (rows->next()) {
      CellCounts cell;
      cell.child_agency_id = rows->getInt64("child_id");
      cell.personnel_group = rows->getInt("personnel_group");
      cell.skill_set_code = rows->getString("skill_set_code");
      cell.framework_code = rows->getString("framework_code");
      cell.counts = {rows->getInt64("headcount"), rows->getInt64("assessed"),
                     rows->getInt64("meets_present"), rows->getInt64("meets_future"),
                     rows->getInt64("expired"), rows->getInt64("gap_sum"),
                     rows->getInt64("target_not_declared")};
      cells.push_back(std::move(cell));
    }
    return absl::OkStatus();
  }));
  return cells;
}

absl::StatusOr<std::vector<AgencyRef>> MySqlReadinessStore::AgenciesWithoutTarget(
    const AgencyRef& agency, bool subtree, std::optional<int> closed_year) {
  std::vector<AgencyRef> agencies;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    agencies.clear();
    // Each agency's cells of its own people that count some without a target: few, found by
    // the index on target_not_declared.
    std::vector<SqlValue> params = {subtree ? SqlValue(absl::StrCat(agency.path, "%"))
                                            : SqlValue(agency.id)};
    if (closed_year.has_value()) params.push_back(int64_t{*closed_year});
    auto rows = Query(
        c,
        absl::StrCat("SELECT DISTINCT a.id, a.code, a.name_th, a.name_en, a.path FROM ",
                     closed_year.has_value() ? "readiness_snapshot_tree_cell"
                                             : "readiness_tree_cell",
                     " t JOIN agency a ON a.id = t.ancestor_id"
                     " WHERE t.target_not_declared > 0 AND t.child_id = 0 AND ",
                     subtree ? "a.path LIKE ?" : "a.id = ?",
                     closed_year.has_value() ? " AND t.fiscal_year = ?" : "", " ORDER BY a.code"),
        params);
    while (rows->next()) agencies.push_back(ReadAgency(*rows));
    return absl::OkStatus();
  }));
  return agencies;
}

absl::StatusOr<ClosedYear> MySqlReadinessStore::CloseYear(
    int fiscal_year, int64_t people, const std::map<TreeCellKey, Counts>& cells,
    int64_t last_assessment_id, const AuditCall& audit) {
  ClosedYear closed{fiscal_year, audit.at, people, last_assessment_id};
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    Execute(c,
            "INSERT INTO readiness_closed_year (fiscal_year, closed_at, people, last_assessment_id)"
            " VALUES (?, ?, ?, ?)",
            {int64_t{fiscal_year}, SqlDateTime(audit.at), people, last_assessment_id});
    AddToTreeCells(c, "readiness_snapshot_tree_cell", fiscal_year, cells);
    AppendAuditEvents(c, audit, {{"fiscal_year", absl::StrCat(fiscal_year), "OK"}});
    return absl::OkStatus();
  }));
  return closed;
}

absl::StatusOr<ClosedYear> MySqlReadinessStore::FindClosedYear(int fiscal_year) {
  ClosedYear closed;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto rows = Query(c,
                      "SELECT CAST(UNIX_TIMESTAMP(closed_at) * 1000000 AS SIGNED) AS closed, people,"
                      " last_assessment_id FROM readiness_closed_year WHERE fiscal_year = ?",
                      {int64_t{fiscal_year}});
    if (!rows->next()) {
      return absl::NotFoundError(absl::StrCat("fiscal year ", fiscal_year, " is not closed"));
    }
    closed = {fiscal_year, absl::FromUnixMicros(rows->getInt64("closed")), rows->getInt64("people"),
              rows->getInt64("last_assessment_id")};
    return absl::OkStatus();
  }));
  return closed;
}

absl::StatusOr<std::vector<int64_t>> MySqlReadinessStore::PeopleAssignedOn(const AgencyRef& agency,
                                                                         absl::CivilDay day) {
  std::vector<int64_t> people;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    people = personnel::PeopleAssignedOn(c, agency.path, day);
    return absl::OkStatus();
  }));
  return people;
}

absl::StatusOr<std::map<int64_t, std::vector<ReadinessRow>>> MySqlReadinessStore::RowsOf(
    const std::vector<int64_t>& people) {
  std::map<int64_t, std::vector<ReadinessRow>> rows;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    rows = StoredRowsOf(c, people, " ORDER BY person_id, personnel_group, skill_set_code");
    return absl::OkStatus();
  }));
  return rows;
}

absl::Status MySqlReadinessStore::SweepPassedDays(absl::CivilDay today, absl::Time now,
                                                 const PeopleChangedBetween& expired) {
  // Where the last sweep ended and who expired since are read before the transaction: the
  // expiries come through assessment's published reads on a connection of their own, which the
  // transaction must not wait for while it holds the sweep row.
  std::string from;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) -> absl::Status {
    auto swept = Query(c, "SELECT swept_through FROM readiness_expiry_sweep WHERE id = 1");
    if (!swept->next()) return absl::InternalError("the expiry sweep row is missing");
    from = swept->getString("swept_through");
    return absl::OkStatus();
  }));
  if (from >= FormatIsoDate(today)) return absl::OkStatus();
  ASSIGN_OR_RETURN(const absl::CivilDay from_day, ParseIsoDate(from));
  // Valid until day D counts on D and has expired by D + 1: those valid until a day in
  // [last sweep, today) expired since the last sweep.
  ASSIGN_OR_RETURN(const std::vector<int64_t> expired_people, expired(from_day, today));
  return pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    auto swept = Query(c, "SELECT swept_through FROM readiness_expiry_sweep WHERE id = 1 FOR UPDATE");
    if (!swept->next()) return absl::InternalError("the expiry sweep row is missing");
    if (swept->getString("swept_through") != from) return absl::OkStatus();  // swept meanwhile
    for (int64_t person : expired_people) {
      AppendChange(c, now, "standing", absl::StrCat(person), "expiry");
    }
    // An assignment counts from its first day and no longer on its end day: those starting or
    // ending on a day in (last sweep, today] moved someone since the last sweep.
    for (int64_t person : personnel::PeopleMovedBetween(c, from_day, today)) {
      AppendChange(c, now, "person", absl::StrCat(person), "assignment day");
    }
    Execute(c, "UPDATE readiness_expiry_sweep SET swept_through = ? WHERE id = 1",
            {FormatIsoDate(today)});
    return absl::OkStatus();
  });
}

absl::Status MySqlReadinessStore::KeepMonth(absl::CivilDay month, absl::Time now) {
  return pool_.Transaction([&](sql::Connection& c) {
    const std::string first_day = FormatIsoDate(month);
    if (Execute(c, "INSERT IGNORE INTO readiness_month (month, taken_at) VALUES (?, ?)",
                {first_day, SqlDateTime(now)}) == 0) {
      return absl::OkStatus();  // kept already
    }
    Execute(c,
            "INSERT INTO readiness_month_tree_cell (month, ancestor_id, child_id, framework_code,"
            " personnel_group, skill_set_code, headcount, meets_present, target_not_declared)"
            " SELECT ?, ancestor_id, child_id, framework_code, personnel_group, skill_set_code,"
            " headcount, meets_present, target_not_declared FROM readiness_tree_cell"
            " WHERE headcount > 0",
            {first_day});
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<std::pair<absl::CivilDay, Counts>>> MySqlReadinessStore::Trend(
    const AgencyRef& agency, absl::CivilDay from, absl::CivilDay to, absl::CivilDay today,
    const std::string& skill_set_code, int personnel_group) {
  std::vector<std::pair<absl::CivilDay, Counts>> points;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    // Which cells count: the agency's own (the subtree's, by child), of the skill set and group
    // asked for.
    const std::string counted =
        "m.ancestor_id = ? AND (? = '' OR m.skill_set_code = ?) AND (? = 0 OR m.personnel_group = ?)";
    const std::vector<SqlValue> counted_params = {agency.id, skill_set_code, skill_set_code,
                                                  int64_t{personnel_group},
                                                  int64_t{personnel_group}};
    std::vector<SqlValue> params = counted_params;
    params.push_back(FormatIsoDate(from));
    params.push_back(FormatIsoDate(to));
    // What a point sums, and reading it back.
    const std::string sums =
        "COALESCE(SUM(m.headcount), 0) AS headcount, COALESCE(SUM(m.meets_present), 0) AS meets,"
        " COALESCE(SUM(m.target_not_declared), 0) AS target_not_declared";
    auto read = [](sql::ResultSet& row) {
      Counts counts;
      counts.headcount = row.getInt64("headcount");
      counts.meets_present = row.getInt64("meets");
      counts.target_not_declared = row.getInt64("target_not_declared");
      return counts;
    };
    // Every kept month, with zeros where nobody counted.
    auto months = Query(c,
                        absl::StrCat("SELECT r.month, ", sums,
                                     " FROM readiness_month r LEFT JOIN readiness_month_tree_cell m"
                                     " ON m.month = r.month AND ", counted, " WHERE r.month BETWEEN ? AND ?"
                                     " GROUP BY r.month ORDER BY r.month"),
                        params);
    while (months->next()) {
      points.emplace_back(ParseIsoDate(std::string(months->getString("month"))).value_or(from),
                          read(*months));
    }
    auto now = Query(c,
                     absl::StrCat("SELECT ", sums,
                                  " FROM readiness_tree_cell m WHERE ", counted),
                     counted_params);
    now->next();
    points.emplace_back(today, read(*now));
    return absl::OkStatus();
  }));
  return points;
}

absl::StatusOr<Freshness> MySqlReadinessStore::FreshnessAt(absl::Time now) {
  Freshness freshness;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    auto rows = Query(
        c,
        "SELECT CAST(UNIX_TIMESTAMP(COALESCE((SELECT occurred_at FROM change_log"
        " WHERE id = r.last_change_id), r.consumed_at)) * 1000000 AS SIGNED) AS included,"
        // Both from the primary key's ends, not by scanning what is pending (millions of rows
        // after a national load): ids are increasing, so the count is exact but for the ids of
        // rolled-back changes, and the first pending change is the oldest.
        " GREATEST(COALESCE((SELECT MAX(id) FROM change_log), 0) - r.last_change_id, 0)"
        " AS pending,"
        " CAST(UNIX_TIMESTAMP((SELECT occurred_at FROM change_log WHERE id > r.last_change_id"
        " ORDER BY id LIMIT 1)) * 1000000 AS SIGNED) AS oldest"
        " FROM readiness_cursor r WHERE r.name = 'readiness'");
    if (!rows->next()) return absl::OkStatus();
    freshness.data_as_of = absl::FromUnixMicros(rows->getInt64("included"));
    freshness.pending = rows->getInt64("pending");
    if (freshness.pending > 0 && !rows->isNull("oldest")) {
      freshness.lag = now - absl::FromUnixMicros(rows->getInt64("oldest"));
    } else {
      freshness.data_as_of = now;
    }
    return absl::OkStatus();
  }));
  return freshness;
}

absl::StatusOr<std::vector<GapRow>> MySqlReadinessStore::Gaps(const AgencyRef& agency,
                                                              const std::string& skill_set_code,
                                                              int personnel_group,
                                                              int64_t after_person,
                                                              int max_people) {
  std::vector<GapRow> gaps;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    const std::string filter =
        " FROM readiness_person rp JOIN agency a ON a.id = rp.agency_id WHERE a.path LIKE ?"
        " AND rp.status IN (2, 3, 4) AND (? = '' OR rp.skill_set_code = ?)"
        " AND (? = 0 OR rp.personnel_group = ?) AND rp.person_id > ?";
    const std::vector<SqlValue> params = {absl::StrCat(agency.path, "%"), skill_set_code,
                                          skill_set_code, int64_t{personnel_group},
                                          int64_t{personnel_group}, after_person};
    std::vector<SqlValue> people_params = params;
    people_params.push_back(int64_t{max_people});
    auto people = Query(c, absl::StrCat("SELECT DISTINCT rp.person_id", filter,
                                        " ORDER BY rp.person_id LIMIT ?"),
                        people_params);
    int64_t last = after_person;
    while (people->next()) last = people->getInt64(1);
    if (last == after_person) return absl::OkStatus();
    std::vector<SqlValue> row_params = params;
    row_params.push_back(last);
    auto rows = Query(c,
                      absl::StrCat("SELECT rp.person_id, a.code, rp.personnel_group,"
                                   " rp.skill_set_code, rp.framework_code, rp.level, rp.present_target,"
                                   " rp.future_target, rp.status, rp.gap, rp.last_assessed,"
                                   " rp.further_group",
                                   filter, " AND rp.person_id <= ?"
                                   " ORDER BY rp.person_id, rp.further_group,"
                                   " rp.personnel_group, rp.skill_set_code"),
                      row_params);
    while (rows->next()) {
      GapRow gap;
      gap.person_id = rows->getInt64("person_id");
      gap.agency_code = rows->getString("code");
      gap.personnel_group = rows->getInt("personnel_group");
      gap.skill_set_code = rows->getString("skill_set_code");
      gap.framework_code = rows->getString("framework_code");
      gap.standing = ReadStanding(*rows);
      gap.last_assessed = ReadOptionalDate(*rows, "last_assessed");
      gap.further_group = rows->getBoolean("further_group");
      gaps.push_back(std::move(gap));
    }
    return absl::OkStatus();
  }));
  return gaps;
}

}  // namespace thaksa::readiness
