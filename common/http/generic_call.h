// A call of any API method, named at run time, over a channel: the HTTP door's way into the
// services. Every method is called as a stream (the wire is the same for every kind), so one
// class serves unary calls, server streams and the bulk streams of records.
#ifndef THAKSA_COMMON_HTTP_GENERIC_CALL_H_
#define THAKSA_COMMON_HTTP_GENERIC_CALL_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/client_callback.h"
#include "grpcpp/support/status.h"

namespace thaksa::http {

class GenericCall final
    : public grpc::ClientBidiReactor<google::protobuf::Message, google::protobuf::Message> {
 public:
  using ResponseHandler = std::function<void(const google::protobuf::Message&)>;

  // Starts calling `method` on `channel` with `context` (metadata and deadline set by the
  // caller, which keeps it alive until Finish returns). `on_response` is called for each
  // message the server sends, in order, from gRPC's threads.
  GenericCall(const std::shared_ptr<grpc::Channel>& channel,
              const google::protobuf::MethodDescriptor& method, grpc::ClientContext& context,
              ResponseHandler on_response);
  ~GenericCall() override;
  GenericCall(const GenericCall&) = delete;
  GenericCall& operator=(const GenericCall&) = delete;

  // Sends one request message and waits until it is sent; false once the call has ended
  // (Finish tells why).
  bool Write(const google::protobuf::Message& request);

  // Says that no more messages follow, waits for the call to end, and returns its status. A
  // call not finished is cancelled and finished when destroyed.
  grpc::Status Finish();

 private:
  void OnWriteDone(bool ok) override;
  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

  grpc::ClientContext& context_;
  ResponseHandler on_response_;
  std::unique_ptr<google::protobuf::Message> response_;
  absl::Mutex mutex_;
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool write_failed_ ABSL_GUARDED_BY(mutex_) = false;
  bool writes_done_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Notification done_;
  grpc::Status status_;
  bool finished_ = false;  // Finish has returned (used by the calling thread only)
};

// "/package.Service/Method", the method's name on the wire.
std::string WireName(const google::protobuf::MethodDescriptor& method);

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_GENERIC_CALL_H_
