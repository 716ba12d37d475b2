// Field checks shared by the personnel rules: required text, lengths, e-mail shape.
#ifndef THAKSA_SERVICES_PERSONNEL_DOMAIN_TEXT_RULES_H_
#define THAKSA_SERVICES_PERSONNEL_DOMAIN_TEXT_RULES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "common/status.h"

namespace thaksa::personnel {

// Adds "is required" if `value` is blank, or a length violation if it has more than
// `max_chars` characters (UTF-8 code points) or is not valid UTF-8.
void CheckRequiredText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors);
// As CheckRequiredText, but blank is allowed.
void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldErrors& errors);
// Adds a violation unless `value` is empty or looks like an e-mail address.
void CheckOptionalEmail(absl::string_view value, const std::string& field, FieldErrors& errors);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_DOMAIN_TEXT_RULES_H_
