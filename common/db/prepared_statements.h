// Statements prepared once per connection: the pool keeps a PreparedStatements beside each of
// its connections, so a statement that runs again on that connection (the same text: a
// look-up, a full chunk of a multi-row write) is executed without being prepared again — one
// round trip instead of two, and no parsing of the text by the server. The most recently used
// statements are kept, a bounded number per connection. One made for a bare connection (as the
// chunked helpers of sql.h make one) keeps its statements only while it lives.
#ifndef THAKSA_COMMON_DB_PREPARED_STATEMENTS_H_
#define THAKSA_COMMON_DB_PREPARED_STATEMENTS_H_

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "common/db/sql.h"

namespace thaksa {

class PreparedStatements final {
 public:
  // Statements kept per connection unless told otherwise.
  static constexpr size_t kDefaultCapacity = 32;

  // For statements on `connection`, which must outlive this object (the statements are closed
  // when it is destroyed).
  explicit PreparedStatements(sql::Connection& connection, size_t capacity = kDefaultCapacity);
  ~PreparedStatements();
  PreparedStatements(const PreparedStatements&) = delete;
  PreparedStatements& operator=(const PreparedStatements&) = delete;

  sql::Connection& connection() const { return connection_; }

  // Runs a query and calls `on_row` for each of its rows. The rows live only during the call,
  // because the next run of the same statement replaces them; `on_row` must not run statements
  // through this object. May throw sql::SQLException (inside ConnectionPool work), as may the
  // others.
  void Query(const std::string& statement, const std::vector<SqlValue>& params,
             const std::function<void(sql::ResultSet& row)>& on_row);

  // Runs a statement that returns no rows; returns the number of rows affected.
  int64_t Execute(const std::string& statement, const std::vector<SqlValue>& params);

  // The chunked statements of sql.h (ExecuteRows, InsertRowsReturningIds, QueryIn: the same
  // arguments but the connection), run through the kept statements, so that every full chunk
  // is prepared once. QueryRows is ExecuteRows for a query, e.g. the prefix "SELECT id FROM t
  // WHERE (a, b) IN (" with the suffix ") FOR UPDATE"; its rows are handed to `on_row` as by
  // Query.
  void ExecuteRows(absl::string_view statement_prefix, size_t columns,
                   const std::vector<std::vector<SqlValue>>& rows,
                   absl::string_view statement_suffix = "");
  void QueryRows(absl::string_view statement_prefix, size_t columns,
                 const std::vector<std::vector<SqlValue>>& rows,
                 absl::string_view statement_suffix,
                 const std::function<void(sql::ResultSet& row)>& on_row);
  std::vector<int64_t> InsertRowsReturningIds(absl::string_view statement_prefix, size_t columns,
                                              const std::vector<std::vector<SqlValue>>& rows);
  void QueryIn(absl::string_view select, const std::vector<SqlValue>& values,
               absl::string_view suffix, const std::function<void(sql::ResultSet& row)>& on_row,
               const std::vector<SqlValue>& select_params = {});

 private:
  struct Kept {
    std::unique_ptr<sql::PreparedStatement> statement;
    uint64_t last_used = 0;
  };

  // The statement with this text, bound to `params`: a kept one, or prepared now and kept (the
  // least recently used one closed to make room).
  sql::PreparedStatement& Bound(const std::string& statement, const std::vector<SqlValue>& params);

  sql::Connection& connection_;
  const size_t capacity_;
  uint64_t uses_ = 0;
  absl::flat_hash_map<std::string, Kept> kept_;  // by statement text
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_PREPARED_STATEMENTS_H_
