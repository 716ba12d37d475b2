// Checks of request fields shared by every service, so that one kind of value has one rule and
// one message everywhere: codes, text (UTF-8, length in characters), e-mail addresses and
// numbers (finite, in range). Each adds a violation naming the field to a FieldErrors.
#ifndef THAKSA_COMMON_FIELD_CHECKS_H_
#define THAKSA_COMMON_FIELD_CHECKS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "common/status.h"

namespace thaksa {

// The most characters of a code (agency, institute, course, framework, skill set, employee
// number ...).
inline constexpr size_t kMaxCodeLength = 32;

// True if `code` is 1-32 characters, each a letter, a digit, '-', '_' or '.' (ASCII).
bool IsValidCode(absl::string_view code);

// Adds a violation unless `value` is a valid code ("is required" when empty).
void CheckCode(absl::string_view value, const std::string& field, FieldErrors& errors);
// As CheckCode, but empty is allowed.
void CheckOptionalCode(absl::string_view value, const std::string& field, FieldErrors& errors);

// Adds "is required" if `value` is blank, or a violation if it has more than `max_chars`
// characters (UTF-8 code points) or is not valid UTF-8.
void CheckRequiredText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors);
// As CheckRequiredText, but blank is allowed.
void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors);
// Adds a violation unless `value` is empty or looks like an e-mail address.
void CheckOptionalEmail(absl::string_view value, const std::string& field, FieldErrors& errors);

// Adds a violation unless `value` is a finite number with min <= value <= max.
void CheckNumber(double value, double min, double max, const std::string& field,
                 FieldErrors& errors);
// Adds a violation unless `value` is a finite number with 0 < value <= max.
void CheckPositiveNumber(double value, double max, const std::string& field, FieldErrors& errors);
// Adds a violation unless min <= value <= max.
void CheckInteger(int64_t value, int64_t min, int64_t max, const std::string& field,
                  FieldErrors& errors);

// Adds a violation unless `be_year` is a Buddhist-era fiscal year from 2561 (the programme's
// first) to 2700.
void CheckFiscalYear(int64_t be_year, const std::string& field, FieldErrors& errors);

// Adds a violation ("are too many") and returns false if `list` (named `field`) has more than
// `max` entries.
template <typename List>
bool CheckCount(const List& list, int max, const std::string& field, FieldErrors& errors) {
  if (static_cast<int64_t>(list.size()) <= max) return true;
  errors.Add(field, "are too many: at most " + std::to_string(max));
  return false;
}

// The first `max_chars` characters of `text`, never cutting a UTF-8 sequence; bytes that are not
// valid UTF-8 are replaced by '?'.
std::string Utf8Prefix(absl::string_view text, size_t max_chars);

}  // namespace thaksa

#endif  // THAKSA_COMMON_FIELD_CHECKS_H_
