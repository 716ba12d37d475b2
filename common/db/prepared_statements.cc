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

void PreparedStatements::ExecuteRows(absl::string_view prefix,
                                     const std::vector<std::vector<SqlValue>>& rows,
                                     absl::string_view suffix) {
  if (rows.empty()) return;
  const size_t columns = rows.front().size();
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const size_t end = std::min(rows.size(), start + kRowsPerStatement);
    std::vector<SqlValue> params;
    params.reserve((end - start) * columns);
    for (size_t i = start; i < end; ++i) params.insert(params.end(), rows[i].begin(), rows[i].end());
    Execute(absl::StrCat(prefix, PlaceholderRows(end - start, columns), suffix), params);
  }
}

namespace {

// Calls `run(statement, params)` for each chunk of at most kRowsPerStatement keys of `keys`.
void ForEachChunk(absl::string_view prefix, const std::vector<SqlValue>& keys, size_t key_size,
                  absl::string_view suffix,
                  const std::function<void(const std::string&, const std::vector<SqlValue>&)>& run) {
  const size_t per_chunk = kRowsPerStatement * key_size;
  for (size_t start = 0; start < keys.size(); start += per_chunk) {
    const size_t end = std::min(keys.size(), start + per_chunk);
    const size_t count = (end - start) / key_size;
    const std::string list =
        key_size == 1 ? PlaceholderList(count) : PlaceholderRows(count, key_size);
    run(absl::StrCat(prefix, list, suffix),
        std::vector<SqlValue>(keys.begin() + static_cast<std::ptrdiff_t>(start),
                              keys.begin() + static_cast<std::ptrdiff_t>(end)));
  }
}

}  // namespace

void PreparedStatements::QueryIn(absl::string_view prefix, const std::vector<SqlValue>& keys,
                                 size_t key_size, absl::string_view suffix,
                                 const std::function<void(sql::ResultSet& row)>& on_row) {
  ForEachChunk(prefix, keys, key_size, suffix,
               [&](const std::string& statement, const std::vector<SqlValue>& params) {
                 Query(statement, params, on_row);
               });
}

void PreparedStatements::ExecuteIn(absl::string_view prefix, const std::vector<SqlValue>& keys,
                                   absl::string_view suffix) {
  ForEachChunk(prefix, keys, 1, suffix,
               [&](const std::string& statement, const std::vector<SqlValue>& params) {
                 Execute(statement, params);
               });
}

}  // namespace thaksa
