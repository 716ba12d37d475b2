// A pool of MySQL connections that heals itself: broken connections are dropped and replaced on
// the next call, so a server keeps working across database restarts without being restarted.
// Every connection reads at READ COMMITTED: a read that follows a locking read in a transaction
// sees the rows as they were committed when it ran, never an older snapshot, so "lock, read,
// decide, write" is safe against concurrent writers.
#ifndef THAKSA_COMMON_DB_CONNECTION_POOL_H_
#define THAKSA_COMMON_DB_CONNECTION_POOL_H_

#include <cppconn/connection.h>

#include <functional>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "common/db/db_config.h"
#include "common/db/prepared_statements.h"

namespace thaksa {

// Work done on one connection. It may throw sql::SQLException; the pool maps it to a status.
// Any other exception is a defect: it is logged and answered INTERNAL, and the connection is
// returned (rolled back) all the same.
using DbWork = std::function<absl::Status(sql::Connection&)>;
// Work that runs its statements through the statements kept prepared on the connection (see
// prepared_statements.h); otherwise as DbWork.
using PreparedWork = std::function<absl::Status(PreparedStatements&)>;

// What the pool holds at one moment.
struct PoolStats {
  int size = 0;    // the most connections it opens
  int open = 0;    // connections open (or being opened)
  int in_use = 0;  // of those, lent to work right now
  int waiting = 0;  // work waiting for a connection now
};

class ConnectionPool final {
 public:
  explicit ConnectionPool(DbConfig config);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // OK if a connection answers a query now (for readiness checks).
  absl::Status Ping();

  // Runs `work` with autocommit on. A connection error is retried once on a fresh connection
  // (the usual case after the database restarted); if that fails too the answer is UNAVAILABLE.
  absl::Status Run(const DbWork& work);
  absl::Status Run(const PreparedWork& work);

  // Runs `work` in a transaction: committed if it returns OK, rolled back otherwise. Deadlocks,
  // lock-wait timeouts and lost connections are retried (up to 5 attempts in all, waiting a
  // little longer, with jitter, before each).
  absl::Status Transaction(const DbWork& work);

  // As Transaction, and also retried (up to 10 times) when a unique key refuses a row (1062):
  // for "read, compare, insert or update" work that a concurrent caller may beat to the insert.
  // The retry sees that caller's row and compares with it. `work` must not return
  // ALREADY_EXISTS itself, and must give the same answer when run again.
  absl::Status UpsertTransaction(const DbWork& work);
  absl::Status UpsertTransaction(const PreparedWork& work);

  const DbConfig& config() const { return config_; }

  PoolStats Stats() const;

 private:
  class Lease;
  class PooledConnection;

  absl::Status Attempt(const PreparedWork& work, bool transaction, bool* retryable);
  absl::Status RetriedTransaction(const PreparedWork& work, bool retry_duplicates);
  absl::StatusOr<std::unique_ptr<PooledConnection>> Acquire();
  void Release(std::unique_ptr<PooledConnection> connection);
  std::unique_ptr<PooledConnection> Connect();

  const DbConfig config_;
  mutable absl::Mutex mutex_;
  std::vector<std::unique_ptr<PooledConnection>> idle_ ABSL_GUARDED_BY(mutex_);
  int open_ ABSL_GUARDED_BY(mutex_) = 0;
  int waiting_ ABSL_GUARDED_BY(mutex_) = 0;
};

// Opens one connection without selecting a database and creates `config.database` (utf8mb4)
// if it does not exist.
absl::Status CreateDatabaseIfMissing(const DbConfig& config);

// Drops `config.database`; for tests.
absl::Status DropDatabase(const DbConfig& config);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_CONNECTION_POOL_H_
