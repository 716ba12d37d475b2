// A private MariaDB server for integration and end-to-end tests: its own data directory in a
// temporary folder, reachable only through a unix socket, stopped and removed at the end.
#ifndef THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_
#define THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "common/db/db_config.h"

namespace thaksa::testing {

class MariaDbServer final {
 public:
  // Creates a data directory and starts the server; ready when this returns.
  static absl::StatusOr<std::unique_ptr<MariaDbServer>> Start();
  ~MariaDbServer();

  // Shuts the server down and waits for it to exit.
  absl::Status Stop();
  // Starts it again on the same data directory and socket; ready when this returns.
  absl::Status Restart();

  // A configuration for database `database` on this server.
  DbConfig Config(const std::string& database) const;

 private:
  explicit MariaDbServer(std::string directory) : directory_(std::move(directory)) {}
  absl::Status Launch();

  std::string directory_;
  pid_t pid_ = -1;
};

// The server shared by all tests of one test binary, started on first use.
MariaDbServer& SharedMariaDb();

// The single integer `statement` selects, or -1 (and a test failure) if the query fails.
int64_t QueryInt(ConnectionPool& pool, const std::string& statement);

// A fresh, migrated database on the shared server with a name unique to the running test.
DbConfig FreshDatabase();

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_
