#include "common/http/generic_call.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/message.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/codegen/proto_utils.h"

namespace thaksa::http {

namespace gpb = ::google::protobuf;

std::string WireName(const gpb::MethodDescriptor& method) {
  return absl::StrCat("/", method.service()->full_name(), "/", method.name());
}

GenericCall::GenericCall(const std::shared_ptr<grpc::Channel>& channel,
                         const gpb::MethodDescriptor& method, grpc::ClientContext& context,
                         ResponseHandler on_response)
    : context_(context),
      on_response_(std::move(on_response)),
      response_(gpb::MessageFactory::generated_factory()
                    ->GetPrototype(method.output_type())
                    ->New()) {
  grpc::TemplatedGenericStub<gpb::Message, gpb::Message> stub(channel);
  stub.PrepareBidiStreamingCall(&context, WireName(method), grpc::StubOptions(), this);
  AddHold();  // until Finish: no OnDone while writes may still be started
  StartRead(response_.get());
  StartCall();
}

bool GenericCall::Write(const gpb::Message& request) {
  {
    absl::MutexLock lock(&mutex_);
    if (write_failed_ || writes_done_) return false;
    writing_ = true;
  }
  // Outside the lock: gRPC may run OnWriteDone in this thread.
  StartWrite(&request);
  absl::MutexLock lock(&mutex_);
  mutex_.Await(absl::Condition(+[](bool* writing) { return !*writing; }, &writing_));
  return !write_failed_;
}

grpc::Status GenericCall::Finish() {
  if (finished_) return status_;
  bool end_writes = false;
  {
    absl::MutexLock lock(&mutex_);
    end_writes = !writes_done_ && !write_failed_;
    writes_done_ = true;
  }
  if (end_writes) StartWritesDone();
  RemoveHold();
  done_.WaitForNotification();
  finished_ = true;
  return status_;
}

void GenericCall::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mutex_);
  writing_ = false;
  if (!ok) write_failed_ = true;
}

GenericCall::~GenericCall() {
  // Left unfinished (an exception on the way): the call must end before its reactor goes.
  if (!finished_) {
    context_.TryCancel();
    Finish();
  }
}

void GenericCall::OnReadDone(bool ok) {
  if (!ok) return;  // the server has ended the call; OnDone follows
  try {
    on_response_(*response_);
  } catch (...) {
    context_.TryCancel();  // an exception must not leave gRPC's thread
  }
  StartRead(response_.get());
}

void GenericCall::OnDone(const grpc::Status& status) {
  status_ = status;  // read only after done_ is notified
  done_.Notify();
}

}  // namespace thaksa::http
