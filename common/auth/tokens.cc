#include "common/auth/tokens.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace thaksa {
namespace {

std::string RandomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    std::abort();  // no randomness: never hand out a guessable token
  }
  return bytes;
}

}  // namespace

std::string NewBearerToken() {
  std::string encoded;
  absl::WebSafeBase64Escape(RandomBytes(32), &encoded);
  return absl::StrCat("thk_", encoded);
}

std::string HashBearerToken(absl::string_view token) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

std::string Sha256Hex(absl::string_view text) {
  return absl::BytesToHexString(HashBearerToken(text));
}

std::string NewRequestId() { return absl::BytesToHexString(RandomBytes(8)); }

}  // namespace thaksa
