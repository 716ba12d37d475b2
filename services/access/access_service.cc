#include "services/access/access_service.h"

#include "absl/strings/str_cat.h"
#include "common/audit/audit_log.h"
#include "services/access/access_convert.h"
#include "common/auth/tokens.h"
#include "common/field_checks.h"
#include "common/page_token.h"
#include "services/access/domain/token_rules.h"

namespace thaksa::access {
namespace {

const auto Method = &MethodOf<v1::AccessService>;

// Issues a token for `spec` valid `valid_days`: the secret is made here and only its hash is
// stored.
absl::StatusOr<std::pair<TokenRecord, std::string>> Issue(AccessStore& store, TokenRecord spec,
                                                          int valid_days, const AuditCall& audit) {
  spec.expires_at = audit.at + absl::Hours(24) * (valid_days == 0 ? kDefaultValidDays : valid_days);
  std::string secret = NewBearerToken();
  ASSIGN_OR_RETURN(TokenRecord created, store.CreateToken(spec, HashBearerToken(secret), audit));
  return std::make_pair(std::move(created), std::move(secret));
}

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
    ASSIGN_OR_RETURN(auto issued, Issue(store_, spec, request->valid_days(), call.audit));
    ToProto(issued.first, response->mutable_info());
    response->set_token(issued.second);
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
    ASSIGN_OR_RETURN(TokenRecord revoked, store_.RevokeToken(request->id(), call.audit));
    ToProto(revoked, response);
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

absl::StatusOr<std::string> CreateBootstrapAdminToken(AccessStore& store, const Clock& clock) {
  TokenRecord spec;
  spec.role = Role::kAdmin;
  spec.description = "bootstrap administrator";
  AuditCall audit;
  audit.method = "bootstrap";
  audit.at = clock.Now();
  audit.request_id = NewRequestId();
  ASSIGN_OR_RETURN(auto issued, Issue(store, spec, kDefaultValidDays, audit));
  return issued.second;
}

}  // namespace thaksa::access
