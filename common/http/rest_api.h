// The REST/JSON door's handling of one request: the route, the request message made of the path,
// query and body, the call of the service, and the answer as JSON (bulk calls: a line per record;
// CSV exports: the file).
#ifndef THAKSA_COMMON_HTTP_REST_API_H_
#define THAKSA_COMMON_HTTP_REST_API_H_

#include <httplib.h>

#include <optional>
#include <set>

#include "absl/synchronization/mutex.h"
#include "grpcpp/client_context.h"

#include "common/http/http_door.h"
#include "common/http/routes.h"

namespace thaksa::http {

// The calls the door has under way, so that stopping can cancel them instead of waiting.
class ActiveCalls final {
 public:
  // Holds `context` in the set while it lives, unless the door is stopping.
  class Registration final {
   public:
    Registration(ActiveCalls& calls, grpc::ClientContext* context)
        : calls_(calls), context_(context), admitted_(calls.Add(context)) {}
    ~Registration() {
      if (admitted_) calls_.Remove(context_);
    }
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    bool admitted() const { return admitted_; }

   private:
    ActiveCalls& calls_;
    grpc::ClientContext* context_;
    bool admitted_;
  };

  // Cancels every call under way; calls after this are not admitted.
  void CancelAll();

 private:
  bool Add(grpc::ClientContext* context);
  void Remove(grpc::ClientContext* context);

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::set<grpc::ClientContext*> contexts_ ABSL_GUARDED_BY(mutex_);
};

// The context of a call the door makes for a request: the caller's token (Bearer, or Basic
// credentials with the token as password, or else a browser's session cookie, with the CSRF
// token a request that is not a GET must carry: session.h), a deadline, and a place among the
// calls under way, which are cancelled when the door stops.
class DoorCall final {
 public:
  // `deadline` zero: none (bulk calls, which the server's own limits bound).
  DoorCall(ActiveCalls& calls, const ChannelSource& channel, const httplib::Request& request,
           absl::Duration deadline);
  DoorCall(const DoorCall&) = delete;
  DoorCall& operator=(const DoorCall&) = delete;

  // Not OK: why the call cannot be made, to answer as it is.
  const absl::Status& status() const { return status_; }
  grpc::ClientContext& context() { return context_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  grpc::ClientContext context_;
  std::shared_ptr<grpc::Channel> channel_;
  std::optional<ActiveCalls::Registration> registration_;
  absl::Status status_;
};

class RestApi final {
 public:
  RestApi(RouteTable routes, ChannelSource channel, const HttpDoorOptions& options)
      : routes_(std::move(routes)), channel_(std::move(channel)), options_(options) {}

  // Cancels the calls under way and refuses new ones (the door is stopping).
  void Stop() const { active_.CancelAll(); }

  // Answers `request`; `body` reads its body (nullptr for methods without one).
  void Serve(const httplib::Request& request, httplib::Response& response,
             const httplib::ContentReader* body) const;

  const RouteTable& routes() const { return routes_; }

 private:
  void Call(const Route& route, const PathVariables& variables, const httplib::Request& request,
            const httplib::ContentReader* body, httplib::Response& response) const;
  void CallWithRecords(const Route& route, const httplib::Request& request,
                       const httplib::ContentReader& body, httplib::Response& response) const;

  RouteTable routes_;
  ChannelSource channel_;
  HttpDoorOptions options_;
  mutable ActiveCalls active_;
};

// Answers `status` as JSON ({"error": ...}) with `http_status`, or when that is 0 the HTTP
// status of its code.
void AnswerError(httplib::Response& response, const absl::Status& status, int http_status = 0);

// Answers why a body could not be read whole (ReadSmallBody): 413 when it was over its limit.
void AnswerTooLarge(httplib::Response& response, const absl::Status& status);

// Answers a call's error status as JSON, with the HTTP status of its code.
void AnswerCallError(httplib::Response& response, const grpc::Status& status);

// Reads a body of at most `limit` bytes (max_message_bytes): RESOURCE_EXHAUSTED beyond it,
// DEADLINE_EXCEEDED if it takes longer than a few minutes to arrive.
absl::StatusOr<std::string> ReadSmallBody(const httplib::Request& request,
                                          const httplib::ContentReader& reader, int limit);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_REST_API_H_
