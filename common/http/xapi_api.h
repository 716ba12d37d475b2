// The HTTP door's xAPI subset for training institutes' learning platforms (xapi.h maps the
// statements): GET /xapi/about; POST /xapi/statements (one statement or a list) and
// PUT /xapi/statements?statementId=, recorded as completions through RecordCompletions;
// GET /xapi/statements?statementId=, read through GetCompletion.
#ifndef THAKSA_COMMON_HTTP_XAPI_API_H_
#define THAKSA_COMMON_HTTP_XAPI_API_H_

#include <httplib.h>

#include "common/http/http_door.h"
#include "common/http/rest_api.h"

namespace thaksa::http {

class XapiApi final {
 public:
  XapiApi(ChannelSource channel, const HttpDoorOptions& options)
      : channel_(std::move(channel)), options_(options) {}

  // GET /xapi/about.
  static void About(httplib::Response& response);
  // /xapi/statements; `body` reads the body of a POST or PUT (nullptr for GET).
  void Statements(const httplib::Request& request, httplib::Response& response,
                  const httplib::ContentReader* body) const;
  // Cancels the calls under way and refuses new ones (the door is stopping).
  void Stop() const { active_.CancelAll(); }

 private:
  void Read(const httplib::Request& request, httplib::Response& response) const;
  void Record(const httplib::Request& request, httplib::Response& response,
              const httplib::ContentReader& body) const;

  ChannelSource channel_;
  HttpDoorOptions options_;
  mutable ActiveCalls active_;
};

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_XAPI_API_H_
