#include "common/db/db_config.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace thaksa {
namespace {

absl::Status BadUrl(absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("database URL: ", why,
                   " (expected mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH&pool=N])"));
}

}  // namespace

absl::StatusOr<DbConfig> ParseDbUrl(absl::string_view url) {
  DbConfig config;
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "mysql://")) return BadUrl("must start with mysql://");

  absl::string_view query;
  if (size_t q = rest.find('?'); q != absl::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  size_t slash = rest.find('/');
  if (slash == absl::string_view::npos || slash + 1 == rest.size()) {
    return BadUrl("no database name");
  }
  config.database = std::string(rest.substr(slash + 1));
  absl::string_view authority = rest.substr(0, slash);

  if (size_t at = authority.rfind('@'); at != absl::string_view::npos) {
    absl::string_view credentials = authority.substr(0, at);
    authority = authority.substr(at + 1);
    std::pair<std::string, std::string> user_password =
        absl::StrSplit(credentials, absl::MaxSplits(':', 1));
    config.user = user_password.first;
    config.password = user_password.second;
  }
  if (config.user.empty()) return BadUrl("no user");
  if (size_t colon = authority.rfind(':'); colon != absl::string_view::npos) {
    if (!absl::SimpleAtoi(authority.substr(colon + 1), &config.port) || config.port <= 0 ||
        config.port > 65535) {
      return BadUrl("bad port");
    }
    authority = authority.substr(0, colon);
  }
  if (!authority.empty()) config.host = std::string(authority);

  for (absl::string_view parameter : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> kv =
        absl::StrSplit(parameter, absl::MaxSplits('=', 1));
    if (kv.first == "socket") {
      config.socket = std::string(kv.second);
    } else if (kv.first == "pool") {
      if (!absl::SimpleAtoi(kv.second, &config.pool_size) || config.pool_size < 1) {
        return BadUrl("pool must be a positive number");
      }
    } else {
      return BadUrl(absl::StrCat("unknown parameter '", kv.first, "'"));
    }
  }
  if (const char* password = std::getenv("THAKSA_DB_PASSWORD"); password != nullptr) {
    config.password = password;
  }
  return config;
}

}  // namespace thaksa
