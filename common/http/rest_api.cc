#include "common/http/rest_api.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/strip.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/grpc_status.h"
#include "common/http/bulk_body.h"
#include "common/http/generic_call.h"
#include "common/http/session.h"
#include "common/http/spool.h"
#include "common/http/transcoding.h"
#include "common/status.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;

constexpr char kNdjson[] = "application/x-ndjson; charset=utf-8";
constexpr char kCsv[] = "text/csv; charset=utf-8";

std::unique_ptr<gpb::Message> NewMessage(const gpb::Descriptor& type) {
  return std::unique_ptr<gpb::Message>(
      gpb::MessageFactory::generated_factory()->GetPrototype(&type)->New());
}

// Answers with what `spool` holds, read from disk as the client takes it.
void AnswerSpool(httplib::Response& response, std::shared_ptr<Spool> spool,
                 const char* content_type) {
  const auto size = static_cast<size_t>(spool->size());
  response.set_content_provider(
      size, content_type,
      [spool](size_t offset, size_t length, httplib::DataSink& sink) {
        const std::string chunk =
            spool->Read(static_cast<int64_t>(offset), std::min<size_t>(length, 1 << 16));
        return !chunk.empty() && sink.write(chunk.data(), chunk.size());
      });
}

// How long a client may take to send a body, whatever its pace.
constexpr absl::Duration kBodyTime = absl::Minutes(10);
constexpr absl::Duration kBulkBodyTime = absl::Hours(2);

// Why a body could not be read whole: over `limit` (RESOURCE_EXHAUSTED naming the flag that
// sets it; httplib refuses one whose declared length is over its own limit before reading),
// too slow, or cut short.
absl::Status BodyNotRead(const httplib::Request& request, bool over_limit, bool too_slow,
                         int64_t limit, absl::string_view flag) {
  int64_t declared = 0;
  if (absl::SimpleAtoi(request.get_header_value("Content-Length"), &declared) && declared > limit) {
    over_limit = true;
  }
  if (over_limit) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the body is larger than ", flag, " (", limit, " bytes)"));
  }
  if (too_slow) return absl::DeadlineExceededError("the body took too long to arrive");
  return InvalidField("body", "could not be read whole");
}

// Writes a bulk call's body to a spool, at most `limit` bytes.
absl::StatusOr<std::shared_ptr<Spool>> SpoolBody(const httplib::Request& request,
                                                 const httplib::ContentReader& reader,
                                                 int64_t limit) {
  ASSIGN_OR_RETURN(std::shared_ptr<Spool> spool, Spool::Create());
  bool over_limit = false, too_slow = false, disk_full = false;
  const absl::Time deadline = absl::Now() + kBulkBodyTime;
  const bool read = reader([&](const char* data, size_t length) {
    over_limit = spool->size() + static_cast<int64_t>(length) > limit;
    too_slow = absl::Now() > deadline;
    if (over_limit || too_slow) return false;
    disk_full = !spool->Append(absl::string_view(data, length));
    return !disk_full;
  });
  if (disk_full) return absl::UnavailableError("no room to hold the body; retry later");
  if (!read) return BodyNotRead(request, over_limit, too_slow, limit, "max_bulk_body_bytes");
  return spool;
}

// Passes the request's bearer token (or Basic credentials, the token as password) to the call, or
// without them the token of its session cookie, if the request may use it (session.h).
absl::Status AddAuthorization(const httplib::Request& request, grpc::ClientContext& context) {
  std::string value;
  if (request.has_header("Authorization")) {
    value = request.get_header_value("Authorization");
    // Basic credentials, as many learning platforms send them: the token is the password.
    if (absl::string_view basic = value; absl::ConsumePrefix(&basic, "Basic ")) {
      std::string decoded;
      const bool decodes = absl::Base64Unescape(absl::StripAsciiWhitespace(basic), &decoded);
      value = decodes ? absl::StrCat("Bearer ", decoded.substr(decoded.find(':') + 1)) : "";
    }
  } else if (const std::string session = CookieOf(request, kSessionCookie); !session.empty()) {
    RETURN_IF_ERROR(CheckCsrf(request, session));
    value = absl::StrCat("Bearer ", session);
  } else {
    return absl::OkStatus();
  }
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c < 0x7f; })) {
    return absl::UnauthenticatedError("the request carries no usable token");
  }
  context.AddMetadata("authorization", value);
  return absl::OkStatus();
}

}  // namespace

void AnswerCallError(httplib::Response& response, const grpc::Status& status) {
  response.status = HttpStatusOf(status.error_code());
  response.set_content(ErrorJson(status.error_code(), status.error_message(), status.error_details()),
                       kJsonType);
}

// Reads a body of at most `limit` bytes.
absl::StatusOr<std::string> ReadSmallBody(const httplib::Request& request,
                                          const httplib::ContentReader& reader, int limit) {
  std::string body;
  // A request that declares no body has none (httplib's reader would find it cut short).
  if (!request.has_header("Content-Length") && !request.has_header("Transfer-Encoding")) {
    return body;
  }
  bool over_limit = false, too_slow = false;
  const absl::Time deadline = absl::Now() + kBodyTime;
  const bool read = reader([&](const char* data, size_t length) {
    over_limit = body.size() + length > static_cast<size_t>(limit);
    too_slow = absl::Now() > deadline;
    if (over_limit || too_slow) return false;
    body.append(data, length);
    return true;
  });
  if (!read) return BodyNotRead(request, over_limit, too_slow, limit, "max_message_bytes");
  return body;
}

void AnswerTooLarge(httplib::Response& response, const absl::Status& status) {
  AnswerError(response, status, absl::IsResourceExhausted(status) ? 413 : 0);
}

void AnswerError(httplib::Response& response, const absl::Status& status, int http_status) {
  response.status = http_status != 0 ? http_status : HttpStatusOf(static_cast<int>(status.code()));
  response.set_content(ErrorJson(status, response.status), kJsonType);
}

bool ActiveCalls::Add(grpc::ClientContext* context) {
  absl::MutexLock lock(&mutex_);
  if (stopping_) return false;
  contexts_.insert(context);
  return true;
}

void ActiveCalls::Remove(grpc::ClientContext* context) {
  absl::MutexLock lock(&mutex_);
  contexts_.erase(context);
}

void ActiveCalls::CancelAll() {
  absl::MutexLock lock(&mutex_);
  stopping_ = true;
  for (grpc::ClientContext* context : contexts_) context->TryCancel();
}

DoorCall::DoorCall(ActiveCalls& calls, const ChannelSource& channel,
                   const httplib::Request& request, absl::Duration deadline)
    : channel_(channel()) {
  if (channel_ == nullptr) {
    status_ = absl::UnavailableError("the server is starting; retry later");
  } else if (status_ = AddAuthorization(request, context_); status_.ok()) {
    if (deadline != absl::ZeroDuration()) {
      context_.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
    }
    registration_.emplace(calls, &context_);
    if (!registration_->admitted()) {
      status_ = absl::UnavailableError("the server is stopping; retry on another");
    }
  }
}

void RestApi::Serve(const httplib::Request& request, httplib::Response& response,
                    const httplib::ContentReader* body) const {
  const RouteMatch match = routes_.Find(request.method, request.path);
  switch (match.kind) {
    case RouteMatch::Kind::kNoSuchPath:
      AnswerError(response, absl::NotFoundError(absl::StrCat(
                                "no API route is ", request.path, "; see /v1/openapi.json")));
      return;
    case RouteMatch::Kind::kMethodNotAllowed:
      response.set_header("Allow", absl::StrJoin(match.allowed_methods, ", "));
      AnswerError(response,
                  absl::InvalidArgumentError(absl::StrCat(
                      request.path, " answers ", absl::StrJoin(match.allowed_methods, ", "),
                      ", not ", request.method)),
                  405);
      return;
    case RouteMatch::Kind::kFound:
      break;
  }
  if (match.route->TakesStream()) {
    if (body == nullptr) {
      AnswerError(response, InvalidField("body", "a bulk call needs a body"));
      return;
    }
    CallWithRecords(*match.route, request, *body, response);
    return;
  }
  Call(*match.route, match.variables, request, body, response);
}

void RestApi::Call(const Route& route, const PathVariables& variables,
                   const httplib::Request& request, const httplib::ContentReader* body,
                   httplib::Response& response) const {
  std::string text;
  if (body != nullptr) {
    absl::StatusOr<std::string> read = ReadSmallBody(request, *body, options_.max_message_bytes);
    if (!read.ok()) {
      AnswerTooLarge(response, read.status());
      return;
    }
    text = *std::move(read);
  }
  std::unique_ptr<gpb::Message> message = NewMessage(*route.method->input_type());
  if (absl::Status filled = FillRequest(route, variables, request.params, text, *message);
      !filled.ok()) {
    AnswerError(response, filled);
    return;
  }
  DoorCall door(active_, channel_, request, options_.call_deadline);
  if (!door.status().ok()) {
    AnswerError(response, door.status());
    return;
  }

  const gpb::Descriptor& output = *route.method->output_type();
  const bool file = route.AnswersAFile();
  std::shared_ptr<Spool> spool;
  if (route.method->server_streaming()) {
    absl::StatusOr<std::shared_ptr<Spool>> created = Spool::Create();
    if (!created.ok()) {
      AnswerError(response, created.status());
      return;
    }
    spool = *std::move(created);
  }
  std::string json;
  bool spooled = true;
  GenericCall call(door.channel(), *route.method, door.context(), [&](const gpb::Message& answer) {
    if (spool == nullptr) {
      json = ResponseJson(answer);
    } else if (file) {
      const gpb::FieldDescriptor* data = output.FindFieldByName("data");
      spooled = spooled && spool->Append(answer.GetReflection()->GetString(answer, data));
    } else {
      spooled = spooled && spool->Append(absl::StrCat(ResponseJson(answer), "\n"));
    }
  });
  call.Write(*message);
  const grpc::Status status = call.Finish();
  if (!status.ok()) {
    AnswerCallError(response, status);
  } else if (!spooled) {
    AnswerError(response, absl::UnavailableError("no room to hold the answer; retry later"));
  } else if (spool == nullptr) {
    response.set_content(json, kJsonType);
  } else {
    if (file) {
      response.set_header("Content-Disposition",
                          absl::StrCat("attachment; filename=\"", route.method->name(), ".csv\""));
    }
    AnswerSpool(response, spool, file ? kCsv : kNdjson);
  }
}

void RestApi::CallWithRecords(const Route& route, const httplib::Request& request,
                              const httplib::ContentReader& body,
                              httplib::Response& response) const {
  const std::string content_type = request.get_header_value("Content-Type");
  if (!IsBulkContentType(content_type)) {
    AnswerError(response,
                InvalidField("Content-Type",
                             absl::StrCat("a bulk call takes application/x-ndjson or text/csv, "
                                          "not '", content_type, "'")),
                415);
    return;
  }
  absl::StatusOr<std::shared_ptr<Spool>> records = SpoolBody(request, body, options_.max_bulk_body_bytes);
  if (!records.ok()) {
    AnswerTooLarge(response, records.status());
    return;
  }
  const gpb::Descriptor& record_type = *route.method->input_type();
  std::unique_ptr<gpb::Message> record = NewMessage(record_type);
  // A first pass over the whole body: one that does not make records is refused whole, so that
  // nothing of it is stored.
  {
    absl::StatusOr<std::unique_ptr<RecordReader>> reader =
        ReadRecords(content_type, **records, record_type, options_.max_message_bytes);
    absl::StatusOr<bool> next = reader.ok() ? (*reader)->Next(*record) : reader.status();
    int64_t count = 0;
    while (next.ok() && *next) {
      if (++count > options_.max_stream_records) {
        AnswerError(response,
                    absl::ResourceExhaustedError(absl::StrCat(
                        "the body has more than max_stream_records (", options_.max_stream_records,
                        ") records; send them in several calls")),
                    413);
        return;
      }
      next = (*reader)->Next(*record);
    }
    if (!next.ok()) {
      AnswerError(response, next.status());
      return;
    }
  }
  absl::StatusOr<std::shared_ptr<Spool>> results = Spool::Create();
  DoorCall door(active_, channel_, request, absl::ZeroDuration());
  if (!results.ok() || !door.status().ok()) {
    AnswerError(response, !results.ok() ? results.status() : door.status());
    return;
  }
  bool spooled = true;
  int64_t answered = 0;
  GenericCall call(door.channel(), *route.method, door.context(), [&](const gpb::Message& result) {
    ++answered;
    spooled = spooled && (*results)->Append(absl::StrCat(ResponseJson(result), "\n"));
  });
  absl::StatusOr<std::unique_ptr<RecordReader>> reader =
      ReadRecords(content_type, **records, record_type, options_.max_message_bytes);
  if (!reader.ok()) door.context().TryCancel();  // the first pass read it: not expected
  for (absl::StatusOr<bool> next = reader.ok() ? (*reader)->Next(*record) : false;
       next.ok() && *next; next = (*reader)->Next(*record)) {
    if (!call.Write(*record)) break;  // the call has ended; Finish says why
  }
  const grpc::Status status = call.Finish();
  if (!spooled) {
    AnswerError(response, absl::UnavailableError(
                              "no room to hold the results; the records may be stored: send the "
                              "same body again later to have their results"));
    return;
  }
  if (!status.ok() && answered == 0) {
    AnswerCallError(response, status);
    return;
  }
  if (!status.ok()) {
    // The records answered before the call ended are stored; the last line says why it ended.
    (*results)->Append(absl::StrCat(
        ErrorJson(status.error_code(), status.error_message(), status.error_details()), "\n"));
    response.status = HttpStatusOf(status.error_code());
  }
  AnswerSpool(response, *results, kNdjson);
}

}  // namespace thaksa::http
