#include "common/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status.h"

namespace thaksa {
namespace {

// A stable fingerprint (FNV-1a): absl::Hash is salted per process, tokens must outlive one.
uint64_t Fingerprint(absl::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

absl::StatusOr<int> EffectivePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

std::string EncodePageToken(int64_t last_id, absl::string_view filter) {
  return absl::WebSafeBase64Escape(absl::StrCat(last_id, ":", Fingerprint(filter)));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token, absl::string_view filter) {
  if (token.empty()) return 0;
  std::string decoded;
  std::vector<absl::string_view> parts;
  int64_t last_id = 0;
  uint64_t fingerprint = 0;
  if (!absl::WebSafeBase64Unescape(token, &decoded) ||
      (parts = absl::StrSplit(decoded, ':')).size() != 2 ||
      !absl::SimpleAtoi(parts[0], &last_id) || !absl::SimpleAtoi(parts[1], &fingerprint) ||
      last_id <= 0) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  if (fingerprint != Fingerprint(filter)) {
    return InvalidField("page_token", "was issued for a different filter");
  }
  return last_id;
}

}  // namespace thaksa
