#include "common/auth/service_credential.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace thaksa {
namespace {

// Versioned, so that a later scheme can derive another token from the same key.
constexpr absl::string_view kLabel = "thaksa service principal v1";

}  // namespace

ServiceCredential::ServiceCredential(absl::string_view deployment_key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), deployment_key.data(), static_cast<int>(deployment_key.size()),
       reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size(), digest, &length);
  std::string encoded;
  absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(digest), length), &encoded);
  token_ = absl::StrCat("svc_", encoded);
}

bool ServiceCredential::Matches(absl::string_view token) const {
  return token.size() == token_.size() &&
         CRYPTO_memcmp(token.data(), token_.data(), token_.size()) == 0;
}

}  // namespace thaksa
