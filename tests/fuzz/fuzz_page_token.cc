// Page tokens from callers: any bytes decode to an id or an error on page_token, never to an id
// for another filter; a token issued for an id decodes to it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "common/page_token.h"
#include "common/status.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // The input is "filter\0token"; without a NUL, all of it is the token.
  const size_t split = input.find('\0');
  const std::string filter = split == std::string::npos ? "" : input.substr(0, split);
  const std::string token = split == std::string::npos ? input : input.substr(split + 1);

  const absl::StatusOr<int64_t> decoded = thaksa::DecodePageToken(token, filter);
  if (decoded.ok()) {
    FUZZ_CHECK(*decoded >= 0, "a decoded id is not negative");
    if (!token.empty()) {
      FUZZ_CHECK(!thaksa::DecodePageToken(token, filter + "x").ok(),
                 "a token does not decode for another filter");
    }
  } else {
    FUZZ_CHECK(decoded.status().code() == absl::StatusCode::kInvalidArgument,
               "a bad token is INVALID_ARGUMENT");
    const auto violations = thaksa::FieldViolationsOf(decoded.status());
    FUZZ_CHECK(violations.size() == 1 && violations[0].field == "page_token",
               "a bad token's error names page_token");
  }

  int64_t id = 0;
  std::memcpy(&id, data, std::min(size, sizeof(id)));
  if (id > 0) {
    const absl::StatusOr<int64_t> again =
        thaksa::DecodePageToken(thaksa::EncodePageToken(id, filter), filter);
    FUZZ_CHECK(again.ok() && *again == id, "an issued token decodes to its id");
  }
  return 0;
}
