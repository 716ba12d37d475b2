#include "common/db/prepared_statements.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"

namespace thaksa {

PreparedStatements::PreparedStatements(sql::Connection& connection, size_t capacity)
    : connection_(connection), capacity_(std::max<size_t>(capacity, 1)) {}

PreparedStatements::~PreparedStatements() = default;

sql::PreparedStatement& PreparedStatements::Bound(const std::string& statement,
                                                  const std::vector<SqlValue>& params) {
  auto found = kept_.find(statement);
  if (found == kept_.end()) {
    std::unique_ptr<sql::PreparedStatement> prepared(connection_.prepareStatement(statement));
    if (kept_.size() >= capacity_) {
      auto oldest = std::min_element(kept_.begin(), kept_.end(), [](const auto& a, const auto& b) {
        return a.second.last_used < b.second.last_used;
      });
      kept_.erase(oldest);
    }
    found = kept_.emplace(statement, Kept{std::move(prepared), 0}).first;
  }
  found->second.last_used = ++uses_;
  sql::PreparedStatement& prepared = *found->second.statement;
  BindParams(prepared, params);
  return prepared;
}

void PreparedStatements::Query(const std::string& statement, const std::vector<SqlValue>& params,
                               const std::function<void(sql::ResultSet& row)>& on_row) {
  std::unique_ptr<sql::ResultSet> rows(Bound(statement, params).executeQuery());
  while (rows->next()) on_row(*rows);
}

int64_t PreparedStatements::Execute(const std::string& statement,
                                    const std::vector<SqlValue>& params) {
  return Bound(statement, params).executeUpdate();
}

namespace {

// Calls `run(statement, params)` once per chunk of at most kRowsPerStatement rows.
void InChunks(absl::string_view statement_prefix, size_t columns,
              const std::vector<std::vector<SqlValue>>& rows, absl::string_view statement_suffix,
              const std::function<void(const std::string&, const std::vector<SqlValue>&)>& run) {
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const size_t end = std::min(rows.size(), start + kRowsPerStatement);
    std::vector<SqlValue> params;
    params.reserve((end - start) * columns);
    for (size_t i = start; i < end; ++i) {
      params.insert(params.end(), rows[i].begin(), rows[i].end());
    }
    run(absl::StrCat(statement_prefix, PlaceholderRows(end - start, columns), statement_suffix),
        params);
  }
}

}  // namespace

void PreparedStatements::ExecuteRows(absl::string_view statement_prefix, size_t columns,
                                     const std::vector<std::vector<SqlValue>>& rows,
                                     absl::string_view statement_suffix) {
  InChunks(statement_prefix, columns, rows, statement_suffix,
           [&](const std::string& statement, const std::vector<SqlValue>& params) {
             Execute(statement, params);
           });
}

void PreparedStatements::QueryRows(absl::string_view statement_prefix, size_t columns,
                                   const std::vector<std::vector<SqlValue>>& rows,
                                   absl::string_view statement_suffix,
                                   const std::function<void(sql::ResultSet& row)>& on_row) {
  InChunks(statement_prefix, columns, rows, statement_suffix,
           [&](const std::string& statement, const std::vector<SqlValue>& params) {
             Query(statement, params, on_row);
           });
}

std::vector<int64_t> PreparedStatements::InsertRowsReturningIds(
    absl::string_view statement_prefix, size_t columns,
    const std::vector<std::vector<SqlValue>>& rows) {
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  QueryRows(statement_prefix, columns, rows, " RETURNING id",
            [&](sql::ResultSet& inserted) { ids.push_back(inserted.getInt64(1)); });
  return ids;
}

void PreparedStatements::QueryIn(absl::string_view select, const std::vector<SqlValue>& values,
                                 absl::string_view suffix,
                                 const std::function<void(sql::ResultSet& row)>& on_row,
                                 const std::vector<SqlValue>& select_params) {
  for (size_t start = 0; start < values.size(); start += kRowsPerStatement) {
    const size_t end = std::min(values.size(), start + kRowsPerStatement);
    std::vector<SqlValue> params = select_params;
    params.insert(params.end(), values.begin() + static_cast<std::ptrdiff_t>(start),
                  values.begin() + static_cast<std::ptrdiff_t>(end));
    Query(absl::StrCat(select, " IN (", PlaceholderList(end - start), ")", suffix), params,
          on_row);
  }
}

// The helpers of sql.h on a bare connection: through statements prepared for their one use.

void ExecuteRows(sql::Connection& connection, absl::string_view statement_prefix, size_t columns,
                 const std::vector<std::vector<SqlValue>>& rows,
                 absl::string_view statement_suffix) {
  PreparedStatements(connection).ExecuteRows(statement_prefix, columns, rows, statement_suffix);
}

void InsertRows(sql::Connection& connection, const std::string& statement_prefix, size_t columns,
                const std::vector<std::vector<SqlValue>>& rows) {
  ExecuteRows(connection, statement_prefix, columns, rows);
}

std::vector<int64_t> InsertRowsReturningIds(sql::Connection& connection,
                                            absl::string_view statement_prefix, size_t columns,
                                            const std::vector<std::vector<SqlValue>>& rows) {
  return PreparedStatements(connection).InsertRowsReturningIds(statement_prefix, columns, rows);
}

void QueryIn(sql::Connection& connection, absl::string_view select,
             const std::vector<SqlValue>& values, absl::string_view suffix,
             const std::function<void(sql::ResultSet& row)>& on_row,
             const std::vector<SqlValue>& select_params) {
  PreparedStatements(connection).QueryIn(select, values, suffix, on_row, select_params);
}

}  // namespace thaksa
