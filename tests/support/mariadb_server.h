// A private MariaDB server for integration and end-to-end tests: its own data directory in a
// temporary folder, reachable only through a unix socket, stopped and removed at the end.
#ifndef THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_
#define THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/db/connection_pool.h"
#include "common/db/db_config.h"

namespace thaksa::testing {

class MariaDbServer final {
 public:
  // Creates a data directory and starts the server; ready when this returns. A `durable` server
  // flushes its log to disk at every commit, as production does; otherwise it only writes it
  // (a commit survives the server's crash, not the machine's), which is quicker.
  static absl::StatusOr<std::unique_ptr<MariaDbServer>> Start(bool durable = false);
  ~MariaDbServer();

  // Shuts the server down and waits for it to exit.
  absl::Status Stop();
  // Kills the server (SIGKILL: no shutdown at all) and waits for it to be gone; Restart then
  // recovers its data as after a crash.
  void Kill();
  // Starts it again on the same data directory and socket; ready when this returns.
  absl::Status Restart();

  // A configuration for database `database` on this server.
  DbConfig Config(const std::string& database) const;

 private:
  MariaDbServer(std::string directory, bool durable)
      : directory_(std::move(directory)), durable_(durable) {}
  absl::Status Launch();

  std::string directory_;
  bool durable_;
  pid_t pid_ = -1;
};

// Kills process `pid` with SIGKILL and waits for it to be gone; then `pid` is -1 (nothing to do
// if it already is).
void KillAndReap(pid_t& pid);

// The server shared by all tests of one test binary, started on first use; durable (see Start)
// if MakeSharedMariaDbDurable was called before.
MariaDbServer& SharedMariaDb();
void MakeSharedMariaDbDurable();

// The single integer `statement` selects, or -1 (and a test failure) if the query fails.
int64_t QueryInt(ConnectionPool& pool, const std::string& statement);

// The first column of every row `statement` selects, as text (a test failure if it fails).
std::vector<std::string> QueryStrings(ConnectionPool& pool, const std::string& statement);

// A fresh, migrated database on the shared server with a name unique to the running test (and
// to `suffix`, for a test that needs several).
DbConfig FreshDatabase(const std::string& suffix = "");

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_MARIADB_SERVER_H_
