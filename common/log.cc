#include "common/log.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace thaksa {
namespace {

std::string Quote(absl::string_view value) {
  if (!value.empty() && value.find_first_of(" \"=\n") == absl::string_view::npos) {
    return std::string(value);
  }
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\\", "\\\\"}, {"\"", "\\\""},
                                                       {"\n", "\\n"}}), "\"");
}

}  // namespace

void LogEvent(absl::string_view event, const LogFields& fields) {
  std::string line = absl::StrCat(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%Ez", absl::Now(), absl::LocalTimeZone()), " ", event);
  for (const auto& [key, value] : fields) absl::StrAppend(&line, " ", key, "=", Quote(value));
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace thaksa
