// The HTTP door's pure parts: path templates, the route table of the whole API, the mapping of
// path, query and body onto request messages, error bodies, and the records of bulk bodies.
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/http/bulk_body.h"
#include "common/http/openapi.h"
#include "common/http/path_template.h"
#include "common/http/routes.h"
#include "common/http/session.h"
#include "common/http/spool.h"
#include "common/http/transcoding.h"
#include "common/status.h"
#include "gmock/gmock.h"
#include "google/api/annotations.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "thaksa/personnel/v1/personnel.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"

namespace thaksa::http {
namespace {

namespace gpb = ::google::protobuf;
namespace personnel_pb = ::thaksa::personnel::v1;
namespace readiness_pb = ::thaksa::readiness::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

RouteTable Api() {
  absl::StatusOr<RouteTable> table = RouteTable::FromServices(ApiServices());
  EXPECT_TRUE(table.ok()) << table.status();
  return table.ok() ? *std::move(table) : RouteTable();
}

std::string ViolationField(const absl::Status& status) {
  const std::vector<FieldViolation> violations = FieldViolationsOf(status);
  return violations.empty() ? "" : violations[0].field;
}

TEST(PathTemplateTest, MatchesLiteralsVariablesAndVerbs) {
  auto get = PathTemplate::Parse("/v1/agencies/{code}");
  ASSERT_TRUE(get.ok());
  EXPECT_THAT(*get->Match("/v1/agencies/TMD"), ElementsAre(Pair("code", "TMD")));
  EXPECT_FALSE(get->Match("/v1/agencies").has_value());
  EXPECT_FALSE(get->Match("/v1/agencies/TMD/framework").has_value());
  EXPECT_FALSE(get->Match("/v1/agencies/TMD:setPeriod").has_value()) << "a verb it does not have";

  auto verb = PathTemplate::Parse("/v1/plans/{plan_id}/items/{item_id}:complete");
  ASSERT_TRUE(verb.ok());
  EXPECT_THAT(*verb->Match("/v1/plans/7/items/9:complete"),
              ElementsAre(Pair("plan_id", "7"), Pair("item_id", "9")));
  EXPECT_FALSE(verb->Match("/v1/plans/7/items/9").has_value());
  EXPECT_FALSE(verb->Match("/v1/plans/7/items/9:confirm").has_value());

  auto nested = PathTemplate::Parse("/v1/fiscalYears/{fiscal_year.be_year}:close");
  ASSERT_TRUE(nested.ok());
  EXPECT_THAT(*nested->Match("/v1/fiscalYears/2570:close"),
              ElementsAre(Pair("fiscal_year.be_year", "2570")));
  EXPECT_THAT(nested->Variables(), ElementsAre("fiscal_year.be_year"));
}

TEST(PathTemplateTest, RefusesWhatItCannotMatch) {
  EXPECT_FALSE(PathTemplate::Parse("v1/agencies").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1//agencies").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{name=**}").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/x{code}").ok());
  EXPECT_FALSE(PathTemplate::Parse("/v1/{9code}").ok());
}

TEST(RouteTableTest, EveryRpcOfTheApiHasARoute) {
  const RouteTable table = Api();
  std::set<std::string> routed;
  for (const Route& route : table.routes()) routed.insert(route.method->full_name());
  int methods = 0;
  for (const gpb::ServiceDescriptor* service : ApiServices()) {
    for (int i = 0; i < service->method_count(); ++i, ++methods) {
      EXPECT_EQ(routed.count(service->method(i)->full_name()), 1u)
          << service->method(i)->full_name() << " has no google.api.http option";
    }
  }
  EXPECT_EQ(methods, 67);
  EXPECT_EQ(ApiServices().size(), 6u);
}

TEST(RouteTableTest, EachRouteIsFoundForItsOwnPath) {
  const RouteTable table = Api();
  std::set<std::string> seen;
  for (const Route& route : table.routes()) {
    std::string path = route.path.text();
    for (const std::string& variable : route.path.Variables()) {
      path = absl::StrReplaceAll(path, {{absl::StrCat("{", variable, "}"), "42"}});
    }
    EXPECT_TRUE(seen.insert(absl::StrCat(route.http_method, " ", path)).second)
        << "two routes for " << route.http_method << " " << route.path.text();
    const RouteMatch match = table.Find(route.http_method, path);
    ASSERT_EQ(match.kind, RouteMatch::Kind::kFound) << path;
    EXPECT_EQ(match.route->method, route.method) << route.http_method << " " << path;
  }
}

TEST(RouteTableTest, TellsAMissingPathFromAMethodNotAllowed) {
  const RouteTable table = Api();
  EXPECT_EQ(table.Find("GET", "/v1/nothing").kind, RouteMatch::Kind::kNoSuchPath);
  const RouteMatch match = table.Find("DELETE", "/v1/agencies/TMD");
  EXPECT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_THAT(match.allowed_methods, ElementsAre("PATCH", "GET"));
}

TEST(RouteTableTest, BulkRoutesTakeTheWholeBody) {
  const RouteTable table = Api();
  const RouteMatch match = table.Find("POST", "/v1/people:bulkUpsert");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_TRUE(match.route->TakesStream());
  EXPECT_EQ(match.route->body, "*");
}

TEST(FillRequestTest, QueryParametersNameFieldsByPath) {
  const RouteTable table = Api();
  const RouteMatch match = table.Find("GET", "/v1/readiness:export");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  readiness_pb::ExportReadinessRequest request;
  const QueryParams query = {{"readiness.agency_code", "TMD"},
                             {"readiness.personnel_groups", "ACADEMIC"},
                             {"readiness.personnel_groups", "PERSONNEL_GROUP_SERVICE"},
                             {"readiness.as_of", "2026-11-30"},
                             {"readiness.fiscal_year", "2570"},
                             {"readiness.subtree", "true"},
                             {"language", "th"}};
  ASSERT_TRUE(FillRequest(*match.route, match.variables, query, "", request).ok());
  EXPECT_EQ(request.readiness().agency_code(), "TMD");
  EXPECT_THAT(request.readiness().personnel_groups(),
              ElementsAre(common::v1::PERSONNEL_GROUP_ACADEMIC, common::v1::PERSONNEL_GROUP_SERVICE));
  EXPECT_EQ(request.readiness().as_of().day(), 30);
  EXPECT_EQ(request.readiness().fiscal_year().be_year(), 2570);
  EXPECT_TRUE(request.readiness().subtree());
  EXPECT_EQ(request.language(), "th");
}

TEST(FillRequestTest, BadValuesNameTheirParameter) {
  const RouteTable table = Api();
  const RouteMatch match = table.Find("GET", "/v1/people");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  auto fill = [&](const QueryParams& query) {
    personnel_pb::ListPeopleRequest request;
    return FillRequest(*match.route, match.variables, query, "", request);
  };
  EXPECT_EQ(ViolationField(fill({{"page_size", "many"}})), "page_size");
  EXPECT_EQ(ViolationField(fill({{"personnel_group", "WIZARD"}})), "personnel_group");
  EXPECT_EQ(ViolationField(fill({{"no_such_field", "1"}})), "no_such_field");
  EXPECT_EQ(ViolationField(fill({{"", "1"}})), "query");
  EXPECT_EQ(ViolationField(fill({{"agency_code", std::string("\xff\xfe", 2)}})), "agency_code");
  EXPECT_TRUE(fill({{"agency_code", std::string(100000, 'x')}}).ok())
      << "lengths are the service's to check";
  personnel_pb::ListPeopleRequest request;
  absl::Status with_body = FillRequest(*match.route, match.variables, {}, "{}", request);
  EXPECT_EQ(ViolationField(with_body), "body");
}

TEST(FillRequestTest, BodiesFollowTheRouteAndRefuseUnknownFields) {
  const RouteTable table = Api();
  const RouteMatch create = table.Find("POST", "/v1/agencies");
  personnel_pb::CreateAgencyRequest request;
  ASSERT_TRUE(FillRequest(*create.route, create.variables, {},
                          R"({"code":"TMD","name":{"th":"กรมอุตุนิยมวิทยา"},"kind":"AGENCY_KIND_DEPARTMENT"})",
                          request)
                  .ok());
  EXPECT_EQ(request.agency().name().th(), "กรมอุตุนิยมวิทยา");
  EXPECT_EQ(request.agency().kind(), personnel_pb::AGENCY_KIND_DEPARTMENT);

  personnel_pb::CreateAgencyRequest unknown;
  absl::Status status = FillRequest(*create.route, create.variables, {}, R"({"colour":"red"})", unknown);
  EXPECT_EQ(ViolationField(status), "body");
  EXPECT_THAT(std::string(status.message()) + FieldViolationsOf(status)[0].description,
              HasSubstr("colour"));
  personnel_pb::CreateAgencyRequest empty;
  EXPECT_EQ(ViolationField(FillRequest(*create.route, create.variables, {}, " ", empty)), "body");

  // The path's variable wins over the body's value of the same field.
  const RouteMatch update = table.Find("PATCH", "/v1/agencies/TMD");
  personnel_pb::UpdateAgencyRequest patch;
  ASSERT_TRUE(FillRequest(*update.route, update.variables, {{"expected_version", "3"}},
                          R"({"code":"OTHER"})", patch)
                  .ok());
  EXPECT_EQ(patch.agency().code(), "TMD");
  EXPECT_EQ(patch.expected_version(), 3);

  const RouteMatch period = table.Find("POST", "/v1/agencies/TMD:setPeriod");
  personnel_pb::SetAgencyPeriodRequest set_period;
  EXPECT_EQ(ViolationField(FillRequest(*period.route, period.variables, {{"code", "X"}}, "{}",
                                       set_period)),
            "code")
      << "a route whose body is * takes no query";
}

TEST(ErrorJsonTest, CarriesTheStatusAndItsFieldViolations) {
  const std::string json = ErrorJson(InvalidField("agency.code", "is required"));
  gpb::Struct parsed;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(json, &parsed).ok()) << json;
  const gpb::Struct& error = parsed.fields().at("error").struct_value();
  EXPECT_EQ(error.fields().at("code").number_value(), 400);
  EXPECT_EQ(error.fields().at("status").string_value(), "INVALID_ARGUMENT");
  const gpb::Struct& detail = error.fields().at("details").list_value().values(0).struct_value();
  EXPECT_EQ(detail.fields().at("@type").string_value(), "type.googleapis.com/google.rpc.BadRequest");
  const gpb::Struct& violation =
      detail.fields().at("field_violations").list_value().values(0).struct_value();
  EXPECT_EQ(violation.fields().at("field").string_value(), "agency.code");
  EXPECT_EQ(violation.fields().at("description").string_value(), "is required");
}

TEST(ErrorJsonTest, HttpStatusesFollowTheGrpcCodes) {
  EXPECT_EQ(HttpStatusOf(0), 200);
  EXPECT_EQ(HttpStatusOf(3), 400);
  EXPECT_EQ(HttpStatusOf(5), 404);
  EXPECT_EQ(HttpStatusOf(6), 409);
  EXPECT_EQ(HttpStatusOf(7), 403);
  EXPECT_EQ(HttpStatusOf(8), 429);
  EXPECT_EQ(HttpStatusOf(9), 412);
  EXPECT_EQ(HttpStatusOf(10), 409);
  EXPECT_EQ(HttpStatusOf(13), 500);
  EXPECT_EQ(HttpStatusOf(14), 503);
  EXPECT_EQ(HttpStatusOf(16), 401);
}

// The records a bulk body of `content_type` makes, or the first error.
absl::StatusOr<std::vector<personnel_pb::PersonRecord>> Records(const std::string& content_type,
                                                                const std::string& body) {
  auto spool = Spool::Create();
  if (!spool.ok()) return spool.status();
  (*spool)->Append(body);
  ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> reader,
                   ReadRecords(content_type, **spool, *personnel_pb::PersonRecord::descriptor(), 1000));
  std::vector<personnel_pb::PersonRecord> records;
  personnel_pb::PersonRecord record;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader->Next(record));
    if (!more) return records;
    records.push_back(record);
  }
}

TEST(BulkBodyTest, NdjsonIsARecordPerLine) {
  auto records = Records("application/x-ndjson; charset=utf-8",
                         "{\"employee_number\":\"E1\",\"name\":{\"th\":\"สมชาย\"}}\r\n\n"
                         "{\"employeeNumber\":\"E2\"}");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].name().th(), "สมชาย");
  EXPECT_EQ((*records)[1].employee_number(), "E2");

  auto broken = Records("application/x-ndjson", "{\"employee_number\":\"E1\"}\n{\"employee_number\":");
  EXPECT_THAT(FieldViolationsOf(broken.status())[0].description, HasSubstr("line 2"));
  auto too_long = Records("application/x-ndjson", std::string(2000, ' ') + "{}");
  EXPECT_THAT(FieldViolationsOf(too_long.status())[0].description, HasSubstr("max_message_bytes"));
}

TEST(BulkBodyTest, CsvColumnsNameFieldsByPath) {
  auto records = Records(
      "text/csv",
      "employee_number,name.th,personnel_group,effective_from,secondary_groups\n"
      "E1,\"สมชาย, ใจดี\",ACADEMIC,2026-10-01,\"[{\"\"group\"\":\"\"PERSONNEL_GROUP_SERVICE\"\","
      "\"\"approved_by\"\":\"\"E9\"\"}]\"\n"
      "\n"
      "E2,,,,\n");
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].name().th(), "สมชาย, ใจดี");
  EXPECT_EQ((*records)[0].personnel_group(), common::v1::PERSONNEL_GROUP_ACADEMIC);
  EXPECT_EQ((*records)[0].effective_from().month(), 10);
  ASSERT_EQ((*records)[0].secondary_groups_size(), 1);
  EXPECT_EQ((*records)[0].secondary_groups(0).approved_by(), "E9");
  EXPECT_FALSE((*records)[1].has_name());

  auto bad_cell = Records("text/csv", "employee_number,personnel_group\nE1,ACADEMIC\nE2,WIZARD\n");
  ASSERT_FALSE(bad_cell.ok());
  EXPECT_EQ(FieldViolationsOf(bad_cell.status())[0].field, "personnel_group");
  EXPECT_THAT(FieldViolationsOf(bad_cell.status())[0].description, HasSubstr("line 3"));
  auto injected = Records("text/csv",
                          "employee_number,secondary_groups\n"
                          "E1,\"[], \"\"employee_number\"\": \"\"E2\"\"\"\n");
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(FieldViolationsOf(injected.status())[0].field, "secondary_groups")
      << "a cell's JSON sets its own field only";
  auto long_row = Records("text/csv", "employee_number\n\"" + std::string(5000, 'x') + "\n");
  ASSERT_FALSE(long_row.ok());
  EXPECT_THAT(FieldViolationsOf(long_row.status())[0].description, HasSubstr("longer than"));
  auto bad_column = Records("text/csv", "employee_number,shoe_size\nE1,42\n");
  EXPECT_THAT(FieldViolationsOf(bad_column.status())[0].description, HasSubstr("shoe_size"));
  EXPECT_FALSE(Records("text/csv", "").ok());
}

TEST(OpenApiTest, DescribesEveryRoute) {
  const RouteTable table = Api();
  gpb::Struct document;
  ASSERT_TRUE(gpb::util::JsonStringToMessage(OpenApiDocument(table), &document).ok());
  EXPECT_EQ(document.fields().at("openapi").string_value(), "3.0.3");
  const gpb::Struct& paths = document.fields().at("paths").struct_value();
  int operations = 0;
  for (const auto& [path, item] : paths.fields()) operations += item.struct_value().fields_size();
  EXPECT_EQ(operations, static_cast<int>(table.routes().size()));
  const gpb::Struct& agency = paths.fields().at("/v1/agencies/{code}").struct_value();
  EXPECT_EQ(agency.fields().at("get").struct_value().fields().at("operationId").string_value(),
            "PersonnelService_GetAgency");
  // PATCH sets agency.code from the path and takes expected_version from the query.
  std::set<std::string> patch_parameters;
  for (const gpb::Value& parameter :
       agency.fields().at("patch").struct_value().fields().at("parameters").list_value().values()) {
    patch_parameters.insert(parameter.struct_value().fields().at("name").string_value());
  }
  EXPECT_EQ(patch_parameters, (std::set<std::string>{"code", "expected_version"}));
  // One name per place in a path: no two paths differ only in their variables' names.
  std::set<std::string> shapes;
  for (const auto& [path, item] : paths.fields()) {
    std::string shape;
    bool in_variable = false;
    for (char c : path) {
      if (c == '{') in_variable = true, shape += "{}";
      if (!in_variable) shape += c;
      if (c == '}') in_variable = false;
    }
    EXPECT_TRUE(shapes.insert(shape).second) << path;
  }
  const gpb::Struct& schemas =
      document.fields().at("components").struct_value().fields().at("schemas").struct_value();
  EXPECT_TRUE(schemas.fields().contains("thaksa.personnel.v1.Agency"));
  EXPECT_TRUE(schemas.fields().contains("thaksa.common.v1.HttpError"));
}

TEST(SessionTest, TheSessionCookieIsFoundAmongOthersByItsWholeName) {
  httplib::Request request;
  request.headers.emplace("Cookie", "xthaksa_session=forged; thaksa_csrf=c1; thaksa_session=s1");
  EXPECT_EQ(CookieOf(request, kSessionCookie), "s1");
  EXPECT_EQ(CookieOf(request, kCsrfCookie), "c1");
  EXPECT_EQ(CookieOf(request, "other"), "");
  EXPECT_EQ(CookieOf(httplib::Request(), kSessionCookie), "");
}

TEST(SessionTest, ChangesNeedTheCsrfTokenOfTheirOwnSession) {
  EXPECT_EQ(CsrfTokenOf("thk_a"), CsrfTokenOf("thk_a"));
  EXPECT_NE(CsrfTokenOf("thk_a"), CsrfTokenOf("thk_b"));
  EXPECT_THAT(CsrfTokenOf("thk_a"), ::testing::Not(HasSubstr("thk_a")));
  for (const char* method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}) {
    httplib::Request request;
    request.method = method;
    const bool read = std::string(method) == "GET" || std::string(method) == "HEAD";
    EXPECT_EQ(CheckCsrf(request, "thk_a").ok(), read) << method;
    request.headers.emplace(kCsrfHeader, CsrfTokenOf("thk_b"));
    EXPECT_EQ(CheckCsrf(request, "thk_a").ok(), read) << method << " with another session's";
    request.headers.erase(kCsrfHeader);
    request.headers.emplace(kCsrfHeader, CsrfTokenOf("thk_a"));
    EXPECT_TRUE(CheckCsrf(request, "thk_a").ok()) << method;
  }
}

TEST(SessionTest, CookiesAreHttpOnlyStrictAndSecureOverHttps) {
  httplib::Response plain, secure, cleared;
  SetSessionCookies(plain, "thk_a", absl::Hours(8), /*secure=*/false);
  SetSessionCookies(secure, "thk_a", absl::Hours(8), /*secure=*/true);
  ClearSessionCookies(cleared, /*secure=*/true);
  auto cookies = [](const httplib::Response& response) {
    std::vector<std::string> all;
    for (auto [at, end] = response.headers.equal_range("Set-Cookie"); at != end; ++at) {
      all.push_back(at->second);
    }
    return all;
  };
  EXPECT_THAT(cookies(plain),
              ElementsAre("thaksa_session=thk_a; Path=/; Max-Age=28800; SameSite=Strict; HttpOnly",
                          absl::StrCat("thaksa_csrf=", CsrfTokenOf("thk_a"),
                                       "; Path=/; Max-Age=28800; SameSite=Strict")));
  for (const std::string& cookie : cookies(secure)) EXPECT_THAT(cookie, HasSubstr("; Secure"));
  EXPECT_THAT(cookies(cleared),
              ElementsAre("thaksa_session=; Path=/; Max-Age=0; SameSite=Strict; Secure; HttpOnly",
                          "thaksa_csrf=; Path=/; Max-Age=0; SameSite=Strict; Secure"));
}

}  // namespace
}  // namespace thaksa::http
