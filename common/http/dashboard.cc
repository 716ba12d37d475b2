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
  std::string version;  // a hash of the content
};

const char* ContentTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// The page with every file it names as /assets/NAME named with its version.
std::string VersionedPage(absl::string_view page, const std::map<std::string, ServedFile>& files) {
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const auto& [name, file] : files) {
    replacements.emplace_back(absl::StrCat("\"/assets/", name, "\""),
                              absl::StrCat("\"/assets/", name, "?v=", file.version, "\""));
  }
  return absl::StrReplaceAll(page, replacements);
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
  const std::string etag = absl::StrCat("\"", file.version, "\"");
  response.set_header("ETag", etag);
  response.set_header("Cache-Control",
                      immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (request.get_header_value("If-None-Match") == etag) {
    response.status = 304;
    return;
  }
  response.set_content(file.content, file.content_type);
}

}  // namespace

void ServeDashboard(httplib::Server& server) {
  auto files = std::make_shared<std::map<std::string, ServedFile>>();
  std::string page;
  for (const EmbeddedAsset& asset : DashboardAssets()) {
    if (asset.name == "index.html") {
      page = std::string(asset.content);
      continue;
    }
    (*files)[std::string(asset.name)] = {std::string(asset.content), ContentTypeOf(asset.name),
                                         Sha256Hex(asset.content).substr(0, 16)};
  }
  page = VersionedPage(page, *files);
  auto index = std::make_shared<const ServedFile>(
      ServedFile{page, ContentTypeOf("index.html"), Sha256Hex(page).substr(0, 16)});
  server.Get("/", [index](const httplib::Request& request, httplib::Response& response) {
    Answer(request, response, *index, /*immutable=*/false);
  });
  server.Get(R"(/assets/([A-Za-z0-9._-]+))",
             [files](const httplib::Request& request, httplib::Response& response) {
               const auto found = files->find(request.matches[1].str());
               if (found == files->end()) {
                 response.status = 404;
                 return;
               }
               const bool current = request.get_param_value("v") == found->second.version;
               Answer(request, response, found->second, current);
             });
}

}  // namespace thaksa::http
