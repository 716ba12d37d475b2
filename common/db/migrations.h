// Schema migrations: the numbered files of deploy/sql, built into the binary and applied in
// order, each once, recorded in table schema_migration.
#ifndef THAKSA_COMMON_DB_MIGRATIONS_H_
#define THAKSA_COMMON_DB_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/connection_pool.h"

namespace thaksa {

struct Migration {
  // The file's number, NNN of NNN_description.sql.
  int version;
  // The file's name.
  std::string name;
  // Its statements; each ends with ';' at the end of a line.
  std::string sql;
};

// The migrations built into this binary, ordered by version.
const std::vector<Migration>& BundledMigrations();

// Splits a migration into statements: each ends with ';' at the end of a line; lines starting
// with "--" are comments.
std::vector<std::string> SplitStatements(const std::string& sql);

// Applies the migrations not yet recorded, in order, each in a transaction (DDL commits
// implicitly in MariaDB, so a failed migration may leave part of its DDL; it is not recorded and
// is retried from its start). Serialized across processes, and the nodes of a cluster, by the
// lease "schema_migration" (lease.h): a process waits up to `wait` for another's migrations,
// then answers UNAVAILABLE naming it; a holder that died leaves a lease that lapses. A database
// recorded at a version newer than the newest of `migrations` is FAILED_PRECONDITION: this
// binary is too old for it.
absl::Status ApplyMigrations(ConnectionPool& pool, const std::vector<Migration>& migrations,
                             absl::Duration wait = absl::Minutes(1));

// The highest applied version; 0 for an empty database.
absl::StatusOr<int> SchemaVersion(ConnectionPool& pool);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_MIGRATIONS_H_
