#include "services/access/access_convert.h"

namespace thaksa::access {

void ToProto(const TokenRecord& token, access::v1::TokenInfo* out) {
  out->set_id(token.id);
  out->set_role(static_cast<access::v1::Role>(token.role));
  out->set_agency_code(token.agency_code);
  out->set_institute_code(token.institute_code);
  out->set_person_id(token.person_id);
  out->set_description(token.description);
  out->set_created_at_unix(absl::ToUnixSeconds(token.created_at));
  out->set_expires_at_unix(absl::ToUnixSeconds(token.expires_at));
  if (token.revoked_at.has_value()) out->set_revoked_at_unix(absl::ToUnixSeconds(*token.revoked_at));
  out->set_created_by_token_id(token.created_by_token_id);
  out->set_session(token.session);
}

void ToProto(const AuditEventRecord& event, access::v1::AuditEvent* out) {
  out->set_id(event.id);
  out->set_occurred_at_unix_micros(absl::ToUnixMicros(event.occurred_at));
  out->set_principal_token_id(event.token_id);
  out->set_principal_role(static_cast<access::v1::Role>(event.role));
  out->set_method(event.method);
  out->set_entity_type(event.entity_type);
  out->set_entity_id(event.entity_id);
  out->set_outcome(event.outcome);
  out->set_request_id(event.request_id);
}

}  // namespace thaksa::access
