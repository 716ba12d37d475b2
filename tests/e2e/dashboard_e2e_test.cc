// The dashboard's side of the HTTP door, header by header: its page and files with their cache
// and security headers, and browser sessions — cookies, the CSRF token every change needs, and
// signing out. tests/browser drives the page itself in Chromium.
#include <httplib.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_server.h"

namespace thaksa {
namespace {

namespace gpb = ::google::protobuf;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

gpb::Struct Json(const std::string& text) {
  gpb::Struct parsed;
  EXPECT_TRUE(gpb::util::JsonStringToMessage(text, &parsed).ok()) << text;
  return parsed;
}

std::string StringAt(const gpb::Struct& object, const std::string& key) {
  auto found = object.fields().find(key);
  return found == object.fields().end() ? "" : found->second.string_value();
}

std::vector<std::string> SetCookies(const httplib::Result& result) {
  std::vector<std::string> cookies;
  for (size_t i = 0; i < result->get_header_value_count("Set-Cookie"); ++i) {
    cookies.push_back(result->get_header_value("Set-Cookie", i));
  }
  return cookies;
}

// The value cookie `name` is set to ("" if it is not set).
std::string CookieValue(const httplib::Result& result, const std::string& name) {
  for (const std::string& cookie : SetCookies(result)) {
    if (absl::StartsWith(cookie, name + "=")) {
      return cookie.substr(name.size() + 1, cookie.find(';') - name.size() - 1);
    }
  }
  return "";
}

class DashboardE2eTest : public ::testing::Test {
 protected:
  DashboardE2eTest() : server_(testing::FreshDatabase(), Options()), client_("127.0.0.1", server_.http_port()) {}

  static testing::TestServerOptions Options() {
    testing::TestServerOptions options;
    options.http = true;
    return options;
  }

  httplib::Headers Bearer(const std::string& token) {
    return {{"Authorization", absl::StrCat("Bearer ", token)}};
  }

  // A CIO office token of a new ministry MDES.
  std::string CioToken() {
    const httplib::Headers admin = Bearer(server_.admin().token);
    auto agency = client_.Post("/v1/agencies", admin,
                               R"({"code":"MDES","name":{"th":"กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"},)"
                               R"("kind":"AGENCY_KIND_MINISTRY"})",
                               "application/json");
    EXPECT_EQ(agency->status, 200) << agency->body;
    auto token = client_.Post("/v1/tokens", admin,
                              R"({"token":{"role":"ROLE_CIO_OFFICE","agency_code":"MDES"}})",
                              "application/json");
    EXPECT_EQ(token->status, 200) << token->body;
    return StringAt(Json(token->body), "token");
  }

  testing::TestServer server_;
  httplib::Client client_;
};

TEST_F(DashboardE2eTest, ThePageAndItsFilesCarryCacheAndSecurityHeaders) {
  auto page = client_.Get("/");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(page->get_header_value("Content-Security-Policy"),
              AllOf(HasSubstr("default-src 'self'"), HasSubstr("frame-ancestors 'none'")));
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache") << "the page is revalidated";
  const std::string etag = page->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto unchanged = client_.Get("/", {{"If-None-Match", etag}});
  EXPECT_EQ(unchanged->status, 304);
  EXPECT_TRUE(unchanged->body.empty());

  // Each file the page names carries its content's hash, and may be kept a year under it.
  const size_t at = page->body.find("/assets/app.js?v=");
  ASSERT_NE(at, std::string::npos) << page->body;
  const std::string versioned = page->body.substr(at, page->body.find('"', at) - at);
  auto script = client_.Get(versioned.c_str());
  ASSERT_EQ(script->status, 200);
  EXPECT_THAT(script->get_header_value("Content-Type"), HasSubstr("text/javascript"));
  EXPECT_EQ(script->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  auto stale = client_.Get("/assets/app.js?v=0000000000000000");
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->get_header_value("Cache-Control"), "no-cache")
      << "a file asked for under another version is not kept";
  EXPECT_EQ(stale->body, script->body);
  auto chart = client_.Get("/assets/chart.min.js");
  EXPECT_EQ(chart->status, 200);
  EXPECT_THAT(chart->body, HasSubstr("Chart.js")) << "Debian's Chart.js, served offline";
  EXPECT_THAT(script->body, HasSubstr(versioned.substr(versioned.find("?v="))))
      << "the modules it imports are named with the same version";
  EXPECT_EQ(client_.Get("/assets/nothing.js")->status, 404);
}

TEST_F(DashboardE2eTest, SigningInSetsAnHttpOnlyStrictSessionCookieAndNoTokenReachesThePage) {
  const std::string cio = CioToken();
  auto anonymous = client_.Post("/session", "", "application/json");
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(SetCookies(anonymous).empty());
  auto wrong = client_.Post("/session", Bearer("thk_wrong"), "", "application/json");
  EXPECT_EQ(wrong->status, 401);
  EXPECT_TRUE(SetCookies(wrong).empty());
  auto machine = client_.Post("/session", Bearer(server_.admin().token), "", "application/json");
  EXPECT_EQ(machine->status, 200) << "ADMIN signs in for the whole country";
  auto too_long = client_.Post("/session", Bearer(cio), R"({"hours":99})", "application/json");
  EXPECT_EQ(too_long->status, 400);
  EXPECT_THAT(too_long->body, HasSubstr(R"("field":"hours")"));

  auto signed_in = client_.Post("/session", Bearer(cio), R"({"hours":2})", "application/json");
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const std::string session = CookieValue(signed_in, "thaksa_session");
  const std::string csrf = CookieValue(signed_in, "thaksa_csrf");
  ASSERT_FALSE(session.empty());
  ASSERT_FALSE(csrf.empty());
  EXPECT_NE(session, cio);
  EXPECT_THAT(SetCookies(signed_in),
              Contains(AllOf(HasSubstr("thaksa_session="), HasSubstr("HttpOnly"),
                             HasSubstr("SameSite=Strict"), HasSubstr("Path=/"),
                             HasSubstr("Max-Age=7200"))));
  EXPECT_THAT(SetCookies(signed_in),
              Contains(AllOf(HasSubstr("thaksa_csrf="), Not(HasSubstr("HttpOnly")))))
      << "the page reads the CSRF token";
  EXPECT_THAT(signed_in->body, Not(HasSubstr(session))) << "the secret is only in the cookie";
  EXPECT_THAT(signed_in->body, HasSubstr(R"("session":true)"));
  EXPECT_EQ(signed_in->get_header_value("Cache-Control"), "no-store");

  auto who = client_.Get("/v1/whoami", {{"Cookie", absl::StrCat("thaksa_session=", session)}});
  ASSERT_EQ(who->status, 200) << who->body;
  EXPECT_EQ(StringAt(Json(who->body), "role"), "ROLE_CIO_OFFICE");
  EXPECT_EQ(who->get_header_value("Cache-Control"), "no-store") << "API answers are never cached";
  for (const char* hostile : {"thaksa_session=\xff\x01\x7f", "thaksa_session=", "thaksa_session"}) {
    auto refused = client_.Get("/v1/whoami", {{"Cookie", hostile}});
    EXPECT_EQ(refused->status, 401) << hostile;
  }
}

TEST_F(DashboardE2eTest, ChangesWithTheCookieNeedItsCsrfTokenAndSigningOutEndsTheSession) {
  const std::string cio = CioToken();
  auto signed_in = client_.Post("/session", Bearer(cio), "", "application/json");
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const std::string session = CookieValue(signed_in, "thaksa_session");
  const std::string csrf = CookieValue(signed_in, "thaksa_csrf");
  const std::string cookie = absl::StrCat("thaksa_session=", session, "; thaksa_csrf=", csrf);

  for (const std::string& forged : {std::string(), std::string("x"), csrf.substr(1) + "A"}) {
    httplib::Headers headers = {{"Cookie", cookie}};
    if (!forged.empty()) headers.emplace("X-CSRF-Token", forged);
    auto refused = client_.Post("/v1/sessions:end", headers, "{}", "application/json");
    EXPECT_EQ(refused->status, 403) << "CSRF token '" << forged << "'";
    EXPECT_THAT(refused->body, HasSubstr("X-CSRF-Token"));
    auto not_out = client_.Delete("/session", headers);
    EXPECT_EQ(not_out->status, 403);
    EXPECT_THAT(SetCookies(not_out), Contains(HasSubstr("thaksa_session=;")))
        << "the browser forgets the session whether or not the server could end it";
  }
  EXPECT_EQ(client_.Get("/v1/whoami", {{"Cookie", cookie}})->status, 200)
      << "no forged change ended the session";

  auto out = client_.Delete("/session", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(out->status, 204) << out->body;
  EXPECT_THAT(SetCookies(out), Contains(AllOf(HasSubstr("thaksa_session=;"), HasSubstr("Max-Age=0"))));
  EXPECT_THAT(SetCookies(out), Contains(AllOf(HasSubstr("thaksa_csrf=;"), HasSubstr("Max-Age=0"))));
  EXPECT_EQ(client_.Get("/v1/whoami", {{"Cookie", cookie}})->status, 401)
      << "a kept copy of the cookie is useless";
  EXPECT_EQ(client_.Delete("/session", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})->status, 204)
      << "signing out of an ended session still clears the cookies";
  EXPECT_EQ(client_.Get("/v1/whoami", Bearer(cio))->status, 200)
      << "the token signed in with is untouched";
  auto with_both = client_.Get("/v1/whoami", {{"Cookie", cookie}, {"Authorization", "Bearer " + cio}});
  EXPECT_EQ(with_both->status, 200) << "an Authorization header counts before a cookie";
}

TEST_F(DashboardE2eTest, HostileSignInsAreRefusedAndBrowsersSigningInAndOutAtOnceLeaveNothingLent) {
  const std::string cio = CioToken();
  std::string long_thai;
  for (int i = 0; i < 100'000; ++i) long_thai += "ก";
  for (const std::string& body :
       {std::string(R"({"hours":NaN})"), std::string(R"({"hours":"แปด"})"),
        std::string(R"({"hours":1e99})"), std::string(R"({"hours":-1})"),
        std::string(R"({"hourz":1})"), std::string("[]"), std::string("ไม่ใช่ JSON"),
        absl::StrCat(R"({"hours":")", long_thai, R"("})")}) {
    auto refused = client_.Post("/session", Bearer(cio), body, "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << body.substr(0, 40);
    EXPECT_TRUE(SetCookies(refused).empty()) << body.substr(0, 40);
  }

  // Eight browsers sign in with one token at once, then each signs out twice at once.
  constexpr int kBrowsers = 8;
  std::vector<std::string> sessions(kBrowsers), csrfs(kBrowsers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kBrowsers; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client browser("127.0.0.1", server_.http_port());
      auto signed_in = browser.Post("/session", Bearer(cio), "", "application/json");
      if (signed_in && signed_in->status == 200) {
        sessions[i] = CookieValue(signed_in, "thaksa_session");
        csrfs[i] = CookieValue(signed_in, "thaksa_csrf");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  threads.clear();
  EXPECT_EQ(std::set<std::string>(sessions.begin(), sessions.end()).size(),
            static_cast<size_t>(kBrowsers));
  std::atomic<int> signed_out{0};
  for (int i = 0; i < 2 * kBrowsers; ++i) {
    threads.emplace_back([&, i] {
      const int b = i % kBrowsers;
      httplib::Client browser("127.0.0.1", server_.http_port());
      auto out = browser.Delete("/session", {{"Cookie", absl::StrCat("thaksa_session=", sessions[b])},
                                             {"X-CSRF-Token", csrfs[b]}});
      if (out && out->status == 204) ++signed_out;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(signed_out, 2 * kBrowsers) << "signing out twice at once is signed out twice";
  for (const std::string& session : sessions) {
    EXPECT_EQ(client_.Get("/v1/whoami", {{"Cookie", "thaksa_session=" + session}})->status, 401);
  }
  // The background tasks borrow connections for a moment now and then; a connection kept by a
  // failure path would stay lent for good.
  std::string pool;
  for (absl::Time until = absl::Now() + absl::Seconds(5); absl::Now() < until;) {
    auto status = client_.Get("/v1/status", Bearer(server_.admin().token));
    ASSERT_EQ(status->status, 200) << status->body;
    pool = status->body;
    if (absl::StrContains(pool, R"("in_use":0)")) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_THAT(pool, HasSubstr(R"("in_use":0)")) << "no connection stays lent";
}

}  // namespace
}  // namespace thaksa
