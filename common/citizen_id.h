// Thai citizen IDs (เลขประจำตัวประชาชน): validation, keyed hashing and masking. The clear ID is
// never stored or logged; the store keeps a keyed hash (for lookup) and a masked form.
#ifndef THAKSA_COMMON_CITIZEN_ID_H_
#define THAKSA_COMMON_CITIZEN_ID_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace thaksa {

// OK if `id` is 13 ASCII digits whose 13th is the check digit
// (11 - (sum of d_i * (14 - i), i = 1..12) mod 11) mod 10; else INVALID_ARGUMENT saying why.
absl::Status ValidateCitizenId(absl::string_view id);

// The check digit for the first 12 digits of `id` (which must be digits).
int CitizenIdCheckDigit(absl::string_view first_twelve_digits);

// Display form with only the last four digits visible: "x-xxxx-xxxx9-01-3".
std::string MaskCitizenId(absl::string_view id);

// Keyed hash of citizen IDs (HMAC-SHA256), so equal IDs can be found without storing them.
class CitizenIdHasher final {
 public:
  // `key` is the secret HMAC key; it must not be empty.
  explicit CitizenIdHasher(std::string key) : key_(std::move(key)) {}
  // The 32-byte HMAC of `id`, as raw bytes.
  std::string Hash(absl::string_view id) const;

 private:
  std::string key_;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_CITIZEN_ID_H_
