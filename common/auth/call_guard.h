// The guard every RPC handler goes through: authenticate the bearer token, check the method's
// access rule, and audit what must be audited. Unary handlers look like
//
//   return guard_.Run(*context, "/pkg.Service/Method",
//                     [&](const Call& call, AuditTarget& target) -> absl::Status {
//     target = {"agency", code};  // what a failed attempt is recorded against
//     ... scope checks against call.principal, the work, with call.audit for the store ...
//   });
#ifndef THAKSA_COMMON_AUTH_CALL_GUARD_H_
#define THAKSA_COMMON_AUTH_CALL_GUARD_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/audit/audit_log.h"
#include "common/contain_exceptions.h"
#include "common/auth/access_rules.h"
#include "common/auth/call_limits.h"
#include "common/auth/principal_resolver.h"
#include "common/auth/service_credential.h"
#include "common/clock.h"
#include "grpcpp/server_context.h"

namespace thaksa {

// One call as the guard sees it.
struct Call {
  const AccessRule* rule = nullptr;
  Principal principal;
  // For the store to append to the audit trail in the transaction of a successful write.
  AuditCall audit;
  // OK if the caller is authenticated, its role may call the method and the method's cost is
  // within the caller's limits; otherwise UNAUTHENTICATED, PERMISSION_DENIED or
  // RESOURCE_EXHAUSTED.
  absl::Status admitted;
  // The call's place under the limits of its rule's cost, held while the call runs.
  CallLimiter::Slot slot;
  // For StillWanted: the call's context and when its work must have ended (max_call_duration).
  const grpc::ServerContextBase* context = nullptr;
  absl::Time work_deadline = absl::InfiniteFuture();

  // OK while the call's work may go on: CANCELLED once its caller gave up (its deadline passed,
  // or it cancelled), DEADLINE_EXCEEDED naming max_call_duration once that has passed. Work done
  // in chunks asks between chunks.
  absl::Status StillWanted() const;
};

// The entity a call acts on, for the audit trail.
struct AuditTarget {
  std::string type;
  std::string id;
};

// The full name of a method of a generated service class, as access rules and audit events
// name it: "/<package>.<Service>/<method>".
template <typename ServiceClass>
std::string MethodOf(absl::string_view method) {
  return absl::StrCat("/", ServiceClass::service_full_name(), "/", method);
}

// PERMISSION_DENIED for a record outside the caller's scope (also used where the record does
// not exist, so callers learn nothing about records they may not see).
absl::Status OutsideScope();

class CallGuard final {
 public:
  // All arguments must outlive the guard. `service` is the deployment's service credential,
  // admitted as the SERVICE principal.
  CallGuard(PrincipalResolver& resolver, AuditLog& audit_log, const Clock& clock,
            const ServiceCredential& service, CallLimiter& limiter)
      : resolver_(resolver),
        audit_log_(audit_log),
        clock_(clock),
        service_(service),
        limiter_(limiter) {}

  // Authenticates the call's "authorization: Bearer <token>" metadata and checks the rule of
  // `method` (a full method name). The service token is the SERVICE principal (token id 0),
  // acting for the institute named by x-thaksa-institute metadata, if any, on behalf of the
  // token named by x-thaksa-on-behalf-of-token, if any: the call's audit events carry that
  // token's id with role SERVICE (so a relayed write shows both whose it is and that the relay
  // made it). That metadata means nothing on any other call.
  Call Admit(const grpc::ServerContextBase& context, absl::string_view method) const;

  // A place for a call made costly by its request (e.g. figures worked out for a day asked
  // about), held by the handler while it works; RESOURCE_EXHAUSTED naming the limit reached.
  absl::StatusOr<CallLimiter::Slot> AdmitCostly(const Call& call) const {
    return limiter_.AdmitCostly(call.audit.token_id);
  }

  const CallLimits& limits() const { return limiter_.limits(); }

  // Forgets what the guard's resolver remembers of token `token_id`, so that its revocation
  // takes effect in this process at once.
  void ForgetToken(int64_t token_id) const { resolver_.Forget(token_id); }

  // Audits a failed write attempt (successful writes were audited by the store) or a refused
  // read of personal data, and converts `status` for the wire.
  grpc::Status Finish(const Call& call, const absl::Status& status,
                      const AuditTarget& target) const;

  // Admits the call, runs `body(call, target)` if admitted, and finishes it. An exception out of
  // `body` is a defect: it is logged and answered INTERNAL (and audited as such).
  template <typename Body>
  grpc::Status Run(const grpc::ServerContextBase& context, absl::string_view method,
                   Body&& body) const {
    const Call call = Admit(context, method);
    AuditTarget target;
    const absl::Status status =
        call.admitted.ok() ? ContainExceptions(method, [&] { return body(call, target); })
                           : call.admitted;
    return Finish(call, status, target);
  }

  // Audits failed writes of several entities at once (rejected rows of a bulk stream).
  void RecordFailures(const Call& call, const std::vector<AuditEntry>& entries) const;

  // Audits reads of personal data by HR_SYSTEM and CIO_OFFICE principals of the rule marks
  // personal; an error means the read must not be answered.
  absl::Status RecordPersonalReads(const Call& call, const std::vector<int64_t>& person_ids) const;

 private:
  PrincipalResolver& resolver_;
  AuditLog& audit_log_;
  const Clock& clock_;
  const ServiceCredential& service_;
  CallLimiter& limiter_;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_CALL_GUARD_H_
