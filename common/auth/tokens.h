// Bearer tokens: 256 random bits, shown once, stored only as a SHA-256 hash.
#ifndef THAKSA_COMMON_AUTH_TOKENS_H_
#define THAKSA_COMMON_AUTH_TOKENS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace thaksa {

// A new token, "thk_" followed by 32 random bytes in URL-safe base64.
std::string NewBearerToken();

// The 32-byte SHA-256 of `token`, as stored.
std::string HashBearerToken(absl::string_view token);

// The SHA-256 of `text` as 64 lowercase hex digits.
std::string Sha256Hex(absl::string_view text);

// A random id for a request that came without x-request-id: 16 hex digits.
std::string NewRequestId();

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_TOKENS_H_
