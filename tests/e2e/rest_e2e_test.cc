// The REST/JSON door driven as an HR system drives it: a plain HTTP client against a server on
// loopback, reading status codes, JSON bodies and field violations.
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"

namespace thaksa {
namespace {

namespace gpb = ::google::protobuf;
using ::testing::HasSubstr;

gpb::Struct Json(const std::string& text) {
  gpb::Struct parsed;
  EXPECT_TRUE(gpb::util::JsonStringToMessage(text, &parsed).ok()) << text;
  return parsed;
}

const gpb::Value& At(const gpb::Struct& object, const std::string& key) {
  static const gpb::Value kMissing;
  auto found = object.fields().find(key);
  return found == object.fields().end() ? kMissing : found->second;
}

// The error's status name and its first field violation's field, from an error body.
std::pair<std::string, std::string> ErrorOf(const std::string& body) {
  const gpb::Struct error = At(Json(body), "error").struct_value();
  std::string field;
  const gpb::Value& details = At(error, "details");
  if (details.list_value().values_size() > 0) {
    const gpb::Value& violations = At(details.list_value().values(0).struct_value(), "field_violations");
    if (violations.list_value().values_size() > 0) {
      field = At(violations.list_value().values(0).struct_value(), "field").string_value();
    }
  }
  return {At(error, "status").string_value(), field};
}

std::vector<gpb::Struct> Lines(const std::string& ndjson) {
  std::vector<gpb::Struct> lines;
  for (absl::string_view line : absl::StrSplit(ndjson, '\n', absl::SkipEmpty())) {
    lines.push_back(Json(std::string(line)));
  }
  return lines;
}

// Person n of TMD-IT, a technology specialist named `name_th`, as the JSON of a PersonRecord.
std::string PersonJson(int n, const std::string& name_th) {
  return absl::StrCat(R"({"agency_of_record_code":"TMD","employee_number":"E)", n,
                      R"(","citizen_id":")", testing::CitizenId(n), R"(","name":{"th":")", name_th,
                      R"("},"agency_code":"TMD-IT","position_title":"นักวิชาการ","grade":"ชำนาญการ",)",
                      R"("personnel_group":"PERSONNEL_GROUP_TECHNOLOGY"})");
}

class RestE2eTest : public ::testing::Test {
 protected:
  RestE2eTest() : server_(testing::FreshDatabase(), Options()), client_("127.0.0.1", server_.http_port()) {
    client_.set_read_timeout(60, 0);
    admin_ = {{"Authorization", absl::StrCat("Bearer ", server_.admin().token)}};
  }

  static testing::TestServerOptions Options() {
    testing::TestServerOptions options;
    options.http = true;
    options.max_bulk_body_bytes = 1 << 20;
    return options;
  }

  httplib::Result Post(const std::string& path, const std::string& body,
                       const std::string& type = "application/json") {
    return client_.Post(path.c_str(), admin_, body, type.c_str());
  }
  httplib::Result Get(const std::string& path) { return client_.Get(path.c_str(), admin_); }

  testing::TestServer server_;
  httplib::Client client_;
  httplib::Headers admin_;
};

TEST_F(RestE2eTest, AgencyRoundTripsWithItsThaiName) {
  auto created = Post("/v1/agencies",
                      R"({"code":"MDES","name":{"th":"กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",)"
                      R"("en":"Ministry of Digital Economy and Society"},"kind":"AGENCY_KIND_MINISTRY"})");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_THAT(created->get_header_value("Content-Type"), HasSubstr("application/json"));
  const gpb::Struct agency = Json(created->body);
  EXPECT_EQ(At(At(agency, "name").struct_value(), "th").string_value(),
            "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม");
  EXPECT_EQ(At(agency, "version").string_value(), "1") << "int64 as a string";

  auto read = Get("/v1/agencies/MDES");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  EXPECT_EQ(Json(read->body).DebugString(), agency.DebugString());

  auto missing = Get("/v1/agencies/NOPE");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(ErrorOf(missing->body).first, "NOT_FOUND");

  auto stale = client_.Patch("/v1/agencies/MDES?expected_version=7", admin_,
                             R"({"name":{"th":"กระทรวงใหม่"},"kind":"AGENCY_KIND_MINISTRY"})",
                             "application/json");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(ErrorOf(stale->body).first, "ABORTED");
}

TEST_F(RestE2eTest, ErrorsCarryTheirStatusAndField) {
  auto no_token = client_.Get("/v1/agencies");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 401);
  EXPECT_EQ(ErrorOf(no_token->body).first, "UNAUTHENTICATED");

  auto invalid = Post("/v1/agencies", R"({"code":"","name":{"th":""},"kind":"AGENCY_KIND_MINISTRY"})");
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 400);
  EXPECT_EQ(ErrorOf(invalid->body), std::make_pair(std::string("INVALID_ARGUMENT"),
                                                   std::string("agency.code")));

  auto unknown = Post("/v1/agencies", R"({"code":"X","favourite_colour":"red"})");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(ErrorOf(unknown->body).second, "body");
  EXPECT_THAT(unknown->body, HasSubstr("favourite_colour"));

  auto not_json = Post("/v1/agencies", "{\"code\": NaN");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);

  auto bad_query = Get("/v1/people?page_size=ten");
  ASSERT_TRUE(bad_query);
  EXPECT_EQ(bad_query->status, 400);
  EXPECT_EQ(ErrorOf(bad_query->body).second, "page_size");

  auto wrong_method = client_.Delete("/v1/agencies/MDES", admin_);
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(At(At(Json(wrong_method->body), "error").struct_value(), "code").number_value(), 405);
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "PATCH, GET");

  auto nowhere = Get("/v1/nowhere");
  ASSERT_TRUE(nowhere);
  EXPECT_EQ(nowhere->status, 404);

  auto huge = Post("/v1/agencies", std::string(5 << 20, ' '));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_THAT(huge->body, HasSubstr("max_message_bytes"));
  EXPECT_EQ(At(At(Json(huge->body), "error").struct_value(), "code").number_value(), 413)
      << "the body's code is the status line's";

  // A chunked body carries no length: the limit still holds as it arrives. The door answers 413
  // and closes; a client still sending may see the connection reset instead of the answer.
  auto chunked = client_.Post(
      "/v1/agencies", admin_,
      [](size_t, httplib::DataSink& sink) {
        const std::string chunk(1 << 20, ' ');
        for (int i = 0; i < 6; ++i) {
          if (!sink.write(chunk.data(), chunk.size())) return false;
        }
        sink.done();
        return true;
      },
      "application/json");
  if (chunked) {
    EXPECT_EQ(chunked->status, 413);
  }
  auto still_serving = client_.Get("/healthz");
  ASSERT_TRUE(still_serving);
  EXPECT_EQ(still_serving->status, 200);

  // A body sent where no route takes one is refused; a large one is not read whole (the client
  // may see the connection close before it has sent it all), and the door goes on serving.
  auto elsewhere = client_.Post("/healthz", admin_, std::string(1000, 'x'), "text/plain");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 404);
  auto large = client_.Post("/healthz", admin_, std::string(64 << 20, 'x'), "text/plain");
  if (large) {
    EXPECT_EQ(large->status, 404);
  }
  auto health = client_.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(RestE2eTest, AnotherMinistrysTokenSeesNothingOfThisOne) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  ASSERT_EQ(Post("/v1/agencies", R"({"code":"MOF","name":{"th":"กระทรวงการคลัง"},"kind":"AGENCY_KIND_MINISTRY"})")->status, 200);
  const cli::CallOptions other =
      testing::NewToken(server_, access::v1::ROLE_CIO_OFFICE, "MOF");
  const httplib::Headers as_other = {{"Authorization", absl::StrCat("Bearer ", other.token)}};
  auto readiness = client_.Get("/v1/readiness?agency_code=TMD", as_other);
  ASSERT_TRUE(readiness);
  EXPECT_EQ(readiness->status, 403) << readiness->body;
  EXPECT_EQ(ErrorOf(readiness->body).first, "PERMISSION_DENIED");
  auto own = client_.Get("/v1/readiness?agency_code=MOF", as_other);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
}

constexpr char kPeopleCsvHeader[] =
    "agency_of_record_code,employee_number,citizen_id,name.th,name.en,agency_code,"
    "position_title,grade,personnel_group,effective_from\n";

std::string PersonRow(int n, const std::string& citizen_id) {
  return absl::StrCat("TMD,E", n, ",", citizen_id, ",นางสาวทดสอบ ",
                      n, ",Tester ", n, ",TMD-IT,นักวิชาการคอมพิวเตอร์,ชำนาญการ,TECHNOLOGY,2026-10-01\n");
}

TEST_F(RestE2eTest, MetricsCountCallsAndBulkRecordsShowThePoolAndTasksAndPassPromtool) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  std::string csv = kPeopleCsvHeader;
  for (int n = 1; n <= 3; ++n) csv += PersonRow(n, testing::CitizenId(n));
  csv += PersonRow(4, "1234567890123");
  ASSERT_EQ(Post("/v1/people:bulkUpsert", csv, "text/csv")->status, 200);
  ASSERT_EQ(Get("/v1/agencies/NOPE")->status, 404);

  auto scraped = client_.Get("/metrics");
  ASSERT_TRUE(scraped);
  ASSERT_EQ(scraped->status, 200);
  EXPECT_EQ(scraped->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = scraped->body;
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_calls_total{method=\"/thaksa.personnel.v1.PersonnelService/"
                              "GetAgency\",code=\"NOT_FOUND\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_rpc_duration_seconds_count{method=\"/thaksa.personnel.v1."
                              "PersonnelService/BulkUpsertPeople\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_bulk_records_total{record=\"BulkUpsertResult\","
                              "outcome=\"UPSERT_OUTCOME_CREATED\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_bulk_records_total{record=\"BulkUpsertResult\","
                              "outcome=\"UPSERT_OUTCOME_REJECTED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("thaksa_db_pool_connections{state=\"in_use\"}"));
  EXPECT_THAT(text, HasSubstr("thaksa_db_pool_waiting 0\n"));
  for (const char* task : {"readiness_refresher", "assessment_relay"}) {
    EXPECT_THAT(text, HasSubstr(absl::StrCat("thaksa_task_pending{task=\"", task, "\"}")));
    EXPECT_THAT(text, HasSubstr(absl::StrCat("thaksa_task_holds_lease{task=\"", task, "\"}")));
  }

  // Prometheus's own checker reads it as valid exposition text, with no lint problems.
  const std::string file = ::testing::TempDir() + "/metrics.txt";
  {
    std::ofstream out(file);
    out << text;
  }
  const std::string check = absl::StrCat("promtool check metrics < ", file, " > ", file, ".out 2>&1");
  EXPECT_EQ(std::system(check.c_str()), 0) << [&] {
    std::ifstream problems(file + ".out");
    return std::string(std::istreambuf_iterator<char>(problems), {});
  }();
}

TEST_F(RestE2eTest, BulkCsvAnswersEveryRowAndReplaysUnchanged) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  std::string csv = kPeopleCsvHeader;
  for (int n = 1; n <= 3; ++n) csv += PersonRow(n, testing::CitizenId(n));
  csv += PersonRow(4, "1234567890123");  // a check digit that does not check
  auto first = Post("/v1/people:bulkUpsert", csv, "text/csv");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_THAT(first->get_header_value("Content-Type"), HasSubstr("application/x-ndjson"));
  const std::vector<gpb::Struct> results = Lines(first->body);
  ASSERT_EQ(results.size(), 4u) << first->body;
  std::multiset<std::string> outcomes;
  for (const gpb::Struct& result : results) outcomes.insert(At(result, "outcome").string_value());
  EXPECT_EQ(outcomes.count("UPSERT_OUTCOME_CREATED"), 3u) << first->body;
  const gpb::Struct& rejected = results[3];
  EXPECT_EQ(At(rejected, "outcome").string_value(), "UPSERT_OUTCOME_REJECTED");
  EXPECT_EQ(At(At(rejected, "errors").list_value().values(0).struct_value(), "field").string_value(),
            "citizen_id");

  auto replay = Post("/v1/people:bulkUpsert", csv, "text/csv");
  ASSERT_TRUE(replay);
  std::multiset<std::string> replayed;
  for (const gpb::Struct& result : Lines(replay->body)) {
    replayed.insert(At(result, "outcome").string_value());
  }
  EXPECT_EQ(replayed.count("UPSERT_OUTCOME_UNCHANGED"), 3u) << replay->body;

  auto person = Get("/v1/people:lookup");
  ASSERT_TRUE(person);
  EXPECT_EQ(person->status, 405) << "the lookup takes its key in a body";
  auto found = Post("/v1/people:lookup",
                    R"({"key":{"agency_of_record_code":"TMD","employee_number":"E2"}})");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->status, 200) << found->body;
  EXPECT_THAT(found->body, HasSubstr("นางสาวทดสอบ 2"));
}

TEST_F(RestE2eTest, AMalformedBulkBodyIsRefusedWholeAndStoresNothing) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  std::string csv = kPeopleCsvHeader;
  csv += PersonRow(1, testing::CitizenId(1));
  csv += "TMD,E2,x,y,z,TMD-IT,t,g,NOT_A_GROUP,2026-10-01\n";
  auto refused = Post("/v1/people:bulkUpsert", csv, "text/csv");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(ErrorOf(refused->body).second, "personnel_group");
  EXPECT_THAT(refused->body, HasSubstr("line 3"));

  const std::string ndjson = absl::StrCat(PersonJson(9, "ทดสอบ"), "\n{\"employee_number\": \n");
  auto broken = Post("/v1/people:bulkUpsert", ndjson, "application/x-ndjson");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_THAT(broken->body, HasSubstr("line 2"));

  auto listed = Get("/v1/people?agency_code=TMD");
  ASSERT_TRUE(listed);
  EXPECT_EQ(At(Json(listed->body), "people").list_value().values_size(), 0) << listed->body;

  auto wrong_type = Post("/v1/people:bulkUpsert", csv, "application/json");
  ASSERT_TRUE(wrong_type);
  EXPECT_EQ(wrong_type->status, 415);
  auto too_big = Post("/v1/people:bulkUpsert", std::string(2 << 20, '\n'), "text/csv");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
}

TEST_F(RestE2eTest, ParallelIdenticalUpsertsStoreOnePerson) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  const std::string body = PersonJson(1, "พร้อมกัน");
  std::atomic<int> ok{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      httplib::Client client("127.0.0.1", server_.http_port());
      auto answer = client.Post("/v1/people:upsert", admin_, body, "application/json");
      if (answer && answer->status == 200) ++ok;
    });
  }
  for (std::thread& caller : callers) caller.join();
  EXPECT_EQ(ok.load(), 8);
  auto listed = Get("/v1/people?agency_code=TMD");
  ASSERT_TRUE(listed);
  EXPECT_EQ(At(Json(listed->body), "people").list_value().values_size(), 1) << listed->body;
}

TEST_F(RestE2eTest, HostileValuesAreRefusedNamingTheFieldAndLeaveNoConnectionLent) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  testing::RegisterExamCourse(server_);
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "ก";
  for (const std::string& name : {huge, std::string()}) {
    auto refused = Post("/v1/people:upsert", PersonJson(1, name));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << name.size();
    EXPECT_THAT(ErrorOf(refused->body).second, HasSubstr("name.th"));
  }

  // NaN hours in a completion: that record is refused naming hours, its neighbour recorded.
  const cli::CallOptions tdga =
      testing::NewToken(server_, access::v1::ROLE_TRAINING_INSTITUTE, "", "TDGA");
  ASSERT_EQ(Post("/v1/people:upsert", PersonJson(1, "ผู้เรียน"))->status, 200);
  auto completion = [&](const std::string& id, const std::string& hours) {
    return absl::StrCat(R"({"record_id":")", id, R"(","citizen_id":")", testing::CitizenId(1),
                        R"(","course_code":"DG-201","started_at_unix":")", testing::kMorning,
                        R"(","finished_at_unix":")", testing::kMorning + 6 * 3600,
                        R"(","hours":)", hours, R"(,"passed":true})");
  };
  auto recorded = client_.Post(
      "/v1/completions:record", {{"Authorization", absl::StrCat("Bearer ", tdga.token)}},
      absl::StrCat(completion("nan", "\"NaN\""), "\n", completion("good", "6")),
      "application/x-ndjson");
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded->status, 200) << recorded->body;
  const std::vector<gpb::Struct> results = Lines(recorded->body);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(At(results[0], "outcome").string_value(), "COMPLETION_OUTCOME_REJECTED");
  EXPECT_EQ(At(results[0], "field").string_value(), "hours");
  EXPECT_EQ(At(results[1], "outcome").string_value(), "COMPLETION_OUTCOME_RECORDED");

  int in_use = server_.pool().Stats().in_use;
  for (int i = 0; i < 100 && in_use > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(50));
    in_use = server_.pool().Stats().in_use;
  }
  EXPECT_EQ(in_use, 0) << "a connection was not returned";
}

TEST_F(RestE2eTest, ReadinessExportIsACsvFile) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  auto csv = Get("/v1/readiness:export?readiness.agency_code=TMD&language=th");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_THAT(csv->get_header_value("Content-Type"), HasSubstr("text/csv"));
  EXPECT_THAT(csv->get_header_value("Content-Disposition"), HasSubstr("attachment"));
  EXPECT_THAT(csv->body, HasSubstr("หน่วยงาน,กลุ่มเป้าหมาย"));
}

// A statement of person 1 passing TDGA's DG-201, six hours until 15:00 Bangkok on 10 November.
std::string StatementJson(const std::string& id, double score) {
  return absl::StrCat(R"({"id":")", id, R"(","actor":{"objectType":"Agent","account":)",
                      R"({"homePage":"https://lms.tdga.example","name":")", testing::CitizenId(1),
                      R"("}},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},)",
                      R"("object":{"id":"https://lms.tdga.example/courses/DG-201"},)",
                      R"("result":{"success":true,"duration":"PT6H","score":{"raw":)", score,
                      R"(}},"timestamp":"2026-11-10T15:00:00+07:00"})");
}

TEST_F(RestE2eTest, LearningPlatformsReportCompletionsAsXapiStatements) {
  testing::SetUpProgramme(server_, testing::kMinistryWithDivisions);
  testing::RegisterExamCourse(server_);
  ASSERT_EQ(Post("/v1/people:upsert", PersonJson(1, "ผู้เรียน"))->status, 200);
  const cli::CallOptions tdga =
      testing::NewToken(server_, access::v1::ROLE_TRAINING_INSTITUTE, "", "TDGA");
  httplib::Client lms("127.0.0.1", server_.http_port());
  lms.set_basic_auth("tdga-lms", tdga.token.c_str());  // learning platforms send Basic
  const httplib::Headers xapi = {{"X-Experience-API-Version", "1.0.3"}};
  const std::string id = "6a7f3c1e-0b2d-4c5e-9f10-1a2b3c4d5e6f";

  auto about = lms.Get("/xapi/about");
  ASSERT_TRUE(about);
  EXPECT_THAT(about->body, HasSubstr("1.0.3"));
  auto unversioned = lms.Post("/xapi/statements", StatementJson(id, 80), "application/json");
  ASSERT_TRUE(unversioned);
  EXPECT_EQ(unversioned->status, 400);

  auto posted = lms.Post("/xapi/statements", xapi, StatementJson(id, 80), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;
  EXPECT_EQ(posted->body, absl::StrCat("[\"", id, "\"]"));
  EXPECT_EQ(posted->get_header_value("X-Experience-API-Version"), "1.0.3");

  auto again = lms.Put(absl::StrCat("/xapi/statements?statementId=", id).c_str(), xapi,
                       StatementJson("", 80), "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 204) << again->body;
  auto conflict = lms.Post("/xapi/statements", xapi, StatementJson(id, 95), "application/json");
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->status, 409) << conflict->body;

  auto read = lms.Get(absl::StrCat("/xapi/statements?statementId=", id).c_str(), xapi);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->status, 200) << read->body;
  const gpb::Struct statement = Json(read->body);
  EXPECT_EQ(At(statement, "id").string_value(), id);
  EXPECT_THAT(At(At(statement, "object").struct_value(), "id").string_value(), HasSubstr("DG-201"));
  EXPECT_THAT(read->body, ::testing::Not(HasSubstr(testing::CitizenId(1)))) << "never kept";

  auto unmapped = lms.Post("/xapi/statements", xapi,
                           absl::StrReplaceAll(StatementJson("other-id", 80),
                                               {{"verbs/passed", "verbs/experienced"}}),
                           "application/json");
  ASSERT_TRUE(unmapped);
  EXPECT_EQ(unmapped->status, 400);
  EXPECT_EQ(ErrorOf(unmapped->body).second, "verb.id");
  auto numeric_id = lms.Post("/xapi/statements", xapi,
                             absl::StrReplaceAll(StatementJson("x", 80), {{R"("id":"x")", R"("id":5)"}}),
                             "application/json");
  ASSERT_TRUE(numeric_id);
  EXPECT_EQ(numeric_id->status, 400);
  EXPECT_EQ(ErrorOf(numeric_id->body).second, "id");
  auto never_stored = lms.Get("/xapi/statements?statementId=other-id", xapi);
  ASSERT_TRUE(never_stored);
  EXPECT_EQ(never_stored->status, 404);

  // Platforms retry: the same statement sent at once by many is recorded once.
  std::atomic<int> answered{0};
  std::vector<std::thread> retries;
  for (int i = 0; i < 8; ++i) {
    retries.emplace_back([&] {
      httplib::Client platform("127.0.0.1", server_.http_port());
      platform.set_basic_auth("tdga-lms", tdga.token.c_str());
      auto sent = platform.Post("/xapi/statements", xapi, StatementJson("raced", 80), "application/json");
      if (sent && sent->status == 200) ++answered;
    });
  }
  for (std::thread& retry : retries) retry.join();
  EXPECT_EQ(answered.load(), 8);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM completion WHERE record_id = 'raced'"), 1);

  auto unknown_course = lms.Post("/xapi/statements", xapi,
                                 absl::StrReplaceAll(StatementJson("third", 80),
                                                     {{"courses/DG-201", "courses/NOPE"}}),
                                 "application/json");
  ASSERT_TRUE(unknown_course);
  EXPECT_EQ(unknown_course->status, 400) << unknown_course->body;
  EXPECT_EQ(ErrorOf(unknown_course->body).second, "object.id");
}

TEST_F(RestE2eTest, HealthAndTheOpenApiDocumentNeedNoToken) {
  auto health = client_.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto ready = client_.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  auto openapi = client_.Get("/v1/openapi.json");
  ASSERT_TRUE(openapi);
  ASSERT_EQ(openapi->status, 200);
  const gpb::Struct document = Json(openapi->body);
  EXPECT_TRUE(At(document, "paths").struct_value().fields().contains("/v1/people:bulkUpsert"));
}

}  // namespace
}  // namespace thaksa
