// Where the MySQL-compatible store is and how to talk to it.
#ifndef THAKSA_COMMON_DB_DB_CONFIG_H_
#define THAKSA_COMMON_DB_DB_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace thaksa {

struct DbConfig {
  std::string host = "127.0.0.1";
  int port = 3306;
  // Unix socket path; when set it is used instead of host and port.
  std::string socket;
  std::string user = "root";
  std::string password;
  std::string database = "thaksa";
  // Connections kept open at most.
  int pool_size = 8;
  // How long connecting may take before the call answers UNAVAILABLE.
  absl::Duration connect_timeout = absl::Seconds(2);
  // How long one read or write on a connection may take.
  absl::Duration io_timeout = absl::Seconds(30);
  // How long a call waits for a free connection.
  absl::Duration acquire_timeout = absl::Seconds(5);
};

// Parses "mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH&pool=N]". The password may
// also come from the environment variable THAKSA_DB_PASSWORD (which wins when set).
absl::StatusOr<DbConfig> ParseDbUrl(absl::string_view url);

}  // namespace thaksa

#endif  // THAKSA_COMMON_DB_DB_CONFIG_H_
