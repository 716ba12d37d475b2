// Token metadata and audit events as API messages (thaksa.access.v1): for the access service
// and for a person's subject-access export (personnel).
#ifndef THAKSA_SERVICES_ACCESS_ACCESS_CONVERT_H_
#define THAKSA_SERVICES_ACCESS_ACCESS_CONVERT_H_

#include "common/audit/audit_records.h"
#include "common/auth/token_record.h"
#include "thaksa/access/v1/access.pb.h"

namespace thaksa::access {

void ToProto(const TokenRecord& token, access::v1::TokenInfo* out);
void ToProto(const AuditEventRecord& event, access::v1::AuditEvent* out);

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_ACCESS_CONVERT_H_
