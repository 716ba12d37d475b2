#include "common/http/session.h"

#include <openssl/crypto.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/auth/tokens.h"

namespace thaksa::http {
namespace {

// Attributes of both cookies: the whole site, this site only, never in a cross-site request.
std::string CookieAttributes(int64_t max_age_seconds, bool secure) {
  return absl::StrCat("; Path=/; Max-Age=", max_age_seconds, "; SameSite=Strict",
                      secure ? "; Secure" : "");
}

}  // namespace

std::string CookieOf(const httplib::Request& request, absl::string_view name) {
  const std::string header = request.get_header_value("Cookie");
  for (absl::string_view pair : absl::StrSplit(header, ';')) {
    pair = absl::StripAsciiWhitespace(pair);
    if (absl::ConsumePrefix(&pair, name) && absl::ConsumePrefix(&pair, "=")) {
      return std::string(pair);
    }
  }
  return "";
}

std::string CsrfTokenOf(absl::string_view session_token) {
  return absl::WebSafeBase64Escape(HashBearerToken(absl::StrCat("csrf:", session_token)));
}

absl::Status CheckCsrf(const httplib::Request& request, absl::string_view session_token) {
  if (request.method == "GET" || request.method == "HEAD") return absl::OkStatus();
  const std::string sent = request.get_header_value(kCsrfHeader);
  const std::string expected = CsrfTokenOf(session_token);
  if (sent.size() != expected.size() ||
      CRYPTO_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "a request with the session cookie that changes anything carries the session's ",
        kCsrfHeader, " header (the value of cookie ", kCsrfCookie, ")"));
  }
  return absl::OkStatus();
}

void SetSessionCookies(httplib::Response& response, absl::string_view session_token,
                       absl::Duration lifetime, bool secure) {
  const std::string attributes = CookieAttributes(absl::ToInt64Seconds(lifetime), secure);
  response.set_header("Set-Cookie",
                      absl::StrCat(kSessionCookie, "=", session_token, attributes, "; HttpOnly"));
  response.set_header("Set-Cookie",
                      absl::StrCat(kCsrfCookie, "=", CsrfTokenOf(session_token), attributes));
}

void ClearSessionCookies(httplib::Response& response, bool secure) {
  const std::string attributes = CookieAttributes(0, secure);
  response.set_header("Set-Cookie", absl::StrCat(kSessionCookie, "=", attributes, "; HttpOnly"));
  response.set_header("Set-Cookie", absl::StrCat(kCsrfCookie, "=", attributes));
}

}  // namespace thaksa::http
