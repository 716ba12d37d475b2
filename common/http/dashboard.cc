#include "common/http/dashboard.h"

#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/auth/tokens.h"

namespace thaksa::http {
namespace {

struct ServedFile {
  std::string content;
  const char* content_type;
  std::string etag;  // a hash of the content
};

const char* ContentTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// One version for the whole dashboard: a hash of every file, so that a file's URL changes
// whenever anything it could load with it does.
std::string DashboardVersion() {
  std::string all;
  for (const EmbeddedAsset& asset : DashboardAssets()) {
    absl::StrAppend(&all, asset.name, "\n", asset.content.size(), "\n", asset.content);
  }
  return Sha256Hex(all).substr(0, 16);
}

// `text` with every file it names — as the page names them ("/assets/NAME") or as modules
// import each other ('./NAME') — named with `version`.
std::string Versioned(absl::string_view text, const std::string& version) {
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const EmbeddedAsset& asset : DashboardAssets()) {
    const std::string query = absl::StrCat("?v=", version);
    replacements.emplace_back(absl::StrCat("\"/assets/", asset.name, "\""),
                              absl::StrCat("\"/assets/", asset.name, query, "\""));
    replacements.emplace_back(absl::StrCat("'./", asset.name, "'"),
                              absl::StrCat("'./", asset.name, query, "'"));
  }
  return absl::StrReplaceAll(text, replacements);
}

// What every answer of the dashboard says to the browser: only this site's scripts, styles and
// images; never in a frame; no referrer to other sites.
void SetSecurityHeaders(httplib::Response& response) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
}

void Answer(const httplib::Request& request, httplib::Response& response, const ServedFile& file,
            bool immutable) {
  SetSecurityHeaders(response);
  response.set_header("ETag", file.etag);
  response.set_header("Cache-Control",
                      immutable ? "public, max-age=31536000, immutable" : "no-cache");
  // If-None-Match may list several tags; ours are strong and unique to the content.
  if (absl::StrContains(request.get_header_value("If-None-Match"), file.etag)) {
    response.status = 304;
    return;
  }
  response.set_content(file.content, file.content_type);
}

}  // namespace

void ServeDashboard(httplib::Server& server) {
  const std::string version = DashboardVersion();
  auto files = std::make_shared<std::map<std::string, ServedFile>>();
  for (const EmbeddedAsset& asset : DashboardAssets()) {
    std::string content = Versioned(asset.content, version);
    const std::string etag = absl::StrCat("\"", Sha256Hex(content).substr(0, 16), "\"");
    (*files)[std::string(asset.name)] = {std::move(content), ContentTypeOf(asset.name), etag};
  }
  auto page = std::make_shared<const ServedFile>(files->at("index.html"));
  files->erase("index.html");
  server.Get("/", [page](const httplib::Request& request, httplib::Response& response) {
    Answer(request, response, *page, /*immutable=*/false);
  });
  server.Get(R"(/assets/([A-Za-z0-9._-]+))",
             [files, version](const httplib::Request& request, httplib::Response& response) {
               const auto found = files->find(request.matches[1].str());
               if (found == files->end()) {
                 response.status = 404;
                 return;
               }
               Answer(request, response, found->second, request.get_param_value("v") == version);
             });
}

}  // namespace thaksa::http
