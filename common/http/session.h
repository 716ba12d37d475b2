// A browser's session with the door: the dashboard signs in by exchanging a token for a session
// token (AccessService.StartSession), which the browser keeps in an HttpOnly, SameSite=Strict
// cookie and sends with every request instead of an Authorization header. Requests that change
// anything must also carry the session's CSRF token (X-CSRF-Token), which the page reads from a
// second cookie of its own origin; a page of another site can read neither.
#ifndef THAKSA_COMMON_HTTP_SESSION_H_
#define THAKSA_COMMON_HTTP_SESSION_H_

#include <httplib.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace thaksa::http {

inline constexpr char kSessionCookie[] = "thaksa_session";
inline constexpr char kCsrfCookie[] = "thaksa_csrf";
inline constexpr char kCsrfHeader[] = "X-CSRF-Token";

// The value of cookie `name` in the request's Cookie header; "" if it has none.
std::string CookieOf(const httplib::Request& request, absl::string_view name);

// The CSRF token of a session: derived from its secret, so that only who holds the session
// (and the server) can know it, and no server needs to remember it.
std::string CsrfTokenOf(absl::string_view session_token);

// OK when a request made with session `session_token` may be served: a GET or HEAD always,
// anything else only with the session's CSRF token in X-CSRF-Token (PERMISSION_DENIED).
absl::Status CheckCsrf(const httplib::Request& request, absl::string_view session_token);

// Sets the cookies of a session that lasts `lifetime` (Secure over HTTPS), or removes them.
void SetSessionCookies(httplib::Response& response, absl::string_view session_token,
                       absl::Duration lifetime, bool secure);
void ClearSessionCookies(httplib::Response& response, bool secure);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_SESSION_H_
