#include "common/db/migrations.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/db/lease.h"
#include "common/db/sql.h"
#include "common/log.h"
#include "common/status.h"

namespace thaksa {
namespace {

constexpr char kCreateMigrationTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
constexpr char kMigrationLease[] = "schema_migration";
// Renewed before each migration: one migration may take this long before another process may
// take the lease over (it then finds the migration recorded, or applies it from its start).
constexpr absl::Duration kMigrationLeaseTime = absl::Minutes(10);

int AppliedVersion(sql::Connection& connection) {
  auto rows = Query(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migration");
  rows->next();
  return rows->getInt(1);
}

absl::Status ApplyPending(sql::Connection& connection, const std::vector<Migration>& migrations,
                          absl::string_view holder) {
  const int applied = AppliedVersion(connection);
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (applied > newest) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database schema is at version ", applied, " but this server knows versions up to ",
        newest, "; run a newer Thaksa release against this database"));
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= applied) continue;
    if (!TakeLease(connection, kMigrationLease, holder, kMigrationLeaseTime)) {
      return absl::UnavailableError("lost the migration lease to another process; retry later");
    }
    if (AppliedVersion(connection) >= migration.version) continue;  // by the lease's last holder
    // Statements, not the driver's calls, which ignore the server's answer (connection_pool.cc).
    Execute(connection, "SET autocommit = 0");
    for (const std::string& statement : SplitStatements(migration.sql)) {
      Execute(connection, statement);
    }
    Execute(connection, "INSERT INTO schema_migration (version, name) VALUES (?, ?)",
            {int64_t{migration.version}, migration.name});
    Execute(connection, "COMMIT");
    Execute(connection, "SET autocommit = 1");
    LogEvent("migration_applied", {{"version", absl::StrCat(migration.version)},
                                   {"name", migration.name}});
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      current.resize(current.rfind(';'));
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) statements.push_back(current);
  return statements;
}

absl::Status ApplyMigrations(ConnectionPool& pool, const std::vector<Migration>& migrations,
                             absl::Duration wait) {
  return pool.Run([&](sql::Connection& connection) -> absl::Status {
    Execute(connection, kCreateMigrationTable);
    CreateLeaseTable(connection);
    const std::string holder = NewLeaseHolder();
    const absl::Time give_up = absl::Now() + wait;
    while (!TakeLease(connection, kMigrationLease, holder, kMigrationLeaseTime)) {
      if (absl::Now() >= give_up) {
        return absl::UnavailableError(absl::StrCat(
            "another process (", LeaseHolder(connection, kMigrationLease),
            ") is migrating the database; retry later"));
      }
      absl::SleepFor(absl::Milliseconds(200));
    }
    absl::Status status;
    try {
      status = ApplyPending(connection, migrations, holder);
    } catch (...) {
      // The failed migration's transaction ends first, or it would take the release with it.
      try {
        Execute(connection, "ROLLBACK");
        Execute(connection, "SET autocommit = 1");
        ReleaseLease(connection, kMigrationLease, holder);
      } catch (...) {
        // The connection is broken: the lease lapses on its own.
      }
      throw;
    }
    ReleaseLease(connection, kMigrationLease, holder);
    return status;
  });
}

absl::StatusOr<int> SchemaVersion(ConnectionPool& pool) {
  int version = 0;
  RETURN_IF_ERROR(pool.Run([&](sql::Connection& connection) {
    Execute(connection, kCreateMigrationTable);
    version = AppliedVersion(connection);
    return absl::OkStatus();
  }));
  return version;
}

}  // namespace thaksa
