#include "common/citizen_id.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace thaksa {

int CitizenIdCheckDigit(absl::string_view first_twelve_digits) {
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (first_twelve_digits[i] - '0') * (13 - i);
  return (11 - sum % 11) % 10;
}

absl::Status ValidateCitizenId(absl::string_view id) {
  if (id.size() != 13) {
    return absl::InvalidArgumentError(absl::StrCat("must be 13 digits, got ", id.size(),
                                                   " characters"));
  }
  for (char c : id) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError("must contain digits only");
    }
  }
  if (CitizenIdCheckDigit(id) != id[12] - '0') {
    return absl::InvalidArgumentError("check digit does not match");
  }
  return absl::OkStatus();
}

std::string MaskCitizenId(absl::string_view id) {
  if (id.size() != 13) return "x-xxxx-xxxxx-xx-x";
  return absl::StrCat("x-xxxx-xxxx", id.substr(9, 1), "-", id.substr(10, 2), "-", id.substr(12, 1));
}

std::string CitizenIdHasher::Hash(absl::string_view id) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace thaksa
