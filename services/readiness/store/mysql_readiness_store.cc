// ReadinessStore on MySQL. One other service's table is named here, read only: personnel's
// `agency` (subtree filters by materialized path, names of agencies), declared in
// docs/ARCHITECTURE.md; and the change log every service appends to. Who works where on a day
// comes from personnel's directory (directory_sql.h); assessments and plans through the
// interfaces their services publish (StandingReads, PlanMixReads).
#include "services/readiness/store/mysql_readiness_store.h"

#include <cppconn/resultset.h>

#include <algorithm>
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

std::optional<absl::CivilDay> ReadOptionalDate(sql::ResultSet& row, const std::string& column) {
  if (row.isNull(column)) return std::nullopt;
  absl::StatusOr<absl::CivilDay> day = ParseIsoDate(std::string(row.getString(column)));
  if (!day.ok()) return std::nullopt;
  return *day;
}

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
  out.personnel_group = row.getInt("personnel_group");
  out.standing = ReadStanding(row);
  out.last_assessed = ReadOptionalDate(row, "last_assessed");
  return out;
}

// Adds `sign` times the contribution of `row` to its agency's aggregate.
void Adjust(sql::Connection& c, const ReadinessRow& row, int sign) {
  const Counts k = ContributionOf(row.standing);
  Execute(c,
          "INSERT INTO readiness_cell (agency_id, framework_code, personnel_group, skill_set_code,"
          " headcount, assessed, meets_present, meets_future, expired, gap_sum,"
          " target_not_declared) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
          " headcount = headcount + VALUES(headcount), assessed = assessed + VALUES(assessed),"
          " meets_present = meets_present + VALUES(meets_present),"
          " meets_future = meets_future + VALUES(meets_future),"
          " expired = expired + VALUES(expired), gap_sum = gap_sum + VALUES(gap_sum),"
          " target_not_declared = target_not_declared + VALUES(target_not_declared)",
          {row.agency_id, row.framework_code, int64_t{row.personnel_group}, row.skill_set_code,
           sign * k.headcount, sign * k.assessed, sign * k.meets_present, sign * k.meets_future,
           sign * k.expired, sign * k.gap_sum, sign * k.target_not_declared});
}

// Replaces the person's rows and moves their contributions accordingly.
void Replace(sql::Connection& c, int64_t person_id, const std::vector<ReadinessRow>& rows) {
  auto old = Query(c,
                   "SELECT skill_set_code, framework_code, agency_id, personnel_group, level,"
                   " present_target, future_target, status, gap, last_assessed"
                   " FROM readiness_person WHERE person_id = ? FOR UPDATE",
                   {person_id});
  std::vector<ReadinessRow> previous;
  while (old->next()) previous.push_back(ReadRow(*old));
  for (const ReadinessRow& row : previous) Adjust(c, row, -1);
  Execute(c, "DELETE FROM readiness_person WHERE person_id = ?", {person_id});
  for (const ReadinessRow& row : rows) {
    const PersonStanding& s = row.standing;
    Execute(c,
            "INSERT INTO readiness_person (person_id, skill_set_code, framework_code, agency_id,"
            " personnel_group, level, present_target, future_target, status, gap, last_assessed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {person_id, row.skill_set_code, row.framework_code, row.agency_id,
             int64_t{row.personnel_group}, int64_t{s.level}, int64_t{s.present_target},
             int64_t{s.future_target}, int64_t{static_cast<int>(s.status)}, int64_t{s.gap},
             row.last_assessed.has_value() ? SqlValue(FormatIsoDate(*row.last_assessed))
                                           : SqlValue(nullptr)});
    Adjust(c, row, +1);
  }
}

// People counted in, or assigned on `today` to, agencies under `path`.
void PeopleUnder(sql::Connection& c, const std::string& path, absl::CivilDay today,
                 std::set<int64_t>& people) {
  auto counted = Query(c,
                       "SELECT DISTINCT rp.person_id FROM readiness_person rp"
                       " JOIN agency a ON a.id = rp.agency_id WHERE a.path LIKE ?",
                       {absl::StrCat(path, "%")});
  while (counted->next()) people.insert(counted->getInt64(1));
  for (int64_t person : personnel::PeopleAssignedOn(c, path, today)) people.insert(person);
}

// The aggregates of `agency` (with `subtree`, of every agency below it), current or of closed
// year `closed_year`: a " FROM ... WHERE ..." clause over them (`c`) and their agency (`a`), and
// the values it binds.
struct CellSource {
  std::string from_where;
  std::vector<SqlValue> params;
};

CellSource CellsOf(const AgencyRef& agency, bool subtree, std::optional<int> closed_year) {
  CellSource source;
  source.from_where = absl::StrCat(
      " FROM ", closed_year.has_value() ? "readiness_snapshot_cell" : "readiness_cell",
      " c JOIN agency a ON a.id = c.agency_id WHERE ", subtree ? "a.path LIKE ?" : "a.id = ?");
  source.params.push_back(subtree ? SqlValue(absl::StrCat(agency.path, "%")) : SqlValue(agency.id));
  if (closed_year.has_value()) {
    absl::StrAppend(&source.from_where, " AND c.fiscal_year = ?");
    source.params.push_back(int64_t{*closed_year});
  }
  return source;
}

AgencyRef ReadAgency(sql::ResultSet& row) {
  return {row.getInt64("id"), row.getString("code"), row.getString("name_th"),
          row.getString("name_en"), row.getString("path")};
}

}  // namespace

absl::StatusOr<int> MySqlReadinessStore::Consume(int limit, absl::CivilDay today,
                                                 const RowsOfPerson& rows_of) {
  int consumed = 0;
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    consumed = 0;
    auto cursor = Query(c, "SELECT last_change_id FROM readiness_cursor WHERE name = 'readiness'"
                           " FOR UPDATE");
    if (!cursor->next()) return absl::InternalError("the readiness cursor is missing");
    int64_t last = cursor->getInt64(1);
    auto changes = Query(c,
                         "SELECT id, kind, entity_id FROM change_log WHERE id > ? ORDER BY id"
                         " LIMIT ?",
                         {last, int64_t{limit}});
    std::set<int64_t> people;
    std::vector<std::string> agencies;
    bool everyone = false;
    while (changes->next()) {
      ++consumed;
      last = changes->getInt64("id");
      const std::string kind = changes->getString("kind");
      const std::string entity = changes->getString("entity_id");
      int64_t person = 0;
      if ((kind == "person" || kind == "standing") && absl::SimpleAtoi(entity, &person)) {
        people.insert(person);
      } else if (kind == "agency") {
        agencies.push_back(entity);
      } else if (kind == "framework") {
        everyone = true;
      }
    }
    if (consumed == 0) return absl::OkStatus();
    if (everyone) {
      PeopleUnder(c, "/", today, people);
    } else {
      for (const std::string& code : agencies) {
        const std::optional<personnel::AgencyKey> agency = personnel::FindAgency(c, code);
        if (agency) PeopleUnder(c, agency->path, today, people);
      }
    }
    for (int64_t person : people) {
      ASSIGN_OR_RETURN(std::vector<ReadinessRow> rows, rows_of(person));
      Replace(c, person, rows);
    }
    Execute(c,
            "UPDATE readiness_cursor SET last_change_id = ?, consumed_at = CURRENT_TIMESTAMP(6)"
            " WHERE name = 'readiness'",
            {last});
    return absl::OkStatus();
  }));
  return consumed;
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
    // The direct child an agency belongs to is the id that follows the asked agency's path.
    const std::string child =
        subtree ? "IF(a.id = ?, 0, CAST(SUBSTRING_INDEX(SUBSTRING(a.path, ?), '/', 1) AS UNSIGNED))"
                : "0";
    std::vector<SqlValue> params;
    if (subtree) params = {agency.id, static_cast<int64_t>(agency.path.size() + 1)};
    const CellSource source = CellsOf(agency, subtree, closed_year);
    params.insert(params.end(), source.params.begin(), source.params.end());
    auto rows = Query(
        c,
        absl::StrCat("SELECT ", child, " AS child, c.personnel_group, c.skill_set_code,"
                     " c.framework_code, SUM(c.headcount) AS headcount, SUM(c.assessed) AS"
                     " assessed, SUM(c.meets_present) AS meets_present, SUM(c.meets_future) AS"
                     " meets_future, SUM(c.expired) AS expired, SUM(c.gap_sum) AS gap_sum,"
                     " SUM(c.target_not_declared) AS target_not_declared", source.from_where,
                     " GROUP BY child, c.personnel_group, c.skill_set_code, c.framework_code"
                     " HAVING SUM(c.headcount) > 0"),
        params);
    while (rows->next()) {
      CellCounts cell;
      cell.child_agency_id = rows->getInt64("child");
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
    const CellSource source = CellsOf(agency, subtree, closed_year);
    auto rows = Query(c,
                      absl::StrCat("SELECT a.id, a.code, a.name_th, a.name_en, a.path",
                                   source.from_where,
                                   " GROUP BY a.id HAVING SUM(c.target_not_declared) > 0"
                                   " ORDER BY a.code"),
                      source.params);
    while (rows->next()) agencies.push_back(ReadAgency(*rows));
    return absl::OkStatus();
  }));
  return agencies;
}

absl::StatusOr<ClosedYear> MySqlReadinessStore::CloseYear(int fiscal_year, absl::CivilDay last_day,
                                                          int64_t last_assessment_id,
                                                          const RowsOfPerson& rows_on,
                                                          const AuditCall& audit) {
  ClosedYear closed{fiscal_year, audit.at, 0, last_assessment_id};
  RETURN_IF_ERROR(pool_.Transaction([&](sql::Connection& c) -> absl::Status {
    // Claiming the year first makes a second close fail before any work is done.
    Execute(c,
            "INSERT INTO readiness_closed_year (fiscal_year, closed_at, people, last_assessment_id)"
            " VALUES (?, ?, 0, ?)",
            {int64_t{fiscal_year}, SqlDateTime(audit.at), closed.last_assessment_id});
    const std::vector<int64_t> ids = personnel::PeopleAssignedOn(c, "/", last_day);
    std::map<std::tuple<int64_t, std::string, int, std::string>, Counts> cells;
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(std::vector<ReadinessRow> rows, rows_on(id));
      for (const ReadinessRow& row : rows) {
        cells[{row.agency_id, row.framework_code, row.personnel_group, row.skill_set_code}] +=
            ContributionOf(row.standing);
      }
    }
    for (const auto& [key, k] : cells) {
      const auto& [agency, framework, group, skill_set] = key;
      Execute(c,
              "INSERT INTO readiness_snapshot_cell (fiscal_year, agency_id, framework_code,"
              " personnel_group, skill_set_code, headcount, assessed, meets_present, meets_future,"
              " expired, gap_sum, target_not_declared) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {int64_t{fiscal_year}, agency, framework, int64_t{group}, skill_set, k.headcount,
               k.assessed, k.meets_present, k.meets_future, k.expired, k.gap_sum,
               k.target_not_declared});
    }
    closed.people = static_cast<int64_t>(ids.size());
    Execute(c, "UPDATE readiness_closed_year SET people = ? WHERE fiscal_year = ?",
            {closed.people, int64_t{fiscal_year}});
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
  constexpr size_t kPeoplePerQuery = 500;
  std::map<int64_t, std::vector<ReadinessRow>> rows;
  RETURN_IF_ERROR(pool_.Run([&](sql::Connection& c) {
    rows.clear();
    for (size_t start = 0; start < people.size(); start += kPeoplePerQuery) {
      const size_t count = std::min(kPeoplePerQuery, people.size() - start);
      const std::vector<SqlValue> params(people.begin() + static_cast<std::ptrdiff_t>(start),
                                         people.begin() + static_cast<std::ptrdiff_t>(start + count));
      auto found = Query(c,
                         absl::StrCat("SELECT person_id, skill_set_code, framework_code, agency_id,"
                                      " personnel_group, level, present_target, future_target,"
                                      " status, gap, last_assessed FROM readiness_person"
                                      " WHERE person_id IN (", PlaceholderList(count), ")"
                                      " ORDER BY person_id, skill_set_code"),
                         params);
      while (found->next()) rows[found->getInt64("person_id")].push_back(ReadRow(*found));
    }
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
            "INSERT INTO readiness_month_cell (month, agency_id, framework_code, personnel_group,"
            " skill_set_code, headcount, meets_present, target_not_declared) SELECT ?, agency_id,"
            " framework_code, personnel_group, skill_set_code, headcount, meets_present,"
            " target_not_declared FROM readiness_cell"
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
    // Which cells count: in the subtree, of the skill set and group asked for.
    const std::string counted =
        "a.path LIKE ? AND (? = '' OR m.skill_set_code = ?) AND (? = 0 OR m.personnel_group = ?)";
    const std::vector<SqlValue> counted_params = {absl::StrCat(agency.path, "%"), skill_set_code,
                                                  skill_set_code, int64_t{personnel_group},
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
                                     " FROM readiness_month r LEFT JOIN (readiness_month_cell m"
                                     " JOIN agency a ON a.id = m.agency_id) ON m.month = r.month"
                                     " AND ", counted, " WHERE r.month BETWEEN ? AND ?"
                                     " GROUP BY r.month ORDER BY r.month"),
                        params);
    while (months->next()) {
      points.emplace_back(ParseIsoDate(std::string(months->getString("month"))).value_or(from),
                          read(*months));
    }
    auto now = Query(c,
                     absl::StrCat("SELECT ", sums,
                                  " FROM readiness_cell m JOIN agency a ON a.id = m.agency_id"
                                  " WHERE ", counted),
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
                                   " rp.future_target, rp.status, rp.gap, rp.last_assessed",
                                   filter, " AND rp.person_id <= ?"
                                   " ORDER BY rp.person_id, rp.skill_set_code"),
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
      gaps.push_back(std::move(gap));
    }
    return absl::OkStatus();
  }));
  return gaps;
}

}  // namespace thaksa::readiness
