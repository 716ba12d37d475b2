// Status helpers used below the RPC edge: propagation macros and field-level validation errors.
#ifndef THAKSA_COMMON_STATUS_H_
#define THAKSA_COMMON_STATUS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                          \
  do {                                                 \
    ::absl::Status thaksa_status_ = (expr);            \
    if (!thaksa_status_.ok()) return thaksa_status_;   \
  } while (false)

#define THAKSA_STATUS_CONCAT_INNER_(a, b) a##b
#define THAKSA_STATUS_CONCAT_(a, b) THAKSA_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status, otherwise moves the
// value into `lhs` (a declaration such as `auto x` or an existing variable).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(THAKSA_STATUS_CONCAT_(thaksa_statusor_, __LINE__), lhs, rexpr)
#define ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                           \
  if (!statusor.ok()) return statusor.status();      \
  lhs = std::move(statusor).value()

namespace thaksa {

// One invalid field of a request, named as in the API (e.g. "person.citizen_id").
struct FieldViolation {
  std::string field;
  std::string description;
  bool operator==(const FieldViolation& other) const {
    return field == other.field && description == other.description;
  }
};

// Collects every invalid field of a request, so that one answer names them all.
class FieldErrors final {
 public:
  // Records that `field` is invalid for the reason `description`.
  void Add(absl::string_view field, absl::string_view description);
  // True if nothing was recorded.
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // OK if empty, else `code` (INVALID_ARGUMENT unless a precondition or conflict is at fault)
  // carrying the violations (see FieldViolationsOf).
  absl::Status ToStatus(absl::StatusCode code = absl::StatusCode::kInvalidArgument) const;

 private:
  std::vector<FieldViolation> violations_;
};

// True for the codes that refuse a record for what it says (INVALID_ARGUMENT, NOT_FOUND,
// ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION, OUT_OF_RANGE); false for failures of
// the service (UNAVAILABLE, INTERNAL, ...), after which the record may be sent again.
bool RefusesTheRecord(const absl::Status& status);

// INVALID_ARGUMENT naming one field.
absl::Status InvalidField(absl::string_view field, absl::string_view description);
// `code` naming one field (e.g. FAILED_PRECONDITION for a record in the wrong state).
absl::Status FieldStatus(absl::StatusCode code, absl::string_view field,
                         absl::string_view description);

// The field violations carried by `status` (empty if none).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);
// The field violations carried by `status`, or, when it carries none, one naming `field` with
// the status's message: a refused row of a bulk stream answered field by field.
std::vector<FieldViolation> FieldViolationsOr(const absl::Status& status, absl::string_view field);

}  // namespace thaksa

#endif  // THAKSA_COMMON_STATUS_H_
