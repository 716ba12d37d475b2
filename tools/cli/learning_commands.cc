// thaksa institutes ..., courses ..., plans ..., completions ...
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "tools/cli/cli.h"
#include "tools/cli/completion_import.h"
#include "tools/cli/csv_fields.h"
#include "tools/cli/enum_names.h"
#include "tools/cli/plan_import.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::learning::v1;

std::unique_ptr<pb::LearningService::Stub> Stub(const Cli& cli) {
  return pb::LearningService::NewStub(cli.channel);
}

double Number(const std::string& text) {
  double value = 0;
  (void)absl::SimpleAtod(text, &value);
  return value;
}

int UpsertInstitute(const Cli& cli) {
  pb::Institute institute;
  institute.set_code(absl::GetFlag(FLAGS_code));
  institute.mutable_name()->set_th(absl::GetFlag(FLAGS_name_th));
  institute.mutable_name()->set_en(absl::GetFlag(FLAGS_name_en));
  institute.set_max_assessed_level(absl::GetFlag(FLAGS_max_level));
  pb::Institute stored;
  grpc::Status s = Stub(cli)->UpsertInstitute(NewContext(cli.options).get(), institute, &stored);
  if (!s.ok()) return Fail(s);
  std::cout << stored.code() << "\t" << stored.name().th() << "\tmax level "
            << stored.max_assessed_level() << "\n";
  return 0;
}

// Runs `row_call(header, row)` for every row of the CSV at `path`, printing its line.
int ForEachRow(const std::string& path,
               const std::function<std::string(const CsvHeader&, const std::vector<std::string>&)>&
                   row_call) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(absl::StrCat("cannot open ", path));
  CsvReader reader(file);
  absl::StatusOr<CsvHeader> header = ReadCsvHeader(reader);
  if (!header.ok()) return Fail(std::string(header.status().message()));
  std::vector<std::string> row;
  for (;;) {
    absl::StatusOr<bool> more = reader.Next(row);
    if (!more.ok()) return Fail(std::string(more.status().message()));
    if (!*more) return 0;
    std::cout << "line " << reader.line() << "\t" << row_call(*header, row) << "\n";
  }
}

int ImportCourses(const Cli& cli, const std::string& path) {
  auto stub = Stub(cli);
  return ForEachRow(path, [&](const CsvHeader& h, const std::vector<std::string>& row) {
    auto get = [&](absl::string_view column) { return h.Get(row, column); };
    pb::Course course;
    course.set_institute_code(get("institute_code"));
    course.set_code(get("code"));
    course.mutable_title()->set_th(get("title_th"));
    course.mutable_title()->set_en(get("title_en"));
    for (const std::string& s : CsvList(get("skill_sets"))) course.add_skill_set_codes(s);
    for (const std::string& u : CsvList(get("unit_codes"))) course.add_unit_codes(u);
    course.set_framework_code(get("framework_code"));
    course.set_evidenced_level(static_cast<int>(Number(get("evidenced_level"))));
    course.set_delivery(static_cast<pb::Delivery>(
        EnumValue(pb::Delivery_descriptor(), "DELIVERY_", get("delivery"))));
    course.set_total_hours(Number(get("total_hours")));
    course.set_min_duration_minutes(static_cast<int>(Number(get("min_duration_minutes"))));
    pb::ClassHours* hours = course.mutable_class_hours();
    hours->set_lecture(Number(get("lecture")));
    hours->set_discussion(Number(get("discussion")));
    hours->set_learning_by_doing(Number(get("learning_by_doing")));
    hours->set_case_study(Number(get("case_study")));
    hours->set_assignment(Number(get("assignment")));
    pb::Course stored;
    grpc::Status s = stub->UpsertCourse(NewContext(cli.options).get(), course, &stored);
    if (!s.ok()) return absl::StrCat(course.code(), "\tREJECTED\t", DescribeGrpcStatus(s));
    return absl::StrCat(stored.code(), "\tSTORED\t",
                        stored.compliant() ? "60/40 compliant"
                                           : "NON-COMPLIANT: " + stored.compliance_reason());
  });
}

int ShowPlan(const Cli& cli, const std::string& which) {
  pb::GetPlanRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("plans get: give a plan id");
  request.set_plan_id(id);
  pb::Plan plan;
  grpc::Status s = Stub(cli)->GetPlan(NewContext(cli.options).get(), request, &plan);
  if (!s.ok()) return Fail(s);
  std::cout << "plan " << plan.id() << "\tperson " << plan.person_id() << "\tFY"
            << plan.fiscal_year().be_year() << "\trevision " << plan.revision() << "\t"
            << EnumName(pb::PlanStatus_descriptor(), "PLAN_STATUS_", plan.status()) << "\n";
  const pb::Mix& p = plan.planned();
  const pb::Mix& a = plan.achieved();
  std::cout << absl::StrFormat(
      "planned 70:20:10 = %.0f:%.0f:%.0f (present %.0f %%)\tachieved hours %.0f / %.0f / %.0f\n",
      p.experiential_percent(), p.social_percent(), p.formal_percent(), p.present_percent(),
      a.experiential_hours(), a.social_hours(), a.formal_hours());
  for (const pb::PlanItem& item : plan.items()) {
    std::cout << "  " << item.id() << "\t"
              << EnumName(pb::LearningMode_descriptor(), "LEARNING_MODE_", item.mode()) << "\t"
              << item.planned_hours() << " h\t"
              << EnumName(pb::ItemStatus_descriptor(), "ITEM_STATUS_", item.status()) << "\t"
              << item.title();
    for (const std::string& code : item.behaviour_codes()) std::cout << "\t" << code;
    for (const std::string& code : item.unit_codes()) std::cout << "\t" << code;
    std::cout << "\n";
  }
  for (const pb::Violation& v : plan.violations()) {
    std::cout << "  ! " << v.rule() << ": " << v.reason() << "\n";
  }
  for (const pb::Violation& v : plan.warnings()) {
    std::cout << "  ? " << v.rule() << ": " << v.reason() << "\n";
  }
  return 0;
}

int Reviews(const Cli& cli) {
  pb::ListCompletionReviewsResponse response;
  grpc::Status s = Stub(cli)->ListCompletionReviews(NewContext(cli.options).get(),
                                                    pb::ListCompletionReviewsRequest(), &response);
  if (!s.ok()) return Fail(s);
  for (const pb::Completion& c : response.completions()) {
    std::cout << c.id() << "\t" << c.institute_code() << "\t" << c.record().record_id() << "\t"
              << EnumName(pb::ReviewState_descriptor(), "REVIEW_STATE_", c.state()) << "\t"
              << c.reason() << "\n";
  }
  return 0;
}

}  // namespace

int RunLearningCommand(const Cli& cli, const std::vector<std::string>& args) {
  const std::string group = args[0];
  const std::string verb = args.size() > 1 ? args[1] : "";
  if (group == "institutes" && verb == "upsert" && args.size() == 2) return UpsertInstitute(cli);
  if (group == "courses" && verb == "import" && args.size() == 3) return ImportCourses(cli, args[2]);
  if (group == "plans" && verb == "get" && args.size() == 3) return ShowPlan(cli, args[2]);
  if (group == "completions" && verb == "reviews" && args.size() == 2) return Reviews(cli);
  if (group == "plans" && verb == "import" && args.size() == 3) {
    auto stub = Stub(cli);
    return ImportFile(cli, args[2], [&](std::istream& in, const CallOptions& options) {
      return ImportPlans(*stub, in, std::cout, options);
    });
  }
  if (group == "completions" && verb == "import" && args.size() == 3) {
    auto stub = Stub(cli);
    return ImportFile(cli, args[2], [&](std::istream& in, const CallOptions& options) {
      return ImportCompletions(*stub, in, std::cout, options);
    });
  }
  return -1;
}

}  // namespace thaksa::cli
