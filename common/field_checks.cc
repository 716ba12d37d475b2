#include "common/field_checks.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace thaksa {
namespace {

// The byte length of the UTF-8 sequence starting at text[i], or 0 if none is valid there
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF — as protobuf checks).
size_t SequenceLength(absl::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  // The sequence's length, and the range of its second byte, by its first byte.
  size_t width = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    width = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    width = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    width = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + width > text.size()) return 0;
  const unsigned char second = static_cast<unsigned char>(text[i + 1]);
  if (second < low || second > high) return 0;
  for (size_t k = 2; k < width; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return width;
}

// Number of code points in `text`, or -1 if it is not valid UTF-8.
long Utf8Length(absl::string_view text) {
  long count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    const size_t width = SequenceLength(text, i);
    if (width == 0) return -1;
    i += width;
  }
  return count;
}

constexpr char kCodeShape[] = "letters, digits, '-', '_' or '.'";

}  // namespace

bool IsValidCode(absl::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  for (char c : code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

void CheckOptionalCode(absl::string_view value, const std::string& field, FieldErrors& errors) {
  if (value.empty() || IsValidCode(value)) return;
  if (value.size() > kMaxCodeLength) {
    errors.Add(field, absl::StrCat("is too long: a code has at most ", kMaxCodeLength, " ",
                                   kCodeShape));
  } else {
    errors.Add(field, absl::StrCat("is not a code: only ", kCodeShape, " (at most ",
                                   kMaxCodeLength, ")"));
  }
}

void CheckCode(absl::string_view value, const std::string& field, FieldErrors& errors) {
  if (value.empty()) {
    errors.Add(field, absl::StrCat("is required: a code of 1-", kMaxCodeLength, " ", kCodeShape));
    return;
  }
  CheckOptionalCode(value, field, errors);
}

void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors) {
  const long length = Utf8Length(value);
  if (length < 0) {
    errors.Add(field, "is not valid UTF-8");
  } else if (static_cast<size_t>(length) > max_chars) {
    errors.Add(field, absl::StrCat("is too long: at most ", max_chars, " characters"));
  }
}

void CheckRequiredText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    errors.Add(field, "is required");
    return;
  }
  CheckOptionalText(value, max_chars, field, errors);
}

void CheckOptionalEmail(absl::string_view value, const std::string& field, FieldErrors& errors) {
  if (value.empty()) return;
  const size_t at = value.find('@');
  if (value.size() > 255 || at == 0 || at == absl::string_view::npos ||
      value.find('.', at) == absl::string_view::npos || value.find(' ') != absl::string_view::npos) {
    errors.Add(field, "is not an e-mail address");
  }
}

void CheckNumber(double value, double min, double max, const std::string& field,
                 FieldErrors& errors) {
  if (!std::isfinite(value)) {
    errors.Add(field, "must be a finite number");
  } else if (value < min || value > max) {
    errors.Add(field, absl::StrCat("must be from ", min, " to ", max));
  }
}

void CheckPositiveNumber(double value, double max, const std::string& field, FieldErrors& errors) {
  if (!std::isfinite(value)) {
    errors.Add(field, "must be a finite number");
  } else if (value <= 0 || value > max) {
    errors.Add(field, absl::StrCat("must be more than 0 and at most ", max));
  }
}

void CheckInteger(int64_t value, int64_t min, int64_t max, const std::string& field,
                  FieldErrors& errors) {
  if (value < min || value > max) errors.Add(field, absl::StrCat("must be from ", min, " to ", max));
}

void CheckFiscalYear(int64_t be_year, const std::string& field, FieldErrors& errors) {
  if (be_year < 2561 || be_year > 2700) {
    errors.Add(field, "must be a Buddhist-era year from 2561 to 2700");
  }
}

std::string Utf8Prefix(absl::string_view text, size_t max_chars) {
  std::string prefix;
  size_t chars = 0;
  for (size_t i = 0; i < text.size() && chars < max_chars; ++chars) {
    const size_t width = SequenceLength(text, i);
    if (width == 0) {
      prefix.push_back('?');
      ++i;
    } else {
      prefix.append(text.data() + i, width);
      i += width;
    }
  }
  return prefix;
}

}  // namespace thaksa
