#include "common/http/xapi.h"

#include <cmath>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/status.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
namespace pb = ::thaksa::learning::v1;

constexpr char kVerbs[] = "http://adlnet.gov/expapi/verbs/";
constexpr double kLongestDuration = 366.0 * 86400;

// The member at `path` ("result.score.raw") of `object`, or nullptr.
const gpb::Value* Member(const gpb::Struct& object, absl::string_view path) {
  const gpb::Struct* current = &object;
  const gpb::Value* value = nullptr;
  while (current != nullptr) {
    const size_t dot = path.find('.');
    auto found = current->fields().find(std::string(path.substr(0, dot)));
    if (found == current->fields().end()) return nullptr;
    value = &found->second;
    if (dot == absl::string_view::npos) return value;
    path.remove_prefix(dot + 1);
    current = value->has_struct_value() ? &value->struct_value() : nullptr;
  }
  return nullptr;
}

std::string Text(const gpb::Struct& object, absl::string_view path) {
  const gpb::Value* value = Member(object, path);
  return value != nullptr && value->has_string_value() ? value->string_value() : "";
}

// Seconds of an ISO 8601 duration such as "PT6H", "PT90M", "P1DT2H30M" or "PT3600.5S".
std::optional<double> DurationSeconds(absl::string_view text) {
  if (!absl::ConsumePrefix(&text, "P")) return std::nullopt;
  double seconds = 0;
  bool in_time = false, any = false;
  while (!text.empty()) {
    if (absl::ConsumePrefix(&text, "T")) {
      in_time = true;
      continue;
    }
    size_t end = 0;
    while (end < text.size() && (absl::ascii_isdigit(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.')) {
      ++end;
    }
    double number = 0;
    if (end == 0 || end == text.size() || !absl::SimpleAtod(text.substr(0, end), &number)) {
      return std::nullopt;
    }
    const char unit = text[end];
    double scale = 0;
    if (!in_time && unit == 'D') scale = 86400;
    if (!in_time && unit == 'W') scale = 7 * 86400;
    if (in_time && unit == 'H') scale = 3600;
    if (in_time && unit == 'M') scale = 60;
    if (in_time && unit == 'S') scale = 1;
    if (scale == 0) return std::nullopt;  // years and months have no fixed length
    seconds += number * scale;
    any = true;
    text.remove_prefix(end + 1);
  }
  if (!any || !std::isfinite(seconds)) return std::nullopt;
  return seconds;
}

// The last path segment of an IRI ("https://lms.example/courses/DG-201?x#y": "DG-201").
std::string LastSegment(absl::string_view iri) {
  iri = iri.substr(0, iri.find_first_of("?#"));
  while (absl::ConsumeSuffix(&iri, "/")) {
  }
  const size_t slash = iri.rfind('/');
  return slash == absl::string_view::npos || iri.substr(0, slash).find("//") == absl::string_view::npos
             ? ""
             : std::string(iri.substr(slash + 1));
}

}  // namespace

absl::StatusOr<pb::CompletionRecord> CompletionOfStatement(const gpb::Struct& statement) {
  FieldErrors errors;
  pb::CompletionRecord record;
  record.set_record_id(Text(statement, "id"));
  if (record.record_id().empty()) errors.Add("id", "a statement id is required");

  const std::string account = Text(statement, "actor.account.name");
  int64_t person = 0;
  if (account.size() == 13 && absl::SimpleAtoi(account, &person)) {
    record.set_citizen_id(account);
  } else if (absl::SimpleAtoi(account, &person) && person > 0) {
    record.set_person_id(person);
  } else {
    errors.Add("actor.account.name",
               "identify the person by an account named with the citizen ID or Thaksa person id");
  }

  const std::string verb = Text(statement, "verb.id");
  const gpb::Value* success = Member(statement, "result.success");
  if (verb == absl::StrCat(kVerbs, "passed")) {
    record.set_passed(true);
  } else if (verb == absl::StrCat(kVerbs, "failed")) {
    record.set_passed(false);
  } else if (verb == absl::StrCat(kVerbs, "completed")) {
    record.set_passed(success == nullptr || !success->has_bool_value() || success->bool_value());
  } else {
    errors.Add("verb.id", absl::StrCat("only ", kVerbs, "completed, passed and failed are "
                                       "completions"));
  }

  record.set_course_code(LastSegment(Text(statement, "object.id")));
  if (record.course_code().empty()) {
    errors.Add("object.id", "an activity IRI whose last path segment is a course code is required");
  }

  absl::Time finished;
  std::string parse_error;
  if (!absl::ParseTime(absl::RFC3339_full, Text(statement, "timestamp"), &finished, &parse_error)) {
    errors.Add("timestamp", "when the person finished (ISO 8601, with its offset) is required");
  }
  const std::optional<double> seconds = DurationSeconds(Text(statement, "result.duration"));
  if (!seconds.has_value() || *seconds <= 0 || *seconds > kLongestDuration) {
    errors.Add("result.duration", "how long it took (ISO 8601, e.g. PT6H, at most a year) is required");
  }
  if (!errors.empty()) return errors.ToStatus();
  record.set_finished_at_unix(absl::ToUnixSeconds(finished));
  record.set_started_at_unix(record.finished_at_unix() - static_cast<int64_t>(std::llround(*seconds)));
  record.set_hours(*seconds / 3600);

  if (const gpb::Value* raw = Member(statement, "result.score.raw"); raw && raw->has_number_value()) {
    record.set_score(raw->number_value());
  } else if (const gpb::Value* scaled = Member(statement, "result.score.scaled");
             scaled && scaled->has_number_value()) {
    record.set_score(scaled->number_value() * 100);
  }
  if (const gpb::Value* extensions = Member(statement, "context.extensions");
      extensions && extensions->has_struct_value()) {
    const auto& fields = extensions->struct_value().fields();
    if (auto level = fields.find(kXapiAssessedLevel); level != fields.end()) {
      const double number = level->second.number_value();
      if (!level->second.has_number_value() || number != std::floor(number) || number < 0 ||
          number > 100) {
        return InvalidField(absl::StrCat("context.extensions.", kXapiAssessedLevel),
                            "is not a level");
      }
      record.set_assessed_level(static_cast<int32_t>(number));
    }
    if (auto certificate = fields.find(kXapiCertificateId);
        certificate != fields.end() && certificate->second.has_string_value()) {
      record.set_certificate_id(certificate->second.string_value());
    }
  }
  return record;
}

gpb::Struct StatementOfCompletion(const pb::Completion& completion) {
  const pb::CompletionRecord& record = completion.record();
  gpb::Struct statement;
  auto set = [](gpb::Struct& object, const std::string& key) -> gpb::Value& {
    return (*object.mutable_fields())[key];
  };
  auto object = [&](gpb::Struct& parent, const std::string& key) -> gpb::Struct& {
    return *set(parent, key).mutable_struct_value();
  };
  set(statement, "id").set_string_value(record.record_id());
  gpb::Struct& actor = object(statement, "actor");
  set(actor, "objectType").set_string_value("Agent");
  set(object(actor, "account"), "homePage").set_string_value("https://thaksa.go.th");
  set(object(actor, "account"), "name").set_string_value(absl::StrCat(record.person_id()));
  set(object(statement, "verb"), "id")
      .set_string_value(absl::StrCat(kVerbs, record.passed() ? "passed" : "failed"));
  set(object(statement, "object"), "id")
      .set_string_value(absl::StrCat("https://thaksa.go.th/xapi/courses/", completion.institute_code(),
                                     "/", record.course_code()));
  gpb::Struct& result = object(statement, "result");
  set(result, "success").set_bool_value(record.passed());
  set(result, "duration")
      .set_string_value(absl::StrCat("PT", record.finished_at_unix() - record.started_at_unix(), "S"));
  if (record.score() != 0) set(object(result, "score"), "raw").set_number_value(record.score());
  set(statement, "timestamp")
      .set_string_value(absl::FormatTime(absl::RFC3339_sec, absl::FromUnixSeconds(record.finished_at_unix()),
                                         absl::UTCTimeZone()));
  set(statement, "stored")
      .set_string_value(absl::FormatTime(absl::RFC3339_sec, absl::FromUnixSeconds(completion.recorded_at_unix()),
                                         absl::UTCTimeZone()));
  set(statement, "version").set_string_value(kXapiVersion);
  return statement;
}

}  // namespace thaksa::http
