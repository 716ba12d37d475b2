// The last line of defence of every handler: no exception leaves a gRPC handler (gRPC would
// answer UNKNOWN and whatever the exception skipped would be left undone).
#ifndef THAKSA_COMMON_CONTAIN_EXCEPTIONS_H_
#define THAKSA_COMMON_CONTAIN_EXCEPTIONS_H_

#include <exception>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/log.h"

namespace thaksa {

// Runs `work` (returning absl::Status); an exception out of it is logged with `where` and
// becomes INTERNAL.
template <typename Work>
absl::Status ContainExceptions(absl::string_view where, Work&& work) {
  try {
    return work();
  } catch (const std::exception& error) {
    LogEvent("unexpected_exception", {{"where", std::string(where)}, {"error", error.what()}});
  }
  return absl::InternalError("internal error");
}

}  // namespace thaksa

#endif  // THAKSA_COMMON_CONTAIN_EXCEPTIONS_H_
