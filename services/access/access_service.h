// The gRPC adapter of thaksa.access.v1.AccessService: tokens and the audit trail.
#ifndef THAKSA_SERVICES_ACCESS_ACCESS_SERVICE_H_
#define THAKSA_SERVICES_ACCESS_ACCESS_SERVICE_H_

#include <string>

#include "common/auth/call_guard.h"
#include "common/clock.h"
#include "services/access/store/access_store.h"
#include "thaksa/access/v1/access.grpc.pb.h"

namespace thaksa::access {

class AccessService final : public v1::AccessService::Service {
 public:
  // All arguments must outlive the service.
  AccessService(AccessStore& store, const Clock& clock, const CallGuard& guard)
      : store_(store), clock_(clock), guard_(guard) {}

  grpc::Status CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                           v1::CreateTokenResponse* response) override;
  grpc::Status ListTokens(grpc::ServerContext* context, const v1::ListTokensRequest* request,
                          v1::ListTokensResponse* response) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                           v1::TokenInfo* response) override;
  grpc::Status StartSession(grpc::ServerContext* context, const v1::StartSessionRequest* request,
                            v1::CreateTokenResponse* response) override;
  grpc::Status EndSession(grpc::ServerContext* context, const v1::EndSessionRequest* request,
                          v1::TokenInfo* response) override;
  grpc::Status WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest* request,
                      v1::TokenInfo* response) override;
  grpc::Status ListAuditEvents(grpc::ServerContext* context,
                               const v1::ListAuditEventsRequest* request,
                               v1::ListAuditEventsResponse* response) override;

 private:
  AccessStore& store_;
  const Clock& clock_;
  const CallGuard& guard_;
};

}  // namespace thaksa::access

#endif  // THAKSA_SERVICES_ACCESS_ACCESS_SERVICE_H_
