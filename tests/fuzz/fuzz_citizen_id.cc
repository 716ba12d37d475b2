// Citizen-ID validation on any bytes: only 13 digits with the right check digit pass; the masked
// form of a valid ID shows its last four digits and no other, and masking any text is safe.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/citizen_id.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string id(reinterpret_cast<const char*>(data), size);
  const bool all_digits =
      std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  const bool valid = thaksa::ValidateCitizenId(id).ok();
  if (valid) {
    FUZZ_CHECK(id.size() == 13 && all_digits, "a valid ID is 13 digits");
    FUZZ_CHECK(thaksa::CitizenIdCheckDigit(id.substr(0, 12)) == id[12] - '0',
               "a valid ID ends in its check digit");
  } else if (id.size() == 13 && all_digits) {
    FUZZ_CHECK(thaksa::CitizenIdCheckDigit(id.substr(0, 12)) != id[12] - '0',
               "13 digits with the right check digit are valid");
  }
  const std::string masked = thaksa::MaskCitizenId(id);
  if (valid) {
    std::string shown;
    for (unsigned char c : masked) {
      if (std::isdigit(c)) shown += static_cast<char>(c);
    }
    FUZZ_CHECK(shown == id.substr(9), "the mask of a valid ID shows its last four digits only");
  }
  FUZZ_CHECK(thaksa::CitizenIdHasher("key").Hash(id).size() == 32, "a hash is 32 bytes");
  return 0;
}
