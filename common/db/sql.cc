#include "common/db/sql.h"

#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/log.h"
#include "common/thai_calendar.h"

namespace thaksa {
namespace {

std::unique_ptr<sql::PreparedStatement> Prepare(sql::Connection& connection,
                                                const std::string& statement,
                                                const std::vector<SqlValue>& params) {
  std::unique_ptr<sql::PreparedStatement> prepared(connection.prepareStatement(statement));
  BindParams(*prepared, params);
  return prepared;
}

}  // namespace

void BindParams(sql::PreparedStatement& statement, const std::vector<SqlValue>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const unsigned int index = static_cast<unsigned int>(i + 1);
    const SqlValue& value = params[i];
    if (std::holds_alternative<std::nullptr_t>(value)) {
      statement.setNull(index, sql::DataType::VARCHAR);
    } else if (const int64_t* number = std::get_if<int64_t>(&value)) {
      statement.setInt64(index, *number);
    } else {
      statement.setString(index, std::get<std::string>(value));
    }
  }
}

SqlValue NullIfEmpty(absl::string_view value) {
  if (value.empty()) return nullptr;
  return std::string(value);
}

SqlValue NullIfZero(int64_t value) {
  if (value == 0) return nullptr;
  return value;
}

std::unique_ptr<sql::ResultSet> Query(sql::Connection& connection, const std::string& statement,
                                      const std::vector<SqlValue>& params) {
  return std::unique_ptr<sql::ResultSet>(Prepare(connection, statement, params)->executeQuery());
}

int64_t Execute(sql::Connection& connection, const std::string& statement,
                const std::vector<SqlValue>& params) {
  if (params.empty()) {
    std::unique_ptr<sql::Statement> plain(connection.createStatement());
    plain->execute(statement);
    return plain->getUpdateCount();
  }
  return Prepare(connection, statement, params)->executeUpdate();
}

int64_t LastInsertId(sql::Connection& connection) {
  auto rows = Query(connection, "SELECT LAST_INSERT_ID()");
  rows->next();
  return rows->getInt64(1);
}

std::string PlaceholderList(size_t count) {
  std::string result;
  result.reserve(count * 2);
  for (size_t i = 0; i < count; ++i) absl::StrAppend(&result, i == 0 ? "?" : ",?");
  return result;
}

std::vector<std::vector<SqlValue>> IdSlices(const std::vector<int64_t>& ids, size_t per_slice) {
  std::vector<std::vector<SqlValue>> slices;
  for (size_t start = 0; start < ids.size(); start += per_slice) {
    const size_t end = std::min(ids.size(), start + per_slice);
    slices.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(start),
                        ids.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return slices;
}

std::string PlaceholderRows(size_t rows, size_t columns) {
  return PlaceholderRowsWith(rows, PlaceholderList(columns));
}

std::string PlaceholderRowsWith(size_t rows, absl::string_view row_values) {
  const std::string row = absl::StrCat("(", row_values, ")");
  std::string result;
  result.reserve(rows * (row.size() + 1));
  for (size_t r = 0; r < rows; ++r) absl::StrAppend(&result, r == 0 ? "" : ",", row);
  return result;
}

std::string GetStringOrEmpty(sql::ResultSet& row, const std::string& column) {
  if (row.isNull(column)) return "";
  return std::string(row.getString(column));
}

std::optional<absl::CivilDay> ReadOptionalDate(sql::ResultSet& row, const std::string& column) {
  if (row.isNull(column)) return std::nullopt;
  absl::StatusOr<absl::CivilDay> day = ParseIsoDate(std::string(row.getString(column)));
  if (!day.ok()) return std::nullopt;
  return *day;
}

absl::CivilDay ReadDate(sql::ResultSet& row, const std::string& column) {
  return ReadOptionalDate(row, column).value_or(absl::CivilDay());
}

bool IsConnectionError(const sql::SQLException& error) {
  switch (error.getErrorCode()) {
    case 1053:  // server shutdown in progress
    case 1927:  // connection was killed
    case 2002:  // cannot connect through socket
    case 2003:  // cannot connect to server
    case 2005:  // unknown host
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2055:  // lost connection at reading
      return true;
    default:
      return error.getSQLState().rfind("08", 0) == 0;
  }
}

absl::Status StatusFromSqlError(const sql::SQLException& error) {
  if (IsConnectionError(error)) {
    return absl::UnavailableError("the database is unavailable; retry later");
  }
  switch (error.getErrorCode()) {
    case 1062:
      return absl::AlreadyExistsError("a record with the same key already exists");
    case 1451:
      return absl::FailedPreconditionError("the record is still referenced by others");
    case 1452:
      return absl::FailedPreconditionError("a referenced record does not exist");
    case 1205:
    case 1213:
      return absl::AbortedError("the transaction conflicted with another; retry");
    default:
      LogEvent("sql_error", {{"code", absl::StrCat(error.getErrorCode())},
                             {"state", std::string(error.getSQLState())},
                             {"message", error.what()}});
      return absl::InternalError("internal database error");
  }
}

}  // namespace thaksa
