// The credential of the deployment's own services when they call each other without a caller:
// the learning service's assessment relay delivers institute-assessed levels long after the
// institute's call ended, so it has no token to forward.
//
// The token is derived, not issued: HMAC-SHA256 of a fixed label under the deployment's secret
// key (the citizen-ID hashing key, which every binary of a deployment must already share for
// citizen-ID look-ups to agree). Every binary computes the same token at start-up; it is never
// written to the database, a file or a log, and needs no rotation of its own (a new key gives a
// new token). The label cannot be a citizen ID (13 digits), so the token is never a citizen-ID
// hash. The call guard recognises it before looking tokens up and admits it as the SERVICE
// principal, which the access rules allow only BulkRecordAssessments; a stored token can never
// pass as it (tokens are looked up by hash, and role SERVICE cannot be issued).
#ifndef THAKSA_COMMON_AUTH_SERVICE_CREDENTIAL_H_
#define THAKSA_COMMON_AUTH_SERVICE_CREDENTIAL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace thaksa {

// Metadata by which the SERVICE principal names the institute it acts for; ignored for every
// other principal.
inline constexpr char kServiceInstituteMetadata[] = "x-thaksa-institute";
// Metadata by which the SERVICE principal names the token it acts on behalf of (decimal id: the
// institute's token that recorded the completion behind a relayed assessment); ignored for
// every other principal, and ignored unless a positive number.
inline constexpr char kServiceOnBehalfOfTokenMetadata[] = "x-thaksa-on-behalf-of-token";

class ServiceCredential final {
 public:
  // `deployment_key` is the deployment's secret key; it must not be empty.
  explicit ServiceCredential(absl::string_view deployment_key);

  // The bearer token to send ("svc_" and 43 URL-safe base64 characters).
  const std::string& token() const { return token_; }

  // True if `token` is this deployment's service token (compared in constant time).
  bool Matches(absl::string_view token) const;

 private:
  std::string token_;
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_AUTH_SERVICE_CREDENTIAL_H_
