// Signing a browser in to the dashboard and out again (session.h says how a session is kept):
// POST /session, with the token to sign in with as a bearer token and optionally the JSON body
// {"hours": n}, starts a session (AccessService.StartSession), sets its cookies and answers the
// session's TokenInfo (never its secret); DELETE /session ends the session of the request's
// cookie (AccessService.EndSession) and removes the cookies from the browser whatever the
// outcome, answering 204 when the session has ended (also when it had ended before).
#ifndef THAKSA_COMMON_HTTP_SESSION_API_H_
#define THAKSA_COMMON_HTTP_SESSION_API_H_

#include <httplib.h>

#include "common/http/http_door.h"
#include "common/http/rest_api.h"

namespace thaksa::http {

class SessionApi final {
 public:
  SessionApi(ChannelSource channel, const HttpDoorOptions& options)
      : channel_(std::move(channel)), options_(options) {}

  void SignIn(const httplib::Request& request, httplib::Response& response,
              const httplib::ContentReader& body) const;
  void SignOut(const httplib::Request& request, httplib::Response& response) const;
  // Cancels the calls under way and refuses new ones (the door is stopping).
  void Stop() const { active_.CancelAll(); }

 private:
  // Browsers reach the door over HTTPS: its own, or a proxy's in front of it.
  bool secure() const { return !options_.tls.cert_file.empty() || options_.tls.behind_tls_proxy; }

  ChannelSource channel_;
  HttpDoorOptions options_;
  mutable ActiveCalls active_;
};

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_SESSION_API_H_
