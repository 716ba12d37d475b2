#include "services/personnel/domain/text_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace thaksa::personnel {
namespace {

// Number of code points in `text`, or -1 if it is not valid UTF-8.
long Utf8Length(absl::string_view text) {
  long count = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t width = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (width == 0 || i + width > text.size()) return -1;
    for (size_t k = 1; k < width; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += width;
    ++count;
  }
  return count;
}

}  // namespace

void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors) {
  const long length = Utf8Length(value);
  if (length < 0) {
    errors.Add(field, "is not valid UTF-8");
  } else if (static_cast<size_t>(length) > max_chars) {
    errors.Add(field, absl::StrCat("must be at most ", max_chars, " characters"));
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

}  // namespace thaksa::personnel
