// End-to-end tests of learning: the course catalogue and its 60/40 rule, plans through their
// workflow with violations and a waiver, bulk plan imports (through the stub and the CLI),
// completions from an institute with every kind of row, and a completion's assessed level
// reaching the person's skill profile through the outbox and the assessment service.
#include <limits>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "tools/cli/completion_import.h"
#include "tools/cli/framework_seed.h"
#include "tools/cli/plan_import.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"

namespace thaksa {
namespace {

namespace lpb = ::thaksa::learning::v1;
namespace apb = ::thaksa::assessment::v1;
namespace xpb = ::thaksa::access::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace rpb = ::thaksa::readiness::v1;
using cli::CallOptions;
using cli::NewContext;
using testing::BadFields;
using testing::DateOf;
using testing::kMorning;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LearningE2eTest : public ::testing::Test {
 protected:
  LearningE2eTest()
      : server_(testing::FreshDatabase()),
        learning_(lpb::LearningService::NewStub(server_.channel())),
        assessment_(apb::AssessmentService::NewStub(server_.channel())) {}

  void SetUp() override {
    auto personnel = ppb::PersonnelService::NewStub(server_.channel());
    testing::SetUpProgramme(server_, testing::kMinistryAndDepartment);
    for (int n = 1; n <= 3; ++n) {
      ppb::UpsertPersonRequest request;
      *request.mutable_person() = testing::PersonRecordOf(n, "TMD", "TMD", n == 1 ? "" : "E1");
      *request.mutable_person()->mutable_effective_from() = DateOf(2025, 10, 1);
      ppb::UpsertPersonResponse response;
      ASSERT_TRUE(personnel->UpsertPerson(NewContext(server_.admin()).get(), request, &response).ok());
      person_[n] = response.person().id();
    }
    lpb::Institute tdga;
    tdga.set_code("TDGA");
    tdga.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
    tdga.set_max_assessed_level(3);
    lpb::Institute stored;
    ASSERT_TRUE(learning_->UpsertInstitute(NewContext(server_.admin()).get(), tdga, &stored).ok());
    institute_ = Token(xpb::ROLE_TRAINING_INSTITUTE, "TDGA", 0);
    supervisor_ = Token(xpb::ROLE_SUPERVISOR, "", person_[1]);
    person2_ = Token(xpb::ROLE_PERSON, "", person_[2]);
    person3_ = Token(xpb::ROLE_PERSON, "", person_[3]);
    ASSERT_EQ(UpsertCourse("DL-101", {6, 3, 3, 0, 0}).compliant(), true);
  }

  CallOptions Token(xpb::Role role, const std::string& institute, int64_t person) {
    auto access = xpb::AccessService::NewStub(server_.channel());
    xpb::CreateTokenRequest request;
    request.mutable_token()->set_role(role);
    request.mutable_token()->set_institute_code(institute);
    request.mutable_token()->set_person_id(person);
    xpb::CreateTokenResponse response;
    EXPECT_TRUE(access->CreateToken(NewContext(server_.admin()).get(), request, &response).ok());
    return server_.As(response.token());
  }

  lpb::Course UpsertCourse(const std::string& code, std::vector<double> hours) {
    lpb::Course course;
    course.set_institute_code("TDGA");
    course.set_code(code);
    course.mutable_title()->set_th("การรู้ดิจิทัลสำหรับข้าราชการ");
    course.add_skill_set_codes("LITERACY");
    course.set_framework_code("CS-2018");
    course.set_evidenced_level(2);
    course.set_delivery(lpb::DELIVERY_IN_CLASS);
    course.set_total_hours(12);
    course.set_min_duration_minutes(300);
    lpb::ClassHours* h = course.mutable_class_hours();
    h->set_lecture(hours[0]);
    h->set_discussion(hours[1]);
    h->set_learning_by_doing(hours[2]);
    h->set_case_study(hours[3]);
    h->set_assignment(hours[4]);
    lpb::Course stored;
    grpc::Status status = learning_->UpsertCourse(NewContext(institute_).get(), course, &stored);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stored;
  }

  static lpb::PlanItem Item(const std::string& title, lpb::LearningMode mode, double hours,
                            lpb::Horizon horizon, std::vector<std::string> skill_sets) {
    lpb::PlanItem item;
    item.set_title(title);
    item.set_mode(mode);
    item.set_planned_hours(hours);
    item.set_horizon(horizon);
    for (const std::string& s : skill_sets) item.add_skill_set_codes(s);
    if (mode == lpb::LEARNING_MODE_FORMAL) {
      item.set_institute_code("TDGA");
      item.set_course_code("DL-101");
    }
    return item;
  }

  lpb::Plan NewPlan(const CallOptions& who, int64_t person) {
    lpb::CreatePlanRequest request;
    request.set_person_id(person);
    request.mutable_fiscal_year()->set_be_year(2570);
    lpb::Plan plan;
    grpc::Status status = learning_->CreatePlan(NewContext(who).get(), request, &plan);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return plan;
  }

  grpc::Status Add(const CallOptions& who, lpb::Plan& plan, const lpb::PlanItem& item) {
    lpb::AddPlanItemRequest request;
    request.set_plan_id(plan.id());
    *request.mutable_item() = item;
    request.set_expected_version(plan.version());
    return learning_->AddPlanItem(NewContext(who).get(), request, &plan);
  }

  grpc::Status Move(const CallOptions& who, lpb::Plan& plan, lpb::PlanStatus to,
                    const std::string& waiver = "") {
    lpb::TransitionPlanRequest request;
    request.set_plan_id(plan.id());
    request.set_to(to);
    request.set_waiver_reason(waiver);
    request.set_expected_version(plan.version());
    lpb::Plan moved;
    grpc::Status status = learning_->TransitionPlan(NewContext(who).get(), request, &moved);
    if (status.ok()) plan = moved;
    return status;
  }

  // Waits (up to 10 s) until readiness has taken in every change under `agency`.
  void AwaitReadiness(const std::string& agency) {
    auto readiness = rpb::ReadinessService::NewStub(server_.channel());
    for (absl::Time until = absl::Now() + absl::Seconds(10); absl::Now() < until;) {
      rpb::GetReadinessRequest fresh;
      fresh.set_agency_code(agency);
      rpb::Readiness r;
      if (readiness->GetReadiness(NewContext(server_.admin()).get(), fresh, &r).ok() &&
          r.pending_changes() == 0) {
        return;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
  }

  // A plan that keeps every rule: 70 (50 present + 20 future) : 20 : 10, both foundations.
  void FillGoodPlan(const CallOptions& who, lpb::Plan& plan) {
    ASSERT_TRUE(Add(who, plan, Item("โครงการระบบพยากรณ์", lpb::LEARNING_MODE_EXPERIENTIAL, 50,
                                    lpb::HORIZON_PRESENT, {"TECHNOLOGY"})).ok());
    ASSERT_TRUE(Add(who, plan, Item("หมุนเวียนงานธรรมาภิบาลข้อมูล", lpb::LEARNING_MODE_EXPERIENTIAL,
                                    20, lpb::HORIZON_FUTURE, {"GOVERNANCE"})).ok());
    ASSERT_TRUE(Add(who, plan, Item("พี่เลี้ยง", lpb::LEARNING_MODE_SOCIAL, 20,
                                    lpb::HORIZON_PRESENT, {"TECHNOLOGY"})).ok());
    ASSERT_TRUE(Add(who, plan, Item("หลักสูตร DL-101", lpb::LEARNING_MODE_FORMAL, 10,
                                    lpb::HORIZON_PRESENT, {"LITERACY"})).ok());
  }

  // Person 2's good plan (FillGoodPlan), submitted, approved by the supervisor and active.
  lpb::Plan ActiveGoodPlan() {
    lpb::Plan plan = NewPlan(person2_, person_[2]);
    FillGoodPlan(person2_, plan);
    EXPECT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_SUBMITTED).ok());
    EXPECT_TRUE(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED).ok());
    EXPECT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_ACTIVE).ok());
    return plan;
  }

  // GetLearningMix of `agency` for fiscal year `be_year`, as the admin.
  rpb::LearningMix LearningMix(const std::string& agency, int be_year) {
    auto readiness = rpb::ReadinessService::NewStub(server_.channel());
    rpb::GetLearningMixRequest request;
    request.set_agency_code(agency);
    request.mutable_fiscal_year()->set_be_year(be_year);
    rpb::LearningMix mix;
    const grpc::Status status =
        readiness->GetLearningMix(NewContext(server_.admin()).get(), request, &mix);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return mix;
  }

  lpb::CompletionRecord Completion(const std::string& id, int64_t person, int64_t start,
                                   int64_t seconds, double hours = 12) {
    lpb::CompletionRecord r;
    r.set_record_id(id);
    r.set_person_id(person);
    r.set_course_code("DL-101");
    r.set_started_at_unix(start);
    r.set_finished_at_unix(start + seconds);
    r.set_hours(hours);
    r.set_passed(true);
    return r;
  }

  std::vector<lpb::CompletionResult> Send(const std::vector<lpb::CompletionRecord>& records) {
    auto context = NewContext(institute_);
    auto stream = learning_->RecordCompletions(context.get());
    for (const auto& r : records) stream->Write(r);
    stream->WritesDone();
    std::vector<lpb::CompletionResult> results;
    lpb::CompletionResult result;
    while (stream->Read(&result)) results.push_back(result);
    grpc::Status status = stream->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return results;
  }

  // Streams `records` through BulkUpsertPlans as `who`; one answer per record, as "OUTCOME" or
  // "CODE on field", the results in `results`.
  std::vector<std::string> ImportPlans(const CallOptions& who,
                                       const std::vector<lpb::PlanRecord>& records,
                                       std::vector<lpb::BulkPlanResult>* results = nullptr) {
    auto context = NewContext(who);
    auto stream = learning_->BulkUpsertPlans(context.get());
    for (const lpb::PlanRecord& record : records) stream->Write(record);
    stream->WritesDone();
    std::vector<std::string> answers;
    lpb::BulkPlanResult result;
    while (stream->Read(&result)) {
      std::string answer = lpb::PlanImportOutcome_Name(result.outcome())
                               .substr(std::string("PLAN_IMPORT_OUTCOME_").size());
      if (result.errors_size() > 0) {
        answer = absl::StrCat(result.rejection(), " on ", result.errors(0).field());
      }
      answers.push_back(answer);
      if (results != nullptr) results->push_back(result);
    }
    grpc::Status status = stream->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return answers;
  }

  // Loads the shipped competency-unit catalogue and the annex's behaviours.
  void LoadAnnex() {
    std::ostringstream report;
    const std::string reference = std::string(THAKSA_SOURCE_DIR) + "/deploy/reference/";
    ASSERT_TRUE(cli::LoadCompetencyUnits(*assessment_, reference + "competency-units.csv", report,
                                         server_.admin())
                    .ok());
    ASSERT_TRUE(cli::LoadBehaviours(*assessment_, reference + "annex-behaviours.csv", report,
                                    server_.admin())
                    .ok());
  }

  testing::TestServer server_;
  std::unique_ptr<lpb::LearningService::Stub> learning_;
  std::unique_ptr<apb::AssessmentService::Stub> assessment_;
  std::map<int, int64_t> person_;
  CallOptions institute_, supervisor_, person2_, person3_;
};

TEST_F(LearningE2eTest, CatalogueFlagsLectureHeavyDesigns) {
  const lpb::Course heavy = UpsertCourse("LECT-1", {10, 1, 1, 0, 0});
  EXPECT_FALSE(heavy.compliant());
  EXPECT_THAT(heavy.compliance_reason(), HasSubstr("83 %"));
  lpb::ListCoursesRequest request;
  request.set_non_compliant_only(true);
  lpb::ListCoursesResponse response;
  ASSERT_TRUE(learning_->ListCourses(NewContext(person2_).get(), request, &response).ok());
  ASSERT_EQ(response.courses_size(), 1);
  EXPECT_EQ(response.courses(0).code(), "LECT-1");

  // Institutes and courses are upserted: sending them again replaces them in place.
  lpb::Institute tdga;
  tdga.set_code("TDGA");
  tdga.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
  tdga.set_max_assessed_level(2);
  lpb::Institute stored;
  ASSERT_TRUE(learning_->UpsertInstitute(NewContext(server_.admin()).get(), tdga, &stored).ok());
  EXPECT_TRUE(UpsertCourse("LECT-1", {6, 6, 0, 0, 0}).compliant());
}

TEST_F(LearningE2eTest, PlanLifecycleWithViolationsAndAWaiver) {
  lpb::Plan plan = NewPlan(person2_, person_[2]);
  EXPECT_EQ(plan.status(), lpb::PLAN_STATUS_DRAFT);
  lpb::PlanItem claimed = Item("หลักสูตรยาว", lpb::LEARNING_MODE_FORMAL, 50, lpb::HORIZON_PRESENT,
                               {"LITERACY"});
  claimed.set_status(lpb::ITEM_STATUS_DONE);
  claimed.set_achieved_hours(50);
  ASSERT_TRUE(Add(person2_, plan, claimed).ok());
  EXPECT_EQ(plan.items(0).status(), lpb::ITEM_STATUS_PLANNED) << "progress is read-only";
  EXPECT_EQ(plan.items(0).achieved_hours(), 0);
  EXPECT_EQ(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION) << "only a submitted plan is approved";
  EXPECT_EQ(Move(supervisor_, plan, lpb::PLAN_STATUS_SUBMITTED).error_code(),
            grpc::StatusCode::PERMISSION_DENIED) << "the person submits, the supervisor approves";
  // A plan that breaks the rules is submitted with its violations listed; the supervisor
  // returns it without a waiver.
  ASSERT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_SUBMITTED).ok());
  std::vector<std::string> rules;
  for (const lpb::Violation& v : plan.violations()) rules.push_back(v.rule());
  EXPECT_THAT(rules, ::testing::IsSupersetOf({"mix.experiential", "mix.social", "mix.formal",
                                              "foundation.GOVERNANCE"}));
  grpc::Status refused = Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("mix.formal"));
  EXPECT_EQ(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED, "   ").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT) << "a waiver needs a real reason";
  ASSERT_TRUE(Move(supervisor_, plan, lpb::PLAN_STATUS_DRAFT).ok());
  EXPECT_EQ(plan.status(), lpb::PLAN_STATUS_DRAFT);

  lpb::RemovePlanItemRequest remove;
  remove.set_plan_id(plan.id());
  remove.set_item_id(plan.items(0).id());
  remove.set_expected_version(plan.version());
  ASSERT_TRUE(learning_->RemovePlanItem(NewContext(person2_).get(), remove, &plan).ok());
  FillGoodPlan(person2_, plan);
  EXPECT_EQ(plan.violations_size(), 0);
  EXPECT_DOUBLE_EQ(plan.planned().experiential_percent(), 70);
  ASSERT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_SUBMITTED).ok());
  EXPECT_EQ(Move(person2_, plan, lpb::PLAN_STATUS_APPROVED).error_code(),
            grpc::StatusCode::PERMISSION_DENIED) << "nobody approves their own plan";
  ASSERT_TRUE(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED).ok());
  EXPECT_EQ(plan.status(), lpb::PLAN_STATUS_APPROVED);

  EXPECT_EQ(Add(person2_, plan, Item("เพิ่ม", lpb::LEARNING_MODE_SOCIAL, 5, lpb::HORIZON_PRESENT,
                                     {"TECHNOLOGY"})).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION) << "approved plans change by revision";
  lpb::RevisePlanRequest revise;
  revise.set_plan_id(plan.id());
  lpb::Plan revision;
  ASSERT_TRUE(learning_->RevisePlan(NewContext(person2_).get(), revise, &revision).ok());
  EXPECT_EQ(revision.revision(), 2);
  EXPECT_EQ(revision.status(), lpb::PLAN_STATUS_DRAFT);
  EXPECT_EQ(revision.items_size(), 4);

  // A plan that breaks the rules can still be approved, with the approver's reason on record.
  lpb::Plan other = NewPlan(supervisor_, person_[3]);
  ASSERT_TRUE(Add(supervisor_, other, Item("อบรม", lpb::LEARNING_MODE_FORMAL, 10,
                                           lpb::HORIZON_PRESENT, {"LITERACY", "GOVERNANCE"})).ok());
  ASSERT_TRUE(Move(person3_, other, lpb::PLAN_STATUS_SUBMITTED).ok());
  EXPECT_EQ(Move(supervisor_, other, lpb::PLAN_STATUS_APPROVED).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Move(supervisor_, other, lpb::PLAN_STATUS_APPROVED, "ปีแรกของโครงการ").ok());
  EXPECT_EQ(other.waiver_reason(), "ปีแรกของโครงการ");
  EXPECT_NE(other.approved_by_token_id(), 0);
}

TEST_F(LearningE2eTest, HostileValuesAreRefusedNamingTheFieldAndStoreNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::string long_thai;
  for (int i = 0; i < 256; ++i) long_thai += "ก";

  auto institute = [&](auto change) {
    lpb::Institute i;
    i.set_code("NIDA");
    i.mutable_name()->set_th("สถาบันบัณฑิตพัฒนบริหารศาสตร์");
    change(i);
    lpb::Institute stored;
    return learning_->UpsertInstitute(NewContext(server_.admin()).get(), i, &stored);
  };
  EXPECT_THAT(BadFields(institute([&](lpb::Institute& i) { i.mutable_name()->set_th(long_thai); })),
              ElementsAre("name.th"));
  EXPECT_THAT(BadFields(institute([&](lpb::Institute& i) { i.set_accreditation(std::string(256, 'a')); })),
              ElementsAre("accreditation"));
  for (const char* code : {" ", "%s%s%n", "A\nB", "รหัส"}) {
    EXPECT_THAT(BadFields(institute([&](lpb::Institute& i) { i.set_code(code); })), ElementsAre("code"))
        << code;
  }

  auto course = [&](auto change) {
    lpb::Course c = UpsertCourse("DL-102", {6, 3, 3, 0, 0});
    change(c);
    lpb::Course stored;
    return learning_->UpsertCourse(NewContext(institute_).get(), c, &stored);
  };
  EXPECT_THAT(BadFields(course([&](lpb::Course& c) { c.set_total_hours(nan); })),
              ElementsAre("total_hours"));
  EXPECT_THAT(BadFields(course([&](lpb::Course& c) { c.mutable_class_hours()->set_lecture(-inf); })),
              ElementsAre("class_hours.lecture"));
  EXPECT_THAT(BadFields(course([&](lpb::Course& c) { c.mutable_class_hours()->set_lecture(-1); })),
              ElementsAre("class_hours.lecture"));
  EXPECT_THAT(BadFields(course([&](lpb::Course& c) { c.set_evidenced_level(99); })),
              ElementsAre("evidenced_level"));
  const grpc::Status long_code = course([&](lpb::Course& c) { c.set_code(std::string(33, 'C')); });
  EXPECT_THAT(BadFields(long_code), ElementsAre("code"));
  EXPECT_THAT(long_code.error_message(), HasSubstr("too long"));

  lpb::Plan plan = NewPlan(person2_, person_[2]);
  auto add = [&](auto change) {
    lpb::PlanItem item = Item("โครงการ", lpb::LEARNING_MODE_EXPERIENTIAL, 10, lpb::HORIZON_PRESENT,
                              {"TECHNOLOGY"});
    change(item);
    return Add(person2_, plan, item);
  };
  EXPECT_THAT(BadFields(add([&](lpb::PlanItem& i) { i.set_planned_hours(nan); })),
              ElementsAre("item.planned_hours"));
  EXPECT_THAT(BadFields(add([&](lpb::PlanItem& i) { *i.mutable_due() = DateOf(2026, 2, 30); })),
              ElementsAre("item.due"));
  EXPECT_THAT(BadFields(add([&](lpb::PlanItem& i) { i.set_skill_set_codes(0, "NOPE"); })),
              ElementsAre("item.skill_set_codes[0]"));
  const grpc::Status long_title = add([&](lpb::PlanItem& i) { i.set_title(std::string(100000, 'x')); });
  EXPECT_THAT(BadFields(long_title), ElementsAre("item.title"));
  EXPECT_THAT(long_title.error_message(), HasSubstr("too long"));

  FillGoodPlan(person2_, plan);
  ASSERT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_SUBMITTED).ok());
  EXPECT_THAT(BadFields(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED, std::string(1001, 'w'))),
              ElementsAre("waiver_reason"));
  ASSERT_TRUE(Move(supervisor_, plan, lpb::PLAN_STATUS_APPROVED).ok());
  ASSERT_TRUE(Move(person2_, plan, lpb::PLAN_STATUS_ACTIVE).ok());
  for (double hours : {nan, 1e308, -1.0}) {
    lpb::CompletePlanItemRequest complete;
    complete.set_plan_id(plan.id());
    complete.set_item_id(plan.items(0).id());
    complete.set_achieved_hours(hours);
    complete.set_evidence("ระบบพยากรณ์ขึ้นใช้งานแล้ว");
    lpb::Plan after;
    EXPECT_THAT(BadFields(learning_->CompletePlanItem(NewContext(person2_).get(), complete, &after)),
                ElementsAre("achieved_hours")) << hours;
  }

  lpb::CompletionRecord nan_hours = Completion("h-1", person_[2], kMorning, 6 * 3600, nan);
  lpb::CompletionRecord future = Completion("h-2", person_[2], absl::ToUnixSeconds(testing::TestNow()) + 86400, 6 * 3600);
  lpb::CompletionRecord other_citizen = Completion("h-3", person_[2], kMorning, 6 * 3600);
  other_citizen.set_citizen_id(testing::CitizenId(3));
  lpb::CompletionRecord unknown_citizen = Completion("h-4", 0, kMorning, 6 * 3600);
  unknown_citizen.set_citizen_id(testing::CitizenId(77));
  lpb::CompletionRecord bad_checksum = Completion("h-5", 0, kMorning, 6 * 3600);
  bad_checksum.set_citizen_id("1234567890123");
  const auto results = Send({nan_hours, future, other_citizen, unknown_citizen, bad_checksum});
  ASSERT_EQ(results.size(), 5u);
  std::vector<std::string> fields;
  for (const lpb::CompletionResult& r : results) {
    EXPECT_EQ(r.outcome(), lpb::COMPLETION_OUTCOME_REJECTED) << r.record_id();
    fields.push_back(r.field());
  }
  EXPECT_THAT(fields, ElementsAre("hours", "finished_at_unix", "citizen_id", "citizen_id",
                                  "citizen_id"));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion"), 0);
}

TEST_F(LearningE2eTest, CompletionBatchGetsExactlyTheRightResultsAndReplaysChangeNothing) {
  lpb::CompletionRecord by_citizen = Completion("r-7", 0, kMorning, 6 * 3600);
  by_citizen.set_citizen_id(testing::CitizenId(1));
  lpb::CompletionRecord conflicting = Completion("r-1", person_[2], kMorning, 6 * 3600, 3);
  lpb::CompletionRecord unknown_course = Completion("r-5", person_[2], kMorning, 6 * 3600);
  unknown_course.set_course_code("NOPE");
  const std::vector<lpb::CompletionRecord> batch = {
      Completion("r-1", person_[2], kMorning, 6 * 3600),       // good
      Completion("r-1", person_[2], kMorning, 6 * 3600),       // duplicate
      conflicting,                                              // same id, other content
      Completion("r-4", 99999, kMorning, 6 * 3600),            // unknown person
      unknown_course,                                           // unknown course
      Completion("r-6", person_[3], kMorning, 20),             // 20 seconds
      by_citizen,                                               // good, by citizen ID
      Completion("r-8", person_[2], kMorning + 3600, 6 * 3600)  // overlaps r-1
  };
  auto outcomes = [](const std::vector<lpb::CompletionResult>& results) {
    std::vector<lpb::CompletionOutcome> out;
    for (const auto& r : results) out.push_back(r.outcome());
    return out;
  };
  const auto first = Send(batch);
  EXPECT_THAT(outcomes(first),
              ElementsAre(lpb::COMPLETION_OUTCOME_RECORDED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                          lpb::COMPLETION_OUTCOME_CONFLICT, lpb::COMPLETION_OUTCOME_REJECTED,
                          lpb::COMPLETION_OUTCOME_REJECTED, lpb::COMPLETION_OUTCOME_HELD,
                          lpb::COMPLETION_OUTCOME_RECORDED, lpb::COMPLETION_OUTCOME_HELD));
  EXPECT_EQ(first[3].field(), "person_id");
  EXPECT_EQ(first[4].field(), "course_code");
  EXPECT_THAT(first[5].reason(), HasSubstr("faster than"));
  EXPECT_THAT(first[7].reason(), HasSubstr("overlaps"));

  const int64_t stored = testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion");
  EXPECT_EQ(stored, 4);
  const auto second = Send(batch);
  EXPECT_THAT(outcomes(second),
              ElementsAre(lpb::COMPLETION_OUTCOME_UNCHANGED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                          lpb::COMPLETION_OUTCOME_CONFLICT, lpb::COMPLETION_OUTCOME_REJECTED,
                          lpb::COMPLETION_OUTCOME_REJECTED, lpb::COMPLETION_OUTCOME_UNCHANGED,
                          lpb::COMPLETION_OUTCOME_UNCHANGED, lpb::COMPLETION_OUTCOME_UNCHANGED));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion"), stored);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM completion_conflict"), 1);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT hours FROM completion WHERE record_id = 'r-1'"), 12)
      << "a conflict never overwrites";

  lpb::ListCompletionReviewsResponse reviews;
  ASSERT_TRUE(learning_->ListCompletionReviews(NewContext(server_.admin()).get(),
                                               lpb::ListCompletionReviewsRequest(), &reviews).ok());
  EXPECT_EQ(reviews.completions_size(), 3);  // two held, one conflict
  lpb::ReviewCompletionRequest release;
  release.set_completion_id(first[5].completion_id());
  release.set_release(true);
  lpb::Completion released;
  ASSERT_TRUE(learning_->ReviewCompletion(NewContext(server_.admin()).get(), release, &released).ok());
  EXPECT_EQ(released.state(), lpb::REVIEW_STATE_COUNTED);
}

TEST_F(LearningE2eTest, AnInstituteReadsItsCompletionByItsRecordId) {
  lpb::CompletionRecord by_citizen = Completion("r-9", 0, kMorning, 6 * 3600);
  by_citizen.set_citizen_id(testing::CitizenId(1));
  ASSERT_EQ(Send({by_citizen})[0].outcome(), lpb::COMPLETION_OUTCOME_RECORDED);

  lpb::GetCompletionRequest request;
  request.set_record_id("r-9");
  lpb::Completion completion;
  ASSERT_TRUE(learning_->GetCompletion(NewContext(institute_).get(), request, &completion).ok());
  EXPECT_EQ(completion.institute_code(), "TDGA");
  EXPECT_EQ(completion.state(), lpb::REVIEW_STATE_COUNTED);
  EXPECT_EQ(completion.record().person_id(), person_[1]) << "resolved from the citizen ID";
  EXPECT_EQ(completion.record().citizen_id(), "") << "never kept";
  EXPECT_EQ(completion.recorded_at_unix(), absl::ToUnixSeconds(testing::TestNow()));

  request.set_record_id("r-404");
  grpc::Status missing = learning_->GetCompletion(NewContext(institute_).get(), request, &completion);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(testing::BadFields(missing), ElementsAre("record_id"));

  request.set_record_id("r-9");
  request.set_institute_code("OTHER");
  EXPECT_EQ(learning_->GetCompletion(NewContext(institute_).get(), request, &completion).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  request.set_institute_code("TDGA");
  EXPECT_TRUE(learning_->GetCompletion(NewContext(server_.admin()).get(), request, &completion).ok());
  request.set_institute_code("");
  EXPECT_EQ(learning_->GetCompletion(NewContext(server_.admin()).get(), request, &completion).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "ADMIN names the institute";
}

TEST_F(LearningE2eTest, LearningMixOfAnAgencyCountsPlansHoursAndRules) {
  ActiveGoodPlan();
  lpb::Plan lopsided = NewPlan(supervisor_, person_[3]);
  ASSERT_TRUE(Add(supervisor_, lopsided, Item("อบรม", lpb::LEARNING_MODE_FORMAL, 10,
                                              lpb::HORIZON_PRESENT, {"LITERACY"})).ok());
  ASSERT_EQ(Send({Completion("m-1", person_[2], kMorning, 6 * 3600)})[0].outcome(),
            lpb::COMPLETION_OUTCOME_RECORDED);
  // The read model must know whom each plan belongs to (framework, foundation sets).
  AwaitReadiness("TMD");

  const rpb::LearningMix mix = LearningMix("TMD", 2570);
  EXPECT_EQ(mix.plans(), 2);
  EXPECT_EQ(mix.plans_meeting_mix(), 1);
  EXPECT_EQ(mix.plans_covering_foundation(), 1) << "the second plan leaves GOVERNANCE out";
  ASSERT_EQ(mix.by_status_size(), 2);
  EXPECT_EQ(mix.by_status(0).status(), "PLAN_STATUS_DRAFT");
  EXPECT_EQ(mix.by_status(1).status(), "PLAN_STATUS_ACTIVE");
  EXPECT_DOUBLE_EQ(mix.formal_hours(), 12);
  EXPECT_DOUBLE_EQ(mix.formal_percent(), 100);
}

TEST_F(LearningE2eTest, APlanIsHeldToTheLearningMixRuleOfItsPersonsFramework) {
  lpb::Plan plan = NewPlan(person2_, person_[2]);
  FillGoodPlan(person2_, plan);
  ASSERT_EQ(plan.violations_size(), 0) << "70:20:10 and 80:20 keep CS-2018's rule";

  // A version of the same skill sets whose rule is 60:25:15 within 5, 5 and 2 points, and 60:40
  // within 5; it leaves out the social tolerance, which stays the guideline's 10.
  apb::GetFrameworkRequest get;
  get.set_code("CS-2018");
  apb::Framework framework;
  ASSERT_TRUE(assessment_->GetFramework(NewContext(server_.admin()).get(), get, &framework).ok());
  EXPECT_DOUBLE_EQ(framework.learning_mix().formal_tolerance(), 5) << "the seeded rule is data";
  framework.set_code("CS-2018-MIX");
  apb::LearningMixPolicy* mix = framework.mutable_learning_mix();
  mix->Clear();
  mix->set_experiential_percent(60);
  mix->set_social_percent(25);
  mix->set_formal_percent(15);
  mix->set_experiential_tolerance(5);
  mix->set_formal_tolerance(2);
  mix->set_present_percent(60);
  mix->set_present_tolerance(5);

  // A rule that is no rule is refused naming the field, and nothing is stored.
  auto create = [&](const apb::Framework& definition) {
    apb::CreateFrameworkRequest request;
    *request.mutable_framework() = definition;
    apb::Framework created;
    return assessment_->CreateFramework(NewContext(server_.admin()).get(), request, &created);
  };
  apb::Framework hostile = framework;
  hostile.mutable_learning_mix()->set_social_percent(std::numeric_limits<double>::quiet_NaN());
  grpc::Status refused = create(hostile);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(refused), ElementsAre("framework.learning_mix.social_percent"));
  hostile.mutable_learning_mix()->clear_social_percent();
  refused = create(hostile);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(refused), ElementsAre("framework.learning_mix"));
  EXPECT_THAT(refused.error_message(), HasSubstr("must add up to 100, not 95"))
      << "a target left out is the guideline's 20";
  get.set_code("CS-2018-MIX");
  apb::Framework absent;
  EXPECT_EQ(assessment_->GetFramework(NewContext(server_.admin()).get(), get, &absent).error_code(),
            grpc::StatusCode::NOT_FOUND);

  ASSERT_TRUE(create(framework).ok());
  apb::SetFrameworkStatusRequest publish;
  publish.set_code("CS-2018-MIX");
  publish.set_status(apb::FRAMEWORK_STATUS_PUBLISHED);
  apb::Framework published;
  ASSERT_TRUE(
      assessment_->SetFrameworkStatus(NewContext(server_.admin()).get(), publish, &published).ok());
  apb::SetAgencyFrameworkRequest assign;
  assign.set_agency_code("TMD");
  assign.set_framework_code("CS-2018-MIX");
  *assign.mutable_effective_from() = DateOf(2026, 6, 1);
  apb::AgencyFramework chosen;
  ASSERT_TRUE(
      assessment_->SetAgencyFramework(NewContext(server_.admin()).get(), assign, &chosen).ok());

  // The person now follows it: the same plan breaks its rule, with its numbers.
  apb::GetSkillProfileRequest profile_request;
  profile_request.set_person_id(person_[2]);
  apb::SkillProfile profile;
  ASSERT_TRUE(assessment_
                  ->GetSkillProfile(NewContext(server_.admin()).get(), profile_request, &profile)
                  .ok());
  EXPECT_EQ(profile.framework_code(), "CS-2018-MIX");
  EXPECT_DOUBLE_EQ(profile.learning_mix().experiential_percent(), 60);
  EXPECT_FALSE(profile.learning_mix().has_social_tolerance()) << "as the framework gives it";
  lpb::GetPlanRequest read;
  read.set_plan_id(plan.id());
  ASSERT_TRUE(learning_->GetPlan(NewContext(person2_).get(), read, &plan).ok());
  std::vector<std::string> rules;
  for (const lpb::Violation& v : plan.violations()) rules.push_back(v.rule());
  EXPECT_THAT(rules, ElementsAre("mix.experiential", "mix.formal", "horizon"))
      << "70:20:10 and 80:20; social 20 lies within 25 +/- 10";
  ASSERT_EQ(plan.violations_size(), 3);
  EXPECT_EQ(plan.violations(0).reason(),
            "experiential learning is 70 % of planned hours; the framework asks for 60 % +/- 5 "
            "points");
  EXPECT_EQ(plan.violations(1).reason(),
            "formal training is 10 % of planned hours; the framework asks for 15 % +/- 2 points");
  EXPECT_EQ(plan.violations(2).reason(),
            "development for the present role is 80 % of planned hours; the framework asks for "
            "60 % +/- 5 points");

  // Readiness counts the plan against the same rule once it has taken the change in.
  AwaitReadiness("TMD");
  const rpb::LearningMix counted = LearningMix("TMD", 2570);
  EXPECT_EQ(counted.plans(), 1);
  EXPECT_EQ(counted.plans_meeting_mix(), 0);
}

TEST_F(LearningE2eTest, BulkPlansAreImportedRecordByRecordWithThePerPlanRules) {
  const CallOptions hr = testing::NewToken(server_, xpb::ROLE_HR_SYSTEM, "TMD");
  ppb::UpsertPersonRequest ministry;
  *ministry.mutable_person() = testing::PersonRecordOf(4, "MDES", "MDES");
  ppb::UpsertPersonResponse upserted;
  ASSERT_TRUE(ppb::PersonnelService::NewStub(server_.channel())
                  ->UpsertPerson(NewContext(server_.admin()).get(), ministry, &upserted)
                  .ok());
  const int64_t outside = upserted.person().id();

  lpb::PlanRecord with_course = testing::PlanRecordOf("แผนพัฒนา-นางสาวสมหญิง", person_[2]);
  with_course.mutable_items(3)->set_institute_code("TDGA");
  with_course.mutable_items(3)->set_course_code("DL-101");
  with_course.mutable_items(3)->set_evidence("หลักฐานการอบรม ณ สถาบัน");
  lpb::PlanRecord nan_hours = testing::PlanRecordOf("ชั่วโมงไม่ใช่ตัวเลข", person_[3]);
  nan_hours.mutable_items(1)->set_planned_hours(std::numeric_limits<double>::quiet_NaN());
  lpb::PlanRecord no_key = testing::PlanRecordOf("", person_[3]);
  lpb::PlanRecord cooking = testing::PlanRecordOf("ทักษะทำอาหาร", person_[3]);
  cooking.mutable_items(2)->set_skill_set_codes(0, "COOKING");
  lpb::PlanRecord lopsided = testing::PlanRecordOf("แผนเอียง", person_[3]);
  lopsided.mutable_items(0)->set_planned_hours(500);
  std::vector<lpb::BulkPlanResult> results;
  ASSERT_THAT(ImportPlans(hr, {testing::PlanRecordOf("แผนพัฒนา-นายสมชาย", person_[1]), with_course,
                               nan_hours, no_key, testing::PlanRecordOf("ไม่มีตัวตน", 987654),
                               testing::PlanRecordOf("นอกสังกัด", outside), cooking, lopsided},
                          &results),
              ElementsAre("CREATED", "CREATED", "INVALID_ARGUMENT on items[1].planned_hours",
                          "INVALID_ARGUMENT on external_id", "PERMISSION_DENIED on person_id",
                          "PERMISSION_DENIED on person_id",
                          "INVALID_ARGUMENT on items[2].skill_set_codes[0]", "CREATED"));
  for (size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i].index(), static_cast<int>(i));
  EXPECT_EQ(results[0].external_id(), "แผนพัฒนา-นายสมชาย");
  EXPECT_THAT(results[0].violations(), ::testing::IsEmpty());
  EXPECT_DOUBLE_EQ(results[0].planned().experiential_percent(), 70);
  ASSERT_GT(results[7].violations_size(), 0);
  EXPECT_EQ(results[7].violations(0).rule(), "mix.experiential");

  // Thai in every text field, as stored.
  lpb::GetPlanRequest get;
  get.set_plan_id(results[1].plan_id());
  lpb::Plan stored;
  ASSERT_TRUE(learning_->GetPlan(NewContext(hr).get(), get, &stored).ok());
  EXPECT_EQ(stored.status(), lpb::PLAN_STATUS_DRAFT);
  EXPECT_EQ(stored.version(), results[1].version());
  ASSERT_EQ(stored.items_size(), 4);
  EXPECT_EQ(stored.items(0).title(), "โครงการระบบพยากรณ์อากาศ");
  EXPECT_EQ(stored.items(3).course_code(), "DL-101");
  EXPECT_EQ(stored.items(3).evidence(), "หลักฐานการอบรม ณ สถาบัน");
  EXPECT_THAT(stored.violations(), ::testing::IsEmpty());

  // Replays, a change to a draft, a change to a submitted plan, a key of another person.
  lpb::Plan first;
  get.set_plan_id(results[0].plan_id());
  ASSERT_TRUE(learning_->GetPlan(NewContext(hr).get(), get, &first).ok());
  ASSERT_TRUE(Move(hr, first, lpb::PLAN_STATUS_SUBMITTED).ok());
  lpb::PlanRecord changed_submitted = testing::PlanRecordOf("แผนพัฒนา-นายสมชาย", person_[1]);
  changed_submitted.mutable_items(0)->set_title("โครงการใหม่");
  lpb::PlanRecord changed_draft = with_course;
  changed_draft.mutable_items(0)->set_planned_hours(45);
  std::vector<lpb::BulkPlanResult> again;
  EXPECT_THAT(ImportPlans(hr, {testing::PlanRecordOf("แผนพัฒนา-นายสมชาย", person_[1]),
                               changed_submitted, changed_draft,
                               testing::PlanRecordOf("แผนพัฒนา-นายสมชาย", person_[3])},
                          &again),
              ElementsAre("UNCHANGED", "FAILED_PRECONDITION on external_id", "UPDATED",
                          "ALREADY_EXISTS on external_id"));
  EXPECT_EQ(again[0].plan_id(), results[0].plan_id());
  EXPECT_EQ(again[2].plan_id(), results[1].plan_id());
  EXPECT_EQ(again[2].version(), results[1].version() + 1);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan"), 3);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan_item"), 12);
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM audit_event WHERE method LIKE"
                              " '%BulkUpsertPlans' AND outcome <> 'OK'"),
            7)
      << "every rejected record";

  // A person imports their own plan only, as they would create it.
  EXPECT_THAT(ImportPlans(person2_, {testing::PlanRecordOf("ของคนอื่น", person_[3])}),
              ElementsAre("PERMISSION_DENIED on person_id"));
}

TEST_F(LearningE2eTest, CompletionsImportFromCsvWithAReportLinePerRow) {
  std::ostringstream csv;
  csv << cli::kCompletionCsvHeader << "\n"
      << "csv-1," << person_[2] << ",,DL-101,2026-11-10 09:00,2026-11-10 16:00,12,true,85,2,\n"
      << "csv-2,," << testing::CitizenId(3) << ",DL-101,2026-11-11 09:00,2026-11-11 09:02,12,true,,,\n"
      << "csv-3," << person_[1] << ",,NOPE,2026-11-10 09:00,2026-11-10 16:00,12,true,,,\n";
  auto import = [&] {
    std::istringstream in(csv.str());
    std::ostringstream report;
    auto totals = cli::ImportCompletions(*learning_, in, report, institute_);
    EXPECT_TRUE(totals.ok()) << totals.status();
    return std::make_pair(totals.value_or(cli::ImportTotals()), report.str());
  };
  const auto [first, first_report] = import();
  EXPECT_EQ(first.created, 1) << first_report;
  EXPECT_EQ(first.updated, 1) << "held for review";
  EXPECT_EQ(first.rejected, 1);
  EXPECT_THAT(first_report, HasSubstr("line 3\tcsv-2\tHELD"));
  EXPECT_THAT(first_report, HasSubstr("line 4\tcsv-3\tREJECTED\tcourse_code:"));
  const auto [second, second_report] = import();
  EXPECT_EQ(second.unchanged, 2) << second_report;
  EXPECT_EQ(second.rejected, 1);
}

TEST_F(LearningE2eTest, PlansImportFromCsvWithAReportLinePerPlan) {
  std::ostringstream csv;
  csv << cli::kPlanCsvHeader << "\n"
      << "แผน-ก," << person_[2] << ",2570,โครงการระบบพยากรณ์,EXPERIENTIAL,50,PRESENT,LITERACY,,\n"
      << "แผน-ก," << person_[2] << ",2570,หมุนเวียนงาน,EXPERIENTIAL,20,FUTURE,GOVERNANCE,,\n"
      << "\n"
      << "แผน-ก," << person_[2] << ",2570,พี่เลี้ยง,SOCIAL,20,PRESENT,TECHNOLOGY,,\n"
      << "แผน-ก," << person_[2] << ",2570,หลักสูตร,FORMAL,10,PRESENT,LITERACY,TDGA,DL-101\n"
      << "แผน-ข," << person_[3] << ",2570,งานเร่งด่วน,EXPERIENTIAL,nan,PRESENT,LITERACY,,\n";
  auto import = [&] {
    std::istringstream in(csv.str());
    std::ostringstream report;
    auto totals = cli::ImportPlans(*learning_, in, report, server_.admin());
    EXPECT_TRUE(totals.ok()) << totals.status();
    return std::make_pair(totals.value_or(cli::ImportTotals()), report.str());
  };
  const auto [first, first_report] = import();
  EXPECT_EQ(first.rows, 2) << first_report;
  EXPECT_EQ(first.created, 1) << first_report;
  EXPECT_EQ(first.rejected, 1);
  EXPECT_THAT(first_report, HasSubstr("line 2\tแผน-ก\tCREATED\tid="));
  EXPECT_THAT(first_report, HasSubstr("line 7\tแผน-ข\tREJECTED\titems[0].planned_hours: "));
  EXPECT_THAT(first_report, HasSubstr("rows=2 created=1 updated=0 unchanged=0 rejected=1"));
  const auto [second, second_report] = import();
  EXPECT_EQ(second.unchanged, 1) << second_report;
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan_item"), 4);
}

TEST_F(LearningE2eTest, PlanItemsLinkToTheAnnexsGoalsAndAnItemLinkingToNoneIsWarnedOf) {
  ASSERT_NO_FATAL_FAILURE(LoadAnnex());
  std::ostringstream report;
  lpb::Plan plan = NewPlan(person2_, person_[2]);
  lpb::PlanItem linked = Item("โครงการระบบพยากรณ์", lpb::LEARNING_MODE_EXPERIENTIAL, 50,
                              lpb::HORIZON_PRESENT, {"TECHNOLOGY"});
  linked.add_behaviour_codes("T2E-TECH-1");
  linked.add_unit_codes("dt-300");
  ASSERT_TRUE(Add(person2_, plan, linked).ok());
  EXPECT_THAT(plan.items(0).behaviour_codes(), ElementsAre("T2E-TECH-1"));
  EXPECT_THAT(plan.items(0).unit_codes(), ElementsAre("DT300"));
  EXPECT_EQ(plan.warnings_size(), 0);
  ASSERT_TRUE(Add(person2_, plan, Item("พี่เลี้ยง", lpb::LEARNING_MODE_SOCIAL, 20,
                                       lpb::HORIZON_PRESENT, {"TECHNOLOGY"}))
                  .ok());
  ASSERT_EQ(plan.warnings_size(), 1);
  EXPECT_EQ(plan.warnings(0).rule(), "goal");
  EXPECT_THAT(plan.warnings(0).reason(), HasSubstr("item 2 (พี่เลี้ยง)"));

  // Hostile and unknown goals are refused naming the field; nothing is stored.
  auto refused = [&](const std::function<void(lpb::PlanItem&)>& change) {
    lpb::PlanItem item = linked;
    item.clear_behaviour_codes();
    item.clear_unit_codes();
    change(item);
    lpb::Plan unchanged = plan;
    const grpc::Status status = Add(person2_, unchanged, item);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    return std::make_pair(BadFields(status), status.error_message());
  };
  EXPECT_THAT(refused([](lpb::PlanItem& i) { i.add_behaviour_codes("พฤติกรรม"); }).first,
              ElementsAre("item.behaviour_codes[0]"));
  EXPECT_THAT(refused([](lpb::PlanItem& i) { i.add_unit_codes(std::string(100000, 'D')); }).first,
              ElementsAre("item.unit_codes[0]"));
  EXPECT_THAT(refused([](lpb::PlanItem& i) {
                for (int k = 0; k < 21; ++k) i.add_behaviour_codes(absl::StrCat("T1S1-EXEC-", k));
              }).first,
              ElementsAre("item.behaviour_codes"));
  EXPECT_THAT(refused([](lpb::PlanItem& i) {
                i.add_unit_codes("DL402");
                i.add_unit_codes("dl 402");
              }).first,
              ElementsAre("item.unit_codes[1]"));
  EXPECT_THAT(refused([](lpb::PlanItem& i) { i.add_behaviour_codes("T9X-EXEC-1"); }).first,
              ElementsAre("item.behaviour_codes[0]"));
  const auto unknown_unit = refused([](lpb::PlanItem& i) { i.add_unit_codes("DTr999"); });
  EXPECT_THAT(unknown_unit.first, ElementsAre("item.unit_codes[0]"));
  EXPECT_THAT(unknown_unit.second, HasSubstr("the nearest is DTr704"));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM plan_item"), 2);

  // A bulk import checks them too, and GetPlan shows the warnings.
  std::ostringstream csv;
  csv << cli::kPlanCsvHeader << "\n"
      << "แผน-เป้าหมาย," << person_[3]
      << ",2570,ระบบข้อมูล,EXPERIENTIAL,70,PRESENT,TECHNOLOGY,,,T2E-TECH-1,DT300\n"
      << "แผน-เป้าหมาย," << person_[3] << ",2570,พี่เลี้ยง,SOCIAL,30,PRESENT,TECHNOLOGY,,,,DT999\n";
  std::istringstream in(csv.str());
  auto totals = cli::ImportPlans(*learning_, in, report, server_.admin());
  ASSERT_TRUE(totals.ok()) << totals.status();
  EXPECT_EQ(totals->rejected, 1);
  EXPECT_THAT(report.str(), HasSubstr("items[1].unit_codes[0]: DT999 is no unit"));
  lpb::GetPlanRequest get;
  get.set_plan_id(plan.id());
  lpb::Plan read;
  ASSERT_TRUE(learning_->GetPlan(NewContext(person2_).get(), get, &read).ok());
  EXPECT_EQ(read.warnings_size(), 1);
}

TEST_F(LearningE2eTest, CountedCompletionCompletesThePlanItemAndSetsTheAssessedLevel) {
  lpb::Plan plan = ActiveGoodPlan();

  lpb::CompletionRecord passed = Completion("c-1", person_[2], kMorning, 6 * 3600);
  passed.set_assessed_level(4);  // the institute may set at most 3
  ASSERT_THAT(Send({passed})[0].outcome(), lpb::COMPLETION_OUTCOME_RECORDED);

  lpb::GetPlanRequest get;
  get.set_plan_id(plan.id());
  ASSERT_TRUE(learning_->GetPlan(NewContext(person2_).get(), get, &plan).ok());
  const lpb::PlanItem& formal = plan.items(3);
  EXPECT_EQ(formal.status(), lpb::ITEM_STATUS_DONE);
  EXPECT_DOUBLE_EQ(formal.achieved_hours(), 12);
  EXPECT_DOUBLE_EQ(plan.achieved().formal_hours(), 12);

  // The level goes to the assessment service through the outbox and its relay.
  ASSERT_TRUE(server_.RunTasksOnce().ok());
  apb::GetSkillProfileRequest request;
  request.set_person_id(person_[2]);
  apb::SkillProfile profile;
  ASSERT_TRUE(assessment_->GetSkillProfile(NewContext(server_.admin()).get(), request, &profile).ok());
  bool found = false;
  for (const auto& s : profile.standings()) {
    if (s.skill_set().code() != "LITERACY") continue;
    found = true;
    EXPECT_EQ(s.level(), 3);
    EXPECT_EQ(s.source(), apb::ASSESSMENT_SOURCE_INSTITUTE_EXAM);
  }
  EXPECT_TRUE(found);

  // Experiential items: reported by the person, confirmed by the supervisor.
  lpb::CompletePlanItemRequest report;
  report.set_plan_id(plan.id());
  report.set_item_id(plan.items(0).id());
  report.set_achieved_hours(48);
  report.set_evidence("ระบบพยากรณ์ขึ้นระบบจริงแล้ว");
  ASSERT_TRUE(learning_->CompletePlanItem(NewContext(person2_).get(), report, &plan).ok());
  EXPECT_EQ(plan.items(0).status(), lpb::ITEM_STATUS_REPORTED);
  lpb::ConfirmPlanItemRequest confirm;
  confirm.set_plan_id(plan.id());
  confirm.set_item_id(plan.items(0).id());
  EXPECT_EQ(learning_->ConfirmPlanItem(NewContext(person2_).get(), confirm, &plan).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(learning_->ConfirmPlanItem(NewContext(supervisor_).get(), confirm, &plan).ok());
  EXPECT_EQ(plan.items(0).status(), lpb::ITEM_STATUS_DONE);
  EXPECT_DOUBLE_EQ(plan.achieved().experiential_hours(), 48);
}

// Records an application at work as `who`, answering the stored one in `stored`.
grpc::Status RecordApplication(lpb::LearningService::Stub& learning, const CallOptions& who,
                               const lpb::WorkApplication& application,
                               lpb::WorkApplication* stored) {
  lpb::RecordApplicationRequest request;
  *request.mutable_application() = application;
  return learning.RecordApplication(NewContext(who).get(), request, stored);
}

lpb::WorkApplication ApplicationOf(int64_t completion_id, int64_t plan_item_id,
                                   const std::string& description) {
  lpb::WorkApplication a;
  a.set_completion_id(completion_id);
  a.set_plan_item_id(plan_item_id);
  a.set_description(description);
  a.set_evidence("https://intranet.tmd.go.th/forecast/2570");
  *a.mutable_applied_on() = DateOf(2026, 11, 20);
  return a;
}

TEST_F(LearningE2eTest, HowAnActivityWasAppliedAtWorkIsRecordedConfirmedAndCounted) {
  lpb::Plan plan = ActiveGoodPlan();
  const std::vector<lpb::CompletionResult> sent =
      Send({Completion("w-1", person_[2], kMorning, 6 * 3600)});
  ASSERT_EQ(sent[0].outcome(), lpb::COMPLETION_OUTCOME_RECORDED);
  const int64_t completion = sent[0].completion_id();

  // Hostile values name their field and store nothing.
  const auto refused = [&](lpb::WorkApplication application) {
    lpb::WorkApplication stored;
    const grpc::Status status = RecordApplication(*learning_, person2_, application, &stored);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    return BadFields(status);
  };
  const std::string thai = "นำแบบจำลองพยากรณ์ไปใช้ในงานประจำวัน";
  lpb::WorkApplication hostile = ApplicationOf(completion, 0, std::string(100000, 'x'));
  hostile.set_evidence(std::string(1001, 'e'));
  *hostile.mutable_applied_on() = DateOf(2099, 1, 1);
  EXPECT_THAT(refused(hostile), ::testing::UnorderedElementsAre("application.description",
                                                                "application.evidence",
                                                                "application.applied_on"));
  EXPECT_THAT(refused(ApplicationOf(completion, plan.items(0).id(), thai)),
              ElementsAre("application.plan_item_id"));
  EXPECT_THAT(refused(ApplicationOf(0, 0, " \t")),
              ::testing::UnorderedElementsAre("application.completion_id",
                                              "application.description"));
  lpb::WorkApplication stored;
  EXPECT_THAT(BadFields(RecordApplication(*learning_, server_.admin(),
                                          ApplicationOf(987654321, 0, thai), &stored)),
              ElementsAre("application.completion_id"));
  EXPECT_EQ(RecordApplication(*learning_, person2_, ApplicationOf(987654321, 0, thai), &stored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "to anyone but ADMIN, an unknown id is as one outside their scope";
  lpb::WorkApplication early = ApplicationOf(completion, 0, thai);
  *early.mutable_applied_on() = DateOf(2026, 11, 9);
  EXPECT_THAT(refused(early), ElementsAre("application.applied_on"))
      << "applied before the completion finished";
  EXPECT_EQ(RecordApplication(*learning_,
                              testing::NewToken(server_, xpb::ROLE_CIO_OFFICE, "TMD"),
                              ApplicationOf(completion, 0, thai), &stored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "the CIO office reads, it does not record";
  EXPECT_EQ(RecordApplication(*learning_, person2_, ApplicationOf(0, plan.items(0).id(), thai),
                              &stored)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "the experiential item is not done yet";
  EXPECT_EQ(RecordApplication(*learning_, person2_, ApplicationOf(0, plan.items(3).id(), thai),
                              &stored)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "a formal item applies through its completion";
  EXPECT_EQ(RecordApplication(*learning_, person3_, ApplicationOf(completion, 0, thai), &stored)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "another person's completion";

  // Eight identical calls at once store one application.
  std::vector<std::thread> callers;
  std::vector<lpb::WorkApplication> answers(8);
  std::vector<grpc::Status> statuses(8);
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&, i] {
      statuses[i] = RecordApplication(*learning_, person2_, ApplicationOf(completion, 0, thai),
                                      &answers[i]);
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(answers[i].id(), answers[0].id());
    EXPECT_EQ(answers[i].version(), 1);
  }
  const int64_t application = answers[0].id();
  EXPECT_EQ(answers[0].person_id(), person_[2]);
  EXPECT_EQ(answers[0].description(), thai);
  EXPECT_FALSE(answers[0].confirmed());

  // Changed before it is confirmed; the person may not confirm it, the supervisor does.
  const std::string changed = thai + " และอบรมเพื่อนร่วมงาน";
  ASSERT_TRUE(RecordApplication(*learning_, person2_, ApplicationOf(completion, 0, changed),
                                &stored).ok());
  EXPECT_EQ(stored.id(), application);
  EXPECT_EQ(stored.version(), 2);
  lpb::ConfirmApplicationRequest confirm;
  confirm.set_application_id(application);
  confirm.set_expected_version(2);
  EXPECT_EQ(learning_->ConfirmApplication(NewContext(person2_).get(), confirm, &stored).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  confirm.set_expected_version(1);
  EXPECT_EQ(
      learning_->ConfirmApplication(NewContext(supervisor_).get(), confirm, &stored).error_code(),
      grpc::StatusCode::ABORTED)
      << "the supervisor read the first text; the person changed it since";
  confirm.set_expected_version(2);
  ASSERT_TRUE(learning_->ConfirmApplication(NewContext(supervisor_).get(), confirm, &stored).ok());
  EXPECT_TRUE(stored.confirmed());
  EXPECT_GT(stored.confirmed_at_unix(), 0);
  ASSERT_TRUE(learning_->ConfirmApplication(NewContext(supervisor_).get(), confirm, &stored).ok());
  EXPECT_EQ(stored.version(), 3) << "confirming again changes nothing";
  EXPECT_EQ(RecordApplication(*learning_, person2_, ApplicationOf(completion, 0, thai), &stored)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "a confirmed application is final";

  // A social item done carries one too, which follows the item into a revision.
  lpb::CompletePlanItemRequest report;
  report.set_plan_id(plan.id());
  report.set_item_id(plan.items(2).id());
  report.set_achieved_hours(20);
  report.set_evidence("พี่เลี้ยงสอนงานครบ 10 ครั้ง");
  ASSERT_TRUE(learning_->CompletePlanItem(NewContext(person2_).get(), report, &plan).ok());
  lpb::ConfirmPlanItemRequest done;
  done.set_plan_id(plan.id());
  done.set_item_id(plan.items(2).id());
  ASSERT_TRUE(learning_->ConfirmPlanItem(NewContext(supervisor_).get(), done, &plan).ok());
  ASSERT_TRUE(RecordApplication(*learning_, person2_,
                                ApplicationOf(0, plan.items(2).id(), "สอนงานต่อให้น้องใหม่"),
                                &stored).ok());
  confirm.set_application_id(stored.id());
  confirm.set_expected_version(stored.version());
  const CallOptions hr = testing::NewToken(server_, xpb::ROLE_HR_SYSTEM, "TMD");
  ASSERT_TRUE(learning_->ConfirmApplication(NewContext(hr).get(), confirm, &stored).ok())
      << "HR confirms too";
  lpb::RevisePlanRequest revise;
  revise.set_plan_id(plan.id());
  lpb::Plan revised;
  ASSERT_TRUE(learning_->RevisePlan(NewContext(person2_).get(), revise, &revised).ok());
  lpb::ListApplicationsRequest list;
  list.set_person_id(person_[2]);
  lpb::ListApplicationsResponse listed;
  ASSERT_TRUE(learning_->ListApplications(NewContext(supervisor_).get(), list, &listed).ok());
  ASSERT_EQ(listed.applications_size(), 2);
  std::set<int64_t> items;
  for (const lpb::WorkApplication& a : listed.applications()) items.insert(a.plan_item_id());
  EXPECT_TRUE(items.count(revised.items(2).id())) << "moved to the revision's copy of the item";
  // In the new draft the item that carries it is not removed, and an edit keeps it attached.
  lpb::RemovePlanItemRequest remove;
  remove.set_plan_id(revised.id());
  remove.set_item_id(revised.items(2).id());
  remove.set_expected_version(revised.version());
  lpb::Plan edited;
  EXPECT_EQ(learning_->RemovePlanItem(NewContext(person2_).get(), remove, &edited).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  lpb::UpdatePlanItemRequest update;
  update.set_plan_id(revised.id());
  *update.mutable_item() = revised.items(2);
  update.mutable_item()->set_title("พี่เลี้ยงและชุมชนนักปฏิบัติ");
  update.set_expected_version(revised.version());
  lpb::UpdatePlanItemRequest to_formal = update;
  to_formal.mutable_item()->set_mode(lpb::LEARNING_MODE_FORMAL);
  const grpc::Status formal =
      learning_->UpdatePlanItem(NewContext(person2_).get(), to_formal, &edited);
  EXPECT_EQ(formal.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(BadFields(formal), ElementsAre("item.mode")) << "an application is not a course's";
  ASSERT_TRUE(learning_->UpdatePlanItem(NewContext(person2_).get(), update, &edited).ok());
  ASSERT_TRUE(learning_->ListApplications(NewContext(supervisor_).get(), list, &listed).ok());
  items.clear();
  for (const lpb::WorkApplication& a : listed.applications()) items.insert(a.plan_item_id());
  EXPECT_TRUE(items.count(edited.items(edited.items_size() - 1).id()))
      << "the edited item's application follows it";
  EXPECT_EQ(learning_->ListApplications(NewContext(person3_).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Readiness counts the completion and the revision's done social item (not the formal item,
  // done by the same completion), both applied: through the moved application for the item.
  AwaitReadiness("TMD");
  const rpb::LearningMix mix = LearningMix("TMD", 2570);
  EXPECT_EQ(mix.activities_completed(), 2);
  EXPECT_EQ(mix.activities_applied(), 2);
  EXPECT_DOUBLE_EQ(mix.applied_percent(), 100);
  EXPECT_EQ(LearningMix("TMD", 2569).activities_completed(), 0)
      << "nothing was completed in the year before";
  // A completion finished at 00:30 on 1 October in Thailand (17:30 UTC the day before) is of the
  // new fiscal year.
  const int64_t first_of_october = 1790789400;  // 2026-09-30T17:30:00Z
  ASSERT_EQ(Send({Completion("w-2", person_[3], first_of_october - 6 * 3600, 6 * 3600)})[0]
                .outcome(),
            lpb::COMPLETION_OUTCOME_RECORDED);
  EXPECT_EQ(LearningMix("TMD", 2570).activities_completed(), 3);
  EXPECT_EQ(LearningMix("TMD", 2569).activities_completed(), 0);
}

TEST_F(LearningE2eTest, TheBehaviourChecklistShowsEachExpectedBehavioursStateAndEvidence) {
  ASSERT_NO_FATAL_FAILURE(LoadAnnex());
  // Person 2, a technology specialist of TMD (MDES is DEVELOPING): an assessment of DL204 (an
  // element of it, DL204.2, tags T1S2-TECH-1), a plan item linked to T2D-TECH-1, and a completed
  // course of DT300 whose application at work the supervisor confirmed.
  apb::RecordAssessmentRequest assess;
  *assess.mutable_assessment() = testing::AssessmentRecordOf(
      person_[2], "LITERACY", 2, apb::ASSESSMENT_SOURCE_SUPERVISOR, DateOf(2026, 11, 1));
  assess.mutable_assessment()->add_unit_codes("DL204");
  apb::RecordAssessmentResponse assessed;
  const grpc::Status recorded =
      assessment_->RecordAssessment(NewContext(supervisor_).get(), assess, &assessed);
  ASSERT_TRUE(recorded.ok()) << recorded.error_message();
  lpb::Plan plan = NewPlan(person2_, person_[2]);
  lpb::PlanItem linked = Item("เชื่อมโยงข้อมูลพยากรณ์กับหน่วยงานอื่น", lpb::LEARNING_MODE_EXPERIENTIAL,
                              70, lpb::HORIZON_PRESENT, {"TECHNOLOGY"});
  linked.add_behaviour_codes("T2D-TECH-1");
  ASSERT_TRUE(Add(person2_, plan, linked).ok());
  lpb::Course course = UpsertCourse("DT-300", {6, 3, 3, 0, 0});
  course.add_unit_codes("DT300");
  course.mutable_title()->set_th("การออกแบบระบบคลาวด์");
  ASSERT_TRUE(learning_->UpsertCourse(NewContext(institute_).get(), course, &course).ok());
  lpb::CompletionRecord finished = Completion("dt-1", person_[2], kMorning, 6 * 3600);
  finished.set_course_code("DT-300");
  const std::vector<lpb::CompletionResult> sent = Send({finished});
  ASSERT_EQ(sent[0].outcome(), lpb::COMPLETION_OUTCOME_RECORDED);
  lpb::WorkApplication applied;
  ASSERT_TRUE(RecordApplication(*learning_, person2_,
                                ApplicationOf(sent[0].completion_id(), 0, "ย้ายระบบพยากรณ์ขึ้นคลาวด์"),
                                &applied)
                  .ok());

  const auto checklist = [&](const CallOptions& who, apb::BehaviourChecklist* answer,
                             const common::v1::Date* as_of = nullptr) {
    apb::GetBehaviourChecklistRequest request;
    request.set_person_id(person_[2]);
    if (as_of != nullptr) *request.mutable_as_of() = *as_of;
    return assessment_->GetBehaviourChecklist(NewContext(who).get(), request, answer);
  };
  const auto state_of = [](const apb::BehaviourChecklist& answer, const std::string& code) {
    for (const apb::CheckedBehaviour& b : answer.behaviours()) {
      if (b.behaviour().code() == code) return b;
    }
    return apb::CheckedBehaviour();
  };
  apb::BehaviourChecklist before;
  ASSERT_TRUE(checklist(person2_, &before).ok());
  EXPECT_EQ(before.personnel_group(), common::v1::PERSONNEL_GROUP_TECHNOLOGY);
  EXPECT_EQ(before.period(), common::v1::PERIOD_DEVELOPING);
  EXPECT_EQ(before.behaviours_size(), 15) << "the annex's TECHNOLOGY behaviours of DEVELOPING";
  EXPECT_EQ(before.shown() + before.in_progress() + before.not_started(), 15);
  for (const apb::CheckedBehaviour& b : before.behaviours()) {
    EXPECT_EQ(b.behaviour().personnel_group(), common::v1::PERSONNEL_GROUP_TECHNOLOGY);
    EXPECT_EQ(b.behaviour().period(), common::v1::PERIOD_DEVELOPING);
  }
  const apb::CheckedBehaviour by_assessment = state_of(before, "T1S2-TECH-1");
  EXPECT_EQ(by_assessment.state(), apb::BEHAVIOUR_STATE_SHOWN);
  ASSERT_EQ(by_assessment.evidence_size(), 1);
  EXPECT_EQ(by_assessment.evidence(0).kind(), apb::EVIDENCE_KIND_ASSESSMENT);
  EXPECT_EQ(by_assessment.evidence(0).id(), assessed.assessment().id());
  EXPECT_THAT(by_assessment.evidence(0).matched_codes(), ElementsAre("DL204.2"));
  const apb::CheckedBehaviour by_item = state_of(before, "T2D-TECH-1");
  EXPECT_EQ(by_item.state(), apb::BEHAVIOUR_STATE_IN_PROGRESS);
  ASSERT_EQ(by_item.evidence_size(), 1);
  EXPECT_EQ(by_item.evidence(0).kind(), apb::EVIDENCE_KIND_PLAN_ITEM);
  EXPECT_EQ(by_item.evidence(0).id(), plan.items(0).id());
  EXPECT_EQ(by_item.evidence(0).title(), "เชื่อมโยงข้อมูลพยากรณ์กับหน่วยงานอื่น");
  const apb::CheckedBehaviour by_course = state_of(before, "T1S2-TECH-2");
  EXPECT_EQ(by_course.state(), apb::BEHAVIOUR_STATE_IN_PROGRESS)
      << "completed, its application not yet confirmed";
  ASSERT_EQ(by_course.evidence_size(), 1);
  EXPECT_EQ(by_course.evidence(0).kind(), apb::EVIDENCE_KIND_COMPLETION);
  EXPECT_EQ(by_course.evidence(0).title(), "การออกแบบระบบคลาวด์");
  EXPECT_TRUE(by_course.evidence(0).application_recorded());
  EXPECT_EQ(state_of(before, "T2D-TECH-3").state(), apb::BEHAVIOUR_STATE_NOT_STARTED);

  lpb::ConfirmApplicationRequest confirm;
  confirm.set_application_id(applied.id());
  confirm.set_expected_version(applied.version());
  ASSERT_TRUE(learning_->ConfirmApplication(NewContext(supervisor_).get(), confirm, &applied).ok());
  apb::BehaviourChecklist after;
  ASSERT_TRUE(checklist(supervisor_, &after).ok()) << "the supervisor reads it too";
  EXPECT_EQ(state_of(after, "T1S2-TECH-2").state(), apb::BEHAVIOUR_STATE_SHOWN);
  EXPECT_EQ(state_of(after, "T3C-TECH-1").state(), apb::BEHAVIOUR_STATE_SHOWN) << "DT300 too";
  EXPECT_GE(after.shown() - before.shown(), 3) << "T1S2-TECH-2, T3C-TECH-1, T5I-TECH-3";
  EXPECT_EQ(after.shown() - before.shown(), before.in_progress() - after.in_progress())
      << "each behaviour of DT300 moved from in progress to shown";

  // Others' checklists are personal data; bad days and days without a declared period refused.
  apb::BehaviourChecklist refused;
  EXPECT_EQ(checklist(person3_, &refused).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  const common::v1::Date impossible = DateOf(2026, 2, 30);
  EXPECT_THAT(BadFields(checklist(server_.admin(), &refused, &impossible)), ElementsAre("as_of"));
  const common::v1::Date last_year = DateOf(2025, 11, 1);
  EXPECT_EQ(checklist(server_.admin(), &refused, &last_year).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION)
      << "MDES declared its period for FY2570 only";
  apb::BehaviourChecklist by_cio;
  ASSERT_TRUE(checklist(testing::NewToken(server_, xpb::ROLE_CIO_OFFICE, "TMD"), &by_cio).ok());
  EXPECT_EQ(by_cio.shown(), after.shown());
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              absl::StrCat("SELECT COUNT(*) FROM audit_event WHERE method LIKE"
                                           " '%GetBehaviourChecklist' AND outcome = 'OK'"
                                           " AND entity_type = 'person' AND entity_id = '",
                                           person_[2], "'")),
            1)
      << "the CIO office's read of personal data is in the audit trail";
}

}  // namespace
}  // namespace thaksa
