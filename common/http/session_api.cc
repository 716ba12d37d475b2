#include "common/http/session_api.h"

#include "common/http/session.h"
#include "common/http/transcoding.h"
#include "common/status.h"
#include "thaksa/access/v1/access.grpc.pb.h"

namespace thaksa::http {

namespace apb = ::thaksa::access::v1;

void SessionApi::SignIn(const httplib::Request& request, httplib::Response& response,
                        const httplib::ContentReader& body) const {
  response.set_header("Cache-Control", "no-store");
  if (!request.has_header("Authorization")) {
    AnswerError(response, absl::UnauthenticatedError(
                              "sign in with the token as a bearer token (Authorization header)"));
    return;
  }
  absl::StatusOr<std::string> text = ReadSmallBody(request, body, options_.max_message_bytes);
  if (!text.ok()) {
    AnswerTooLarge(response, text.status());
    return;
  }
  apb::StartSessionRequest start;
  if (!text->empty()) {
    if (absl::Status parsed = ParseJson(*text, start, "body"); !parsed.ok()) {
      AnswerError(response, parsed);
      return;
    }
  }
  DoorCall door(active_, channel_, request, options_.call_deadline);
  if (!door.status().ok()) {
    AnswerError(response, door.status());
    return;
  }
  apb::CreateTokenResponse session;
  const grpc::Status status =
      apb::AccessService::NewStub(door.channel())->StartSession(&door.context(), start, &session);
  if (!status.ok()) {
    AnswerCallError(response, status);
    return;
  }
  const absl::Duration lifetime =
      absl::Seconds(session.info().expires_at_unix() - session.info().created_at_unix());
  SetSessionCookies(response, session.token(), lifetime, secure());
  response.set_content(ResponseJson(session.info()), kJsonType);
}

void SessionApi::SignOut(const httplib::Request& request, httplib::Response& response) const {
  response.set_header("Cache-Control", "no-store");
  // A browser that asks to sign out keeps no session, whether or not the server could end it.
  ClearSessionCookies(response, secure());
  if (CookieOf(request, kSessionCookie).empty()) {
    AnswerError(response, absl::UnauthenticatedError("this browser is not signed in"));
    return;
  }
  DoorCall door(active_, channel_, request, options_.call_deadline);
  if (!door.status().ok()) {
    AnswerError(response, door.status());
    return;
  }
  apb::TokenInfo ended;
  const grpc::Status status = apb::AccessService::NewStub(door.channel())
                                  ->EndSession(&door.context(), apb::EndSessionRequest(), &ended);
  // A session that had expired or been revoked is signed out all the same.
  if (!status.ok() && status.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
    AnswerCallError(response, status);
    return;
  }
  response.status = 204;
}

}  // namespace thaksa::http
