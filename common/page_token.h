// Opaque page tokens for keyset pagination: the last id returned, bound to the request's filter
// so that a token cannot be replayed against a different query.
#ifndef THAKSA_COMMON_PAGE_TOKEN_H_
#define THAKSA_COMMON_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace thaksa {

// The page size to use for a request's `page_size`: `default_size` for 0, else the value,
// capped at `max_size`. Negative sizes are INVALID_ARGUMENT on field "page_size".
absl::StatusOr<int> EffectivePageSize(int requested, int default_size = 100, int max_size = 1000);

// A token meaning "continue after `last_id`" for the query whose filter is `filter`
// (any string that identifies the filter, e.g. its serialized fields).
std::string EncodePageToken(int64_t last_id, absl::string_view filter);

// The last id of `token`; 0 for an empty token. A token that is malformed or was issued for
// another filter is INVALID_ARGUMENT on field "page_token".
absl::StatusOr<int64_t> DecodePageToken(absl::string_view token, absl::string_view filter);

}  // namespace thaksa

#endif  // THAKSA_COMMON_PAGE_TOKEN_H_
