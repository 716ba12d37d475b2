// xAPI statements as completions: the mapping behind the HTTP door's subset of an xAPI 1.0.3
// Learning Record Store, through which training institutes' learning platforms report.
//
// A statement maps when:
//   id             is given (the completion's record id; PUT may give it as statementId);
//   actor          is an Agent with an account whose name is the person's citizen ID (13
//                  digits, hashed and never stored) or Thaksa person id;
//   verb.id        is ADL's completed, passed or failed (completed: passed unless
//                  result.success is false);
//   object.id      is an activity IRI whose last path segment is a course code of the
//                  institute;
//   timestamp      says when the person finished, and result.duration (ISO 8601) for how long;
// with result.score.raw (else scaled × 100) as the score, and the context extensions
// kXapiAssessedLevel and kXapiCertificateId for the level assessed and the certificate.
#ifndef THAKSA_COMMON_HTTP_XAPI_H_
#define THAKSA_COMMON_HTTP_XAPI_H_

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::http {

inline constexpr char kXapiVersion[] = "1.0.3";
inline constexpr char kXapiAssessedLevel[] = "https://thaksa.go.th/xapi/extensions/assessed-level";
inline constexpr char kXapiCertificateId[] = "https://thaksa.go.th/xapi/extensions/certificate-id";

// The completion `statement` reports, or INVALID_ARGUMENT naming the statement's field at
// fault ("verb.id", "actor.account.name", ...) with the reason.
absl::StatusOr<learning::v1::CompletionRecord> CompletionOfStatement(
    const google::protobuf::Struct& statement);

// The statement of a stored completion, as Thaksa keeps it (the person by Thaksa id, the
// activity by course code).
google::protobuf::Struct StatementOfCompletion(const learning::v1::Completion& completion);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_XAPI_H_
