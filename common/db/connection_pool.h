// A pool of MySQL connections that heals itself: broken connections are dropped and replaced on
// the next call, so a server keeps working across database restarts without being restarted.
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

namespace thaksa {

// Work done on one connection. It may throw sql::SQLException; the pool maps it to a status.
using DbWork = std::function<absl::Status(sql::Connection&)>;

class ConnectionPool final {
 public:
  explicit ConnectionPool(DbConfig config);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs `work` with autocommit on. A connection error is retried once on a fresh connection
  // (the usual case after the database restarted); if that fails too the answer is UNAVAILABLE.
  absl::Status Run(const DbWork& work);

  // Runs `work` in a transaction: committed if it returns OK, rolled back otherwise. Deadlocks,
  // lock-wait timeouts and lost connections are retried (up to 3 attempts in all).
  absl::Status Transaction(const DbWork& work);

  const DbConfig& config() const { return config_; }

 private:
  absl::Status Attempt(const DbWork& work, bool transaction, bool* retryable);
  absl::StatusOr<std::unique_ptr<sql::Connection>> Acquire();
  void Release(std::unique_ptr<sql::Connection> connection);
  std::unique_ptr<sql::Connection> Connect();

  const DbConfig config_;
  absl::Mutex mutex_;
  std::vector<std::unique_ptr<sql::Connection>> idle_ ABSL_GUARDED_BY(mutex_);
  int open_ ABSL_GUARDED_BY(mutex_) = 0;
};

// Opens one connection without selecting a database and creates `config.database` (utf8mb4)
// if it does not exist.
absl::Status CreateDatabaseIfMissing(const DbConfig& config);

// Drops `config.database`; for tests.
absl::Status DropDatabase(const DbConfig& config);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_CONNECTION_POOL_H_
