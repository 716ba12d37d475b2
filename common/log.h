// Structured logging: one line per event on stderr, "time event key=value ...". Values with
// spaces or quotes are quoted. Never pass tokens or citizen IDs.
#ifndef THAKSA_COMMON_LOG_H_
#define THAKSA_COMMON_LOG_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace thaksa {

using LogFields = std::vector<std::pair<absl::string_view, std::string>>;

// Writes one event line, e.g. LogEvent("rpc", {{"method", m}, {"status", "OK"}}).
void LogEvent(absl::string_view event, const LogFields& fields);

}  // namespace thaksa

#endif  // THAKSA_COMMON_LOG_H_
