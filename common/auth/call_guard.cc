#include "common/auth/call_guard.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/auth/tokens.h"
#include "common/grpc_status.h"
#include "common/log.h"

namespace thaksa {
namespace {

std::string Metadata(const grpc::ServerContextBase& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

absl::Status OutsideScope() {
  return absl::PermissionDeniedError("outside the caller's scope");
}

absl::Status Call::StillWanted() const {
  if (context != nullptr && context->IsCancelled()) {
    return absl::CancelledError("the caller gave up");
  }
  if (absl::Now() > work_deadline) {
    return absl::DeadlineExceededError(
        "limit max_call_duration: the call ran longer than the server allows one call");
  }
  return absl::OkStatus();
}

Call CallGuard::Admit(const grpc::ServerContextBase& context, absl::string_view method) const {
  Call call;
  call.context = &context;
  call.work_deadline = absl::Now() + limiter_.limits().max_call_duration;
  call.audit.method = std::string(method);
  call.audit.at = clock_.Now();
  call.audit.request_id = Metadata(context, "x-request-id").substr(0, 64);
  if (call.audit.request_id.empty()) call.audit.request_id = NewRequestId();
  call.rule = FindAccessRule(method);

  const std::string authorization = Metadata(context, "authorization");
  absl::string_view token = absl::StripAsciiWhitespace(authorization);
  if (!absl::ConsumePrefix(&token, "Bearer ") || token.empty()) {
    call.admitted = absl::UnauthenticatedError(
        "send a bearer token as metadata 'authorization: Bearer <token>'");
    return call;
  }
  token = absl::StripAsciiWhitespace(token);
  absl::StatusOr<Principal> principal;
  if (service_.Matches(token)) {
    Principal service;
    service.role = Role::kService;
    service.institute_code = Metadata(context, kServiceInstituteMetadata);
    int64_t on_behalf_of = 0;
    if (absl::SimpleAtoi(Metadata(context, kServiceOnBehalfOfTokenMetadata), &on_behalf_of) &&
        on_behalf_of > 0) {
      service.on_behalf_of_token_id = on_behalf_of;
    }
    principal = std::move(service);
  } else {
    principal = resolver_.Resolve(HashBearerToken(token), call.audit.at);
  }
  if (!principal.ok()) {
    call.admitted = principal.status();
    return call;
  }
  call.principal = *std::move(principal);
  call.audit.token_id = call.principal.role == Role::kService
                            ? call.principal.on_behalf_of_token_id
                            : call.principal.token_id;
  call.audit.role = call.principal.role;
  if (call.rule == nullptr || !call.rule->Allows(call.principal.role)) {
    call.admitted = absl::PermissionDeniedError(
        absl::StrCat("role ", RoleName(call.principal.role), " may not call this method"));
    return call;
  }
  absl::StatusOr<CallLimiter::Slot> slot;
  switch (call.rule->cost) {
    case CallCost::kOrdinary: return call;
    case CallCost::kCostly: slot = limiter_.AdmitCostly(call.audit.token_id); break;
    case CallCost::kBulkStream:
      // The relay's streams are the deployment's own: limiting them would stall delivery.
      if (call.principal.role == Role::kService) return call;
      slot = limiter_.AdmitStream(call.audit.token_id);
      break;
  }
  if (slot.ok()) {
    call.slot = *std::move(slot);
  } else {
    call.admitted = slot.status();
  }
  return call;
}

grpc::Status CallGuard::Finish(const Call& call, const absl::Status& status,
                               const AuditTarget& target) const {
  const bool refused_personal_read = call.rule != nullptr && call.rule->personal_read &&
                                     status.code() == absl::StatusCode::kPermissionDenied;
  if (!status.ok() && call.rule != nullptr && (call.rule->write || refused_personal_read)) {
    RecordFailures(call, {{target.type, target.id, absl::StatusCodeToString(status.code())}});
  }
  return ToGrpcStatus(status);
}

void CallGuard::RecordFailures(const Call& call, const std::vector<AuditEntry>& entries) const {
  if (absl::Status logged = audit_log_.Append(call.audit, entries); !logged.ok()) {
    LogEvent("audit_failed", {{"method", call.audit.method},
                              {"request_id", call.audit.request_id},
                              {"error", logged.ToString()}});
  }
}

absl::Status CallGuard::RecordPersonalReads(const Call& call,
                                            const std::vector<int64_t>& person_ids) const {
  const Role role = call.principal.role;
  if (call.rule == nullptr || !call.rule->personal_read ||
      (role != Role::kHrSystem && role != Role::kCioOffice)) {
    return absl::OkStatus();
  }
  std::vector<AuditEntry> entries;
  entries.reserve(person_ids.size());
  for (int64_t id : person_ids) entries.push_back({"person", absl::StrCat(id), "OK"});
  return audit_log_.Append(call.audit, entries);
}

}  // namespace thaksa
