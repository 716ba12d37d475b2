// Citizen-ID validation on any bytes: only 13 digits with the right check digit pass, and the
// masked form of any text shows at most its last four digits.
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
    const auto shown = std::count_if(masked.begin(), masked.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; });
    FUZZ_CHECK(shown == 4, "the mask of a valid ID shows four digits");
    FUZZ_CHECK(masked.find(id.substr(0, 9)) == std::string::npos, "the mask hides the rest");
  }
  FUZZ_CHECK(thaksa::CitizenIdHasher("key").Hash(id).size() == 32, "a hash is 32 bytes");
  return 0;
}
