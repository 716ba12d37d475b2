// Field violations travel inside absl::Status as a serialized google.rpc.BadRequest payload, so
// the RPC edge can hand them to callers unchanged.
#include "common/status.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/field_checks.h"
#include "google/rpc/error_details.pb.h"

namespace thaksa {
namespace {

constexpr absl::string_view kBadRequestUrl = "type.googleapis.com/google.rpc.BadRequest";

}  // namespace

void FieldErrors::Add(absl::string_view field, absl::string_view description) {
  // Both may echo what a caller sent: kept valid UTF-8 (the wire refuses anything else) and short.
  violations_.push_back({Utf8Prefix(field, 200), Utf8Prefix(description, 1000)});
}

absl::Status FieldErrors::ToStatus(absl::StatusCode code) const {
  if (violations_.empty()) return absl::OkStatus();
  google::rpc::BadRequest bad_request;
  for (const FieldViolation& v : violations_) {
    auto* violation = bad_request.add_field_violations();
    violation->set_field(v.field);
    violation->set_description(v.description);
  }
  absl::Status status(
      code,
      absl::StrJoin(violations_, "; ", [](std::string* out, const FieldViolation& v) {
        absl::StrAppend(out, v.field, ": ", v.description);
      }));
  status.SetPayload(kBadRequestUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

bool RefusesTheRecord(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

absl::Status InvalidField(absl::string_view field, absl::string_view description) {
  return FieldStatus(absl::StatusCode::kInvalidArgument, field, description);
}

absl::Status FieldStatus(absl::StatusCode code, absl::string_view field,
                         absl::string_view description) {
  FieldErrors errors;
  errors.Add(field, description);
  return errors.ToStatus(code);
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> result;
  auto payload = status.GetPayload(kBadRequestUrl);
  if (!payload.has_value()) return result;
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return result;
  for (const auto& v : bad_request.field_violations()) {
    result.push_back({v.field(), v.description()});
  }
  return result;
}

std::vector<FieldViolation> FieldViolationsOr(const absl::Status& status, absl::string_view field) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (violations.empty()) violations.push_back({std::string(field), std::string(status.message())});
  return violations;
}

}  // namespace thaksa
