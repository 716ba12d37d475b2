#include "common/db/lease.h"

#include <cppconn/exception.h>
#include <unistd.h>

#include <atomic>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "common/db/sql.h"

namespace thaksa {

void CreateLeaseTable(sql::Connection& connection) {
  Execute(connection,
          "CREATE TABLE IF NOT EXISTS lease ("
          " name VARCHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,"
          " holder VARCHAR(128) NULL,"
          " held_until DATETIME(6) NOT NULL"
          ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
}

std::string NewLeaseHolder() {
  static std::atomic<int> holders{0};
  // Containers of one pod share a host name and may each run as process 1: a random part keeps
  // their holders apart, and a restarted process from taking its predecessor's lease as its own.
  static const uint32_t process = absl::BitGen()();
  char host[64] = {};
  gethostname(host, sizeof host - 1);
  return absl::StrCat(host, ":", getpid(), ":", absl::Hex(process), ":", ++holders);
}

bool TakeLease(sql::Connection& connection, absl::string_view name, absl::string_view holder,
               absl::Duration duration) {
  try {
    Execute(connection, "INSERT IGNORE INTO lease (name, held_until) VALUES (?, NOW(6))",
            {std::string(name)});
    return Execute(connection,
                   "UPDATE lease SET holder = ?, held_until = NOW(6) + INTERVAL ? MICROSECOND"
                   " WHERE name = ? AND (holder IS NULL OR holder = ? OR held_until < NOW(6))",
                   {std::string(holder), absl::ToInt64Microseconds(duration), std::string(name),
                    std::string(holder)}) > 0;
  } catch (const sql::SQLException& error) {
    // Another claim of the same row won (a deadlock, a lock wait, or on a cluster another
    // node's commit): not taken this time.
    if (error.getErrorCode() == 1213 || error.getErrorCode() == 1205) return false;
    throw;
  }
}

void ReleaseLease(sql::Connection& connection, absl::string_view name, absl::string_view holder) {
  Execute(connection, "UPDATE lease SET holder = NULL WHERE name = ? AND holder = ?",
          {std::string(name), std::string(holder)});
}

std::string LeaseHolder(sql::Connection& connection, absl::string_view name) {
  auto rows = Query(connection,
                    "SELECT holder FROM lease WHERE name = ? AND held_until >= NOW(6)"
                    " AND holder IS NOT NULL",
                    {std::string(name)});
  return rows->next() ? std::string(rows->getString("holder")) : "";
}

}  // namespace thaksa
