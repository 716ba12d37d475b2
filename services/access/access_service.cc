#include "services/access/access_service.h"

#include "absl/strings/str_cat.h"
#include "common/audit/audit_log.h"
#include "common/field_checks.h"
#include "common/page_token.h"
#include "services/access/access_convert.h"
#include "services/access/domain/token_rules.h"
#include "services/access/token_issuance.h"

namespace thaksa::access {
namespace {

const auto Method = &MethodOf<v1::AccessService>;

}  // namespace

grpc::Status AccessService::CreateToken(grpc::ServerContext* context,
                                        const v1::CreateTokenRequest* request,
                                        v1::CreateTokenResponse* response) {
  return guard_.Run(*context, Method("CreateToken"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"token", ""};
    TokenRecord spec;
    spec.role = static_cast<Role>(request->token().role());
    spec.agency_code = request->token().agency_code();
    spec.institute_code = request->token().institute_code();
    spec.person_id = request->token().person_id();
    spec.description = request->token().description();
    FieldErrors errors;
    ValidateTokenSpec(spec, request->valid_days(), errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(IssuedToken issued,
                     IssueToken(store_, spec, request->valid_days(), call.audit));
    ToProto(issued.info, response->mutable_info());
    response->set_token(issued.secret);
    return absl::OkStatus();
  });
}

grpc::Status AccessService::ListTokens(grpc::ServerContext* context,
                                       const v1::ListTokensRequest* request,
                                       v1::ListTokensResponse* response) {
  return guard_.Run(*context, Method("ListTokens"), [&](const Call&, AuditTarget&) -> absl::Status {
    const std::string filter = absl::StrCat(request->include_inactive());
    ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request->page_size()));
    ASSIGN_OR_RETURN(int64_t before_id, DecodePageToken(request->page_token(), filter));
    ASSIGN_OR_RETURN(std::vector<TokenRecord> tokens,
                     store_.ListTokens(request->include_inactive(), clock_.Now(), page_size + 1,
                                       before_id));
    const bool more = tokens.size() > static_cast<size_t>(page_size);
    if (more) tokens.pop_back();
    for (const TokenRecord& token : tokens) ToProto(token, response->add_tokens());
    if (more) response->set_next_page_token(EncodePageToken(tokens.back().id, filter));
    return absl::OkStatus();
  });
}

grpc::Status AccessService::RevokeToken(grpc::ServerContext* context,
                                        const v1::RevokeTokenRequest* request,
                                        v1::TokenInfo* response) {
  return guard_.Run(*context, Method("RevokeToken"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"token", absl::StrCat(request->id())};
    if (request->id() <= 0) return InvalidField("id", "must be a token id");
    ASSIGN_OR_RETURN(Revocation revoked, store_.RevokeToken(request->id(), call.audit));
    guard_.ForgetToken(revoked.token.id);
    for (int64_t session : revoked.sessions_ended) guard_.ForgetToken(session);
    ToProto(revoked.token, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessService::StartSession(grpc::ServerContext* context,
                                         const v1::StartSessionRequest* request,
                                         v1::CreateTokenResponse* response) {
  return guard_.Run(*context, Method("StartSession"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"token", ""};
    if (call.principal.session) {
      return absl::FailedPreconditionError(
          "a session cannot start another; sign in with the token the session came from");
    }
    ASSIGN_OR_RETURN(absl::Time expires_at,
                     SessionExpiry(request->hours(), call.audit.at, call.principal.expires_at));
    ASSIGN_OR_RETURN(IssuedToken issued,
                     IssueSession(store_, call.principal, expires_at, call.audit));
    ToProto(issued.info, response->mutable_info());
    response->set_token(issued.secret);
    return absl::OkStatus();
  });
}

grpc::Status AccessService::EndSession(grpc::ServerContext* context,
                                       const v1::EndSessionRequest*, v1::TokenInfo* response) {
  return guard_.Run(*context, Method("EndSession"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    target = {"token", absl::StrCat(call.principal.token_id)};
    if (!call.principal.session) {
      return absl::FailedPreconditionError(
          "only a session token (StartSession) ends itself; revoke other tokens with RevokeToken");
    }
    ASSIGN_OR_RETURN(Revocation ended, store_.RevokeToken(call.principal.token_id, call.audit));
    guard_.ForgetToken(ended.token.id);
    ToProto(ended.token, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessService::WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest*,
                                   v1::TokenInfo* response) {
  return guard_.Run(*context, Method("WhoAmI"), [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(TokenRecord token, store_.GetToken(call.principal.token_id));
    ToProto(token, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessService::ListAuditEvents(grpc::ServerContext* context,
                                            const v1::ListAuditEventsRequest* request,
                                            v1::ListAuditEventsResponse* response) {
  return guard_.Run(*context, Method("ListAuditEvents"),
                    [&](const Call&, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    if (request->since_unix() < 0) errors.Add("since_unix", "must not be negative");
    if (request->until_unix() < 0) errors.Add("until_unix", "must not be negative");
    if (!request->entity_id().empty() && request->entity_type().empty()) {
      errors.Add("entity_type", "is required with entity_id");
    }
    CheckOptionalText(request->entity_type(), 32, "entity_type", errors);
    CheckOptionalText(request->method(), 160, "method", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    AuditQuery query;
    if (request->since_unix() > 0) query.since = absl::FromUnixSeconds(request->since_unix());
    if (request->until_unix() > 0) query.until = absl::FromUnixSeconds(request->until_unix());
    query.token_id = request->principal_token_id();
    query.entity_type = request->entity_type();
    query.entity_id = AuditEntityId(request->entity_id());
    query.method = request->method();
    const std::string filter = absl::StrCat(request->since_unix(), "|", request->until_unix(), "|",
                                            query.token_id, "|", query.entity_type, "|",
                                            query.entity_id, "|", query.method);
    ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request->page_size()));
    ASSIGN_OR_RETURN(query.before_id, DecodePageToken(request->page_token(), filter));
    query.limit = page_size + 1;
    ASSIGN_OR_RETURN(std::vector<AuditEventRecord> events, store_.ListAuditEvents(query));
    const bool more = events.size() > static_cast<size_t>(page_size);
    if (more) events.pop_back();
    for (const AuditEventRecord& event : events) ToProto(event, response->add_events());
    if (more) response->set_next_page_token(EncodePageToken(events.back().id, filter));
    return absl::OkStatus();
  });
}

}  // namespace thaksa::access
