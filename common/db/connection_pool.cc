#include "common/db/connection_pool.h"

#include <cppconn/exception.h>
#include <mysql_driver.h>

#include <exception>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/sql.h"
#include "common/log.h"
#include "common/metrics.h"
#include "common/status.h"

namespace thaksa {
namespace {

constexpr int kTransactionAttempts = 5;
// Each refused duplicate means a concurrent caller stored one more row of the work, which the
// retry then finds: a batch of many rows racing many callers may need several.
constexpr int kDuplicateAttempts = 10;

std::unique_ptr<sql::Connection> OpenConnection(const DbConfig& config, bool select_database) {
  sql::ConnectOptionsMap options;
  options["hostName"] = config.socket.empty()
                            ? sql::SQLString(absl::StrCat("tcp://", config.host, ":", config.port))
                            : sql::SQLString(absl::StrCat("unix://", config.socket));
  options["userName"] = sql::SQLString(config.user);
  options["password"] = sql::SQLString(config.password);
  if (select_database) options["schema"] = sql::SQLString(config.database);
  options["OPT_CONNECT_TIMEOUT"] = static_cast<int>(absl::ToInt64Seconds(config.connect_timeout));
  options["OPT_READ_TIMEOUT"] = static_cast<int>(absl::ToInt64Seconds(config.io_timeout));
  options["OPT_WRITE_TIMEOUT"] = static_cast<int>(absl::ToInt64Seconds(config.io_timeout));
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["OPT_RECONNECT"] = false;
  std::unique_ptr<sql::Connection> connection(
      sql::mysql::get_mysql_driver_instance()->connect(options));
  Execute(*connection, "SET time_zone = '+00:00'");
  Execute(*connection, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  // On a node of a Galera cluster, reads wait until the node has applied every write the cluster
  // committed before them: a caller sent to another node after a failover never reads behind
  // its own acknowledged writes.
  auto wsrep = Query(*connection, "SHOW VARIABLES LIKE 'wsrep_on'");
  if (wsrep->next() && wsrep->getString(2) == "ON") {
    Execute(*connection, "SET SESSION wsrep_sync_wait = 1");
  }
  return connection;
}

// How long to wait before attempt `conflicts` + 1 after that many conflicts: doubling from
// 5 ms, with jitter, so that transactions that deadlocked on each other do not meet again.
absl::Duration ConflictBackoff(int conflicts) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int base_ms = 5 << (conflicts - 1);
  return absl::Milliseconds(base_ms + static_cast<int>(random() % base_ms));
}

absl::Status RunOnce(const DbConfig& config, const std::string& statement) {
  try {
    Execute(*OpenConnection(config, /*select_database=*/false), statement);
    return absl::OkStatus();
  } catch (const sql::SQLException& error) {
    return StatusFromSqlError(error);
  }
}

std::string QuoteIdentifier(absl::string_view name) {
  std::string quoted = "`";
  for (char c : name) {
    if (c == '`') quoted.push_back('`');
    quoted.push_back(c);
  }
  quoted.push_back('`');
  return quoted;
}

}  // namespace

// A connection with the statements kept prepared on it, which are closed before it.
class ConnectionPool::PooledConnection final {
 public:
  explicit PooledConnection(std::unique_ptr<sql::Connection> connection)
      : connection_(std::move(connection)), statements_(*connection_) {}

  sql::Connection& connection() { return *connection_; }
  PreparedStatements& statements() { return statements_; }

  // Ends whatever transaction the connection is in; false if that failed (drop it then).
  bool RollBack() {
    try {
      Execute(*connection_, "ROLLBACK");
      return true;
    } catch (const sql::SQLException&) {
      return false;
    }
  }

 private:
  std::unique_ptr<sql::Connection> connection_;
  PreparedStatements statements_;
};

namespace {

// The work as PreparedWork, using only the connection.
PreparedWork OnConnection(const DbWork& work) {
  return [&work](PreparedStatements& statements) { return work(statements.connection()); };
}

}  // namespace

// A connection slot lent to one attempt. It goes back to the pool when the lease ends, on every
// path: with its connection, or empty (freeing the slot) when the connection was dropped.
class ConnectionPool::Lease final {
 public:
  Lease(ConnectionPool& pool, std::unique_ptr<PooledConnection> connection)
      : pool_(pool), connection_(std::move(connection)) {}
  ~Lease() { pool_.Release(std::move(connection_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // Empty until connected.
  std::unique_ptr<PooledConnection>& connection() { return connection_; }

 private:
  ConnectionPool& pool_;
  std::unique_ptr<PooledConnection> connection_;
};

ConnectionPool::ConnectionPool(DbConfig config) : config_(std::move(config)) {}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<ConnectionPool::PooledConnection> ConnectionPool::Connect() {
  return std::make_unique<PooledConnection>(OpenConnection(config_, /*select_database=*/true));
}

absl::StatusOr<std::unique_ptr<ConnectionPool::PooledConnection>> ConnectionPool::Acquire() {
  absl::MutexLock lock(&mutex_);
  auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !idle_.empty() || open_ < config_.pool_size;
  };
  ++waiting_;
  const bool acquired = mutex_.AwaitWithTimeout(absl::Condition(&available), config_.acquire_timeout);
  --waiting_;
  if (!acquired) return absl::UnavailableError("all database connections are busy; retry later");
  if (!idle_.empty()) {
    std::unique_ptr<PooledConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  return std::unique_ptr<PooledConnection>();  // the caller connects outside the lock
}

void ConnectionPool::Release(std::unique_ptr<PooledConnection> connection) {
  absl::MutexLock lock(&mutex_);
  if (connection == nullptr) {
    --open_;
  } else {
    idle_.push_back(std::move(connection));
  }
}

PoolStats ConnectionPool::Stats() const {
  absl::MutexLock lock(&mutex_);
  return {config_.pool_size, open_, open_ - static_cast<int>(idle_.size()), waiting_};
}

absl::Status ConnectionPool::Attempt(const PreparedWork& work, bool transaction,
                                     bool* retryable) {
  *retryable = false;
  ASSIGN_OR_RETURN(std::unique_ptr<PooledConnection> acquired, Acquire());
  Lease lease(*this, std::move(acquired));
  std::unique_ptr<PooledConnection>& connection = lease.connection();
  auto roll_back = [&connection] {
    if (connection != nullptr && !connection->RollBack()) connection.reset();
  };
  absl::Status status;
  bool committing = false;
  try {
    if (connection == nullptr) connection = Connect();
    // Transactions are begun and ended by statements, not by the driver's setAutoCommit,
    // commit and rollback: Connector/C++ 1.1 ignores the server's answer to those, so a COMMIT
    // lost with its connection would look like a stored change.
    if (transaction) Execute(connection->connection(), "START TRANSACTION");
    status = work(connection->statements());
    if (transaction && status.ok()) {
      committing = true;
      Execute(connection->connection(), "COMMIT");
    } else if (transaction) {
      roll_back();
    }
  } catch (const sql::SQLException& error) {
    status = StatusFromSqlError(error);
    *retryable = status.code() == absl::StatusCode::kUnavailable ||
                 status.code() == absl::StatusCode::kAborted;
    if (committing && IsConnectionError(error)) {
      // The server may have committed before the connection broke: running the work again
      // here could apply it twice. The caller, told so, sends it again if it is idempotent.
      *retryable = false;
      status = absl::UnavailableError(
          "the database connection was lost while committing; the change may or may not be "
          "stored: send it again");
    }
    if (IsConnectionError(error)) {
      connection.reset();  // broken: replaced by a fresh one on a later call
    } else {
      roll_back();
    }
  } catch (const std::exception& error) {
    LogEvent("db_work_failed", {{"error", error.what()}});
    status = absl::InternalError("internal error");
    roll_back();
  }
  return status;
}

absl::Status ConnectionPool::Run(const DbWork& work) { return Run(OnConnection(work)); }

absl::Status ConnectionPool::Ping() {
  return Run([](sql::Connection& c) {
    Query(c, "SELECT 1");
    return absl::OkStatus();
  });
}

absl::Status ConnectionPool::Run(const PreparedWork& work) {
  bool retryable = false;
  absl::Status status = Attempt(work, /*transaction=*/false, &retryable);
  if (retryable && status.code() == absl::StatusCode::kUnavailable) {
    status = Attempt(work, /*transaction=*/false, &retryable);
  }
  return status;
}

absl::Status ConnectionPool::Transaction(const DbWork& work) {
  return RetriedTransaction(OnConnection(work), /*retry_duplicates=*/false);
}

absl::Status ConnectionPool::UpsertTransaction(const DbWork& work) {
  return UpsertTransaction(OnConnection(work));
}

absl::Status ConnectionPool::UpsertTransaction(const PreparedWork& work) {
  return RetriedTransaction(work, /*retry_duplicates=*/true);
}

absl::Status ConnectionPool::RetriedTransaction(const PreparedWork& work, bool retry_duplicates) {
  absl::Status status;
  int conflicts = 0, duplicates = 0;
  while (true) {
    bool retryable = false;
    status = Attempt(work, /*transaction=*/true, &retryable);
    if (retryable) {
      if (++conflicts >= kTransactionAttempts) break;
      ProcessMetrics().Add("thaksa_db_transaction_retries_total", {{"reason", "conflict"}});
      absl::SleepFor(ConflictBackoff(conflicts));
    } else if (retry_duplicates && absl::IsAlreadyExists(status)) {
      if (++duplicates >= kDuplicateAttempts) break;
      ProcessMetrics().Add("thaksa_db_transaction_retries_total", {{"reason", "duplicate"}});
    } else {
      break;
    }
  }
  return status;
}

absl::Status CreateDatabaseIfMissing(const DbConfig& config) {
  return RunOnce(config, absl::StrCat("CREATE DATABASE IF NOT EXISTS ", QuoteIdentifier(config.database),
                                      " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
}

absl::Status DropDatabase(const DbConfig& config) {
  return RunOnce(config, absl::StrCat("DROP DATABASE IF EXISTS ", QuoteIdentifier(config.database)));
}

}  // namespace thaksa
