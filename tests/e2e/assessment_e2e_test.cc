// End-to-end tests of frameworks, assessments and skill profiles through the API, with the
// shipped frameworks loaded by the same seed step tools/run uses.
#include <map>
#include <set>
#include <optional>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/programme.h"
#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/assessment_import.h"
#include "tools/cli/framework_seed.h"

namespace thaksa {
namespace {

namespace pb = ::thaksa::assessment::v1;
namespace ppb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::access::v1;
using cli::CallOptions;
using cli::NewContext;
using testing::DateOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kAgencies[] =
    "code,name_th,kind,parent_code,fiscal_year,period,officer_name,officer_role\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,MINISTRY,,2570,DEVELOPING,นายสมชาย ใจดี,CIO\n"
    "TMD,กรมอุตุนิยมวิทยา,DEPARTMENT,MDES,,\n"
    "TMD-IT,ศูนย์ดิจิทัลอุตุนิยมวิทยา,DIVISION,TMD,,\n"
    "NSO,สำนักงานสถิติแห่งชาติ,DEPARTMENT,MDES,2570,EARLY,นางสาวศิริพร วงศ์ไทย,HEAD\n";

class AssessmentE2eTest : public ::testing::Test {
 protected:
  AssessmentE2eTest()
      : server_(testing::FreshDatabase()),
        personnel_(ppb::PersonnelService::NewStub(server_.channel())),
        assessment_(pb::AssessmentService::NewStub(server_.channel())),
        access_(apb::AccessService::NewStub(server_.channel())) {}

  void SetUp() override {
    testing::SetUpProgramme(server_, kAgencies);
    e1_ = Upsert(testing::PersonRecordOf(1, "TMD", "TMD-IT"));
    e2_ = Upsert(testing::PersonRecordOf(2, "TMD", "TMD-IT", "E1"));
    e3_ = Upsert(testing::PersonRecordOf(3, "NSO", "NSO"));
    ASSERT_TRUE(e1_ && e2_ && e3_);
    supervisor_e1_ = Token(apb::ROLE_SUPERVISOR, "", e1_);
    person_e2_ = Token(apb::ROLE_PERSON, "", e2_);
    institute_ = Token(apb::ROLE_TRAINING_INSTITUTE, "TDGA", 0);
  }

  int64_t Upsert(ppb::PersonRecord record, common::v1::Date from = DateOf(2025, 10, 1)) {
    *record.mutable_effective_from() = from;
    ppb::UpsertPersonRequest request;
    *request.mutable_person() = record;
    ppb::UpsertPersonResponse response;
    grpc::Status status =
        personnel_->UpsertPerson(NewContext(server_.admin()).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.person().id();
  }

  void Assign(const std::string& agency, const std::string& framework) {
    pb::SetAgencyFrameworkRequest request;
    request.set_agency_code(agency);
    request.set_framework_code(framework);
    *request.mutable_effective_from() = DateOf(2025, 10, 1);
    pb::AgencyFramework response;
    grpc::Status status =
        assessment_->SetAgencyFramework(NewContext(server_.admin()).get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  CallOptions Token(apb::Role role, const std::string& institute, int64_t person) {
    apb::CreateTokenRequest request;
    request.mutable_token()->set_role(role);
    request.mutable_token()->set_institute_code(institute);
    request.mutable_token()->set_person_id(person);
    apb::CreateTokenResponse response;
    EXPECT_TRUE(access_->CreateToken(NewContext(server_.admin()).get(), request, &response).ok());
    return server_.As(response.token());
  }

  static pb::AssessmentRecord Record(int64_t person, const std::string& skill_set, int level,
                                     pb::AssessmentSource source, common::v1::Date on) {
    return testing::AssessmentRecordOf(person, skill_set, level, source, on);
  }

  grpc::Status RecordAs(const CallOptions& who, const pb::AssessmentRecord& record,
                        pb::RecordAssessmentResponse* response = nullptr) {
    pb::RecordAssessmentRequest request;
    *request.mutable_assessment() = record;
    pb::RecordAssessmentResponse ignored;
    return assessment_->RecordAssessment(NewContext(who).get(), request,
                                         response != nullptr ? response : &ignored);
  }

  // The profile of `person` as the admin sees it, on `as_of` (today when absent).
  pb::SkillProfile Profile(int64_t person, std::optional<common::v1::Date> as_of = std::nullopt) {
    pb::GetSkillProfileRequest request;
    request.set_person_id(person);
    if (as_of.has_value()) *request.mutable_as_of() = *as_of;
    pb::SkillProfile profile;
    grpc::Status status =
        assessment_->GetSkillProfile(NewContext(server_.admin()).get(), request, &profile);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return profile;
  }

  // The standing of `skill_set` in the profile of `person` (as the admin sees it).
  pb::SkillStanding Standing(int64_t person, const std::string& skill_set,
                             pb::SkillProfile* profile_out = nullptr) {
    const pb::SkillProfile profile = Profile(person);
    if (profile_out != nullptr) *profile_out = profile;
    for (const auto& s : profile.standings()) {
      if (s.skill_set().code() == skill_set) return s;
    }
    return pb::SkillStanding();
  }

  testing::TestServer server_;
  std::unique_ptr<ppb::PersonnelService::Stub> personnel_;
  std::unique_ptr<pb::AssessmentService::Stub> assessment_;
  std::unique_ptr<apb::AccessService::Stub> access_;
  int64_t e1_ = 0, e2_ = 0, e3_ = 0;
  CallOptions supervisor_e1_, person_e2_, institute_;
};

TEST_F(AssessmentE2eTest, APersonIsMeasuredInEveryGroupTheyServeIn) {
  // E4 reports to E2, who reports to E1: E1 approves E4's further group.
  ppb::PersonRecord record = testing::PersonRecordOf(4, "TMD", "TMD-IT", "E2");
  ppb::SecondaryGroup* further = record.add_secondary_groups();
  further->set_group(common::v1::PERSONNEL_GROUP_EXECUTIVE);
  further->set_approved_by("E1");
  *further->mutable_approved_on() = DateOf(2026, 1, 15);
  const int64_t e4 = Upsert(record);
  ASSERT_GT(e4, 0);
  EXPECT_EQ(Profile(e4).further_groups_size(), 0) << "only when asked for";
  pb::GetSkillProfileRequest request;
  request.set_person_id(e4);
  request.set_include_further_groups(true);
  pb::SkillProfile profile;
  ASSERT_TRUE(
      assessment_->GetSkillProfile(NewContext(server_.admin()).get(), request, &profile).ok());
  EXPECT_EQ(profile.personnel_group(), common::v1::PERSONNEL_GROUP_TECHNOLOGY);
  ASSERT_EQ(profile.further_groups_size(), 1);
  const pb::SkillProfile& executive = profile.further_groups(0);
  EXPECT_EQ(executive.personnel_group(), common::v1::PERSONNEL_GROUP_EXECUTIVE);
  EXPECT_EQ(executive.framework_code(), profile.framework_code());
  std::vector<std::string> sets, executive_sets;
  for (const pb::SkillStanding& s : profile.standings()) sets.push_back(s.skill_set().code());
  for (const pb::SkillStanding& s : executive.standings()) {
    executive_sets.push_back(s.skill_set().code());
  }
  EXPECT_NE(executive_sets, sets) << "each group's own skill sets and targets";
  EXPECT_THAT(executive_sets, ::testing::Contains("LEADERSHIP"));

  pb::GetSkillProfilesRequest many;
  many.add_person_ids(e4);
  many.add_person_ids(e1_);
  many.set_include_further_groups(true);
  *many.mutable_as_of() = DateOf(2026, 1, 14);
  pb::GetSkillProfilesResponse answered;
  ASSERT_TRUE(
      assessment_->GetSkillProfiles(NewContext(server_.admin()).get(), many, &answered).ok());
  ASSERT_EQ(answered.profiles_size(), 2);
  EXPECT_EQ(answered.profiles(0).profile().further_groups_size(), 0)
      << "approved on 15 January 2026: not held the day before";
  *many.mutable_as_of() = DateOf(2026, 1, 15);
  ASSERT_TRUE(
      assessment_->GetSkillProfiles(NewContext(server_.admin()).get(), many, &answered).ok());
  EXPECT_EQ(answered.profiles(0).profile().further_groups_size(), 1);
  EXPECT_EQ(answered.profiles(1).profile().further_groups_size(), 0);
}

TEST_F(AssessmentE2eTest, ProfileFollowsThePrecedencePolicy) {
  pb::SkillProfile profile;
  pb::SkillStanding literacy = Standing(e2_, "LITERACY", &profile);
  EXPECT_EQ(profile.framework_code(), "CS-2018");
  EXPECT_TRUE(profile.provisional());
  EXPECT_EQ(profile.present_period(), common::v1::PERIOD_DEVELOPING) << "inherited from MDES";
  EXPECT_EQ(profile.future_period(), common::v1::PERIOD_MATURING);
  EXPECT_EQ(literacy.status(), pb::STANDING_STATUS_NOT_ASSESSED);
  EXPECT_EQ(literacy.present_target(), 2);
  EXPECT_EQ(literacy.future_target(), 3);
  std::vector<std::string> codes;
  for (const auto& s : profile.standings()) codes.push_back(s.skill_set().code());
  EXPECT_THAT(codes, ElementsAre("LITERACY", "GOVERNANCE", "TECHNOLOGY", "PROCESS_SERVICE",
                                 "TRANSFORMATION"));

  ASSERT_TRUE(RecordAs(person_e2_, Record(e2_, "LITERACY", 1, pb::ASSESSMENT_SOURCE_SELF,
                                          DateOf(2026, 3, 1))).ok());
  literacy = Standing(e2_, "LITERACY");
  EXPECT_EQ(literacy.level(), 1);
  EXPECT_EQ(literacy.status(), pb::STANDING_STATUS_BELOW);
  EXPECT_EQ(literacy.gap(), 1);

  ASSERT_TRUE(RecordAs(supervisor_e1_, Record(e2_, "LITERACY", 3, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                              DateOf(2026, 4, 1))).ok());
  ASSERT_TRUE(RecordAs(person_e2_, Record(e2_, "LITERACY", 4, pb::ASSESSMENT_SOURCE_SELF,
                                          DateOf(2026, 9, 1))).ok());
  literacy = Standing(e2_, "LITERACY");
  EXPECT_EQ(literacy.level(), 3) << "the supervisor outranks a later self-assessment";
  EXPECT_EQ(literacy.source(), pb::ASSESSMENT_SOURCE_SUPERVISOR);
  EXPECT_EQ(literacy.status(), pb::STANDING_STATUS_MEETS);

  pb::AssessmentRecord icdl = Record(e2_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_CERTIFICATION,
                                     DateOf(2025, 11, 15));
  icdl.set_instrument("ICDL");
  *icdl.mutable_valid_until() = DateOf(2028, 11, 14);
  ASSERT_TRUE(RecordAs(institute_, icdl).ok());
  literacy = Standing(e2_, "LITERACY");
  EXPECT_EQ(literacy.level(), 2) << "a certification outranks everything";
  EXPECT_EQ(literacy.source(), pb::ASSESSMENT_SOURCE_CERTIFICATION);

  pb::AssessmentRecord expired = Record(e2_, "TECHNOLOGY", 3, pb::ASSESSMENT_SOURCE_CERTIFICATION,
                                        DateOf(2022, 1, 1));
  *expired.mutable_valid_until() = DateOf(2025, 1, 1);
  ASSERT_TRUE(RecordAs(institute_, expired).ok());
  EXPECT_EQ(Standing(e2_, "TECHNOLOGY").status(), pb::STANDING_STATUS_EXPIRED);

  // The standing table follows in the same transaction.
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              absl::StrCat("SELECT level FROM person_standing WHERE person_id = ",
                                           e2_, " AND skill_set_code = 'LITERACY'")),
            2);
  EXPECT_GE(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM change_log WHERE kind = 'standing'"),
            5);
}

TEST_F(AssessmentE2eTest, WhoMayRecordWhat) {
  const auto self = Record(e2_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SELF, DateOf(2026, 3, 1));
  EXPECT_TRUE(RecordAs(person_e2_, self).ok());
  EXPECT_EQ(RecordAs(person_e2_, Record(e2_, "LITERACY", 4, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                        DateOf(2026, 3, 1))).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RecordAs(person_e2_, Record(e1_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SELF,
                                        DateOf(2026, 3, 1))).error_code(),
            grpc::StatusCode::PERMISSION_DENIED) << "only of themself";
  EXPECT_EQ(RecordAs(supervisor_e1_, Record(e3_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                            DateOf(2026, 3, 1))).error_code(),
            grpc::StatusCode::PERMISSION_DENIED) << "not their report";
  EXPECT_EQ(RecordAs(institute_, Record(e3_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SELF,
                                        DateOf(2026, 3, 1))).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::GetSkillProfileRequest request;
  request.set_person_id(e1_);
  pb::SkillProfile profile;
  EXPECT_EQ(assessment_->GetSkillProfile(NewContext(person_e2_).get(), request, &profile)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AssessmentE2eTest, ManyProfilesAreAnsweredPersonByPersonAndTheirReadsAudited) {
  const CallOptions hr = testing::NewToken(server_, apb::ROLE_HR_SYSTEM, "TMD");

  pb::GetSkillProfilesRequest request;
  for (int64_t id : {e2_, e3_, e1_, int64_t{424242}, e2_}) request.add_person_ids(id);
  pb::GetSkillProfilesResponse response;
  grpc::Status status = assessment_->GetSkillProfiles(NewContext(hr).get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> answers;
  for (const pb::PersonSkillProfile& p : response.profiles()) {
    answers.push_back(absl::StrCat(p.person_id() == e2_   ? "e2"
                                   : p.person_id() == e3_ ? "e3"
                                   : p.person_id() == e1_ ? "e1"
                                                          : "unknown",
                                   " ", p.error_code().empty() ? p.profile().framework_code()
                                                               : p.error_code()));
  }
  EXPECT_THAT(answers, ElementsAre("e2 CS-2018", "e3 PERMISSION_DENIED", "e1 CS-2018",
                                   "unknown PERMISSION_DENIED"));
  pb::SkillProfile single;
  Standing(e2_, "LITERACY", &single);
  EXPECT_EQ(response.profiles(0).profile().SerializeAsString(), single.SerializeAsString());
  EXPECT_EQ(testing::QueryInt(server_.pool(),
                              "SELECT COUNT(*) FROM audit_event WHERE method LIKE"
                              " '%GetSkillProfiles' AND entity_type = 'person'"),
            2)
      << "the reads of e2 and e1";

  request.clear_person_ids();
  EXPECT_EQ(assessment_->GetSkillProfiles(NewContext(hr).get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  for (int i = 0; i < 1001; ++i) request.add_person_ids(e2_);
  status = assessment_->GetSkillProfiles(NewContext(hr).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(testing::BadFields(status), ElementsAre("person_ids"));
  EXPECT_EQ(assessment_->GetSkillProfiles(NewContext(institute_).get(), request, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AssessmentE2eTest, InvalidLevelOrSkillSetIsNamed) {
  grpc::Status status = RecordAs(server_.admin(), Record(e2_, "LITERACY", 9,
                                                         pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                                         DateOf(2026, 3, 1)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("assessment.level"));
  status = RecordAs(server_.admin(), Record(e2_, "COOKING", 1, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                            DateOf(2026, 3, 1)));
  EXPECT_THAT(status.error_message(), HasSubstr("assessment.skill_set_code"));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), 0);
}

TEST_F(AssessmentE2eTest, HostileTextIsRefusedNamingTheFieldAndThaiFitsItsLimit) {
  auto thai = [](int characters) {
    std::string text;
    for (int i = 0; i < characters; ++i) text += "ก";
    return text;
  };
  auto record = [&](auto change) {
    pb::AssessmentRecord r = Record(e2_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                    DateOf(2026, 3, 1));
    change(r);
    return RecordAs(server_.admin(), r);
  };
  EXPECT_TRUE(record([&](pb::AssessmentRecord& r) { r.set_instrument(thai(255)); }).ok())
      << "255 Thai characters are 765 bytes and still fit";
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) { r.set_instrument(thai(256)); })),
              ElementsAre("assessment.instrument"));
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) { r.set_note(thai(2001)); })),
              ElementsAre("assessment.note"));
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) {
                for (int i = 0; i < 21; ++i) r.add_evidence()->set_kind("link");
              })),
              ElementsAre("assessment.evidence"));
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) { r.add_evidence()->set_kind("link"); })),
              ElementsAre("assessment.evidence[0].value"));
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) {
                r.set_supersedes_id(1);
                r.set_supersede_reason("   ");
              })),
              ElementsAre("assessment.supersede_reason"));
  EXPECT_THAT(testing::BadFields(record([&](pb::AssessmentRecord& r) { r.set_skill_set_code(std::string(100000, 'x')); })),
              ElementsAre("assessment.skill_set_code"));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), 1);

  // The longest external id from the institute with the longest code is stored, and replayed.
  const std::string code(32, 'I');
  learning::v1::Institute institute;
  institute.set_code(code);
  institute.mutable_name()->set_th("สถาบันรหัสยาว");
  institute.set_max_assessed_level(3);
  learning::v1::Institute stored;
  ASSERT_TRUE(learning::v1::LearningService::NewStub(server_.channel())
                  ->UpsertInstitute(NewContext(server_.admin()).get(), institute, &stored).ok());
  const CallOptions long_institute = Token(apb::ROLE_TRAINING_INSTITUTE, code, 0);
  pb::AssessmentRecord exam = Record(e2_, "LITERACY", 3, pb::ASSESSMENT_SOURCE_INSTITUTE_EXAM,
                                     DateOf(2026, 3, 2));
  exam.set_external_id(thai(128));
  pb::RecordAssessmentResponse first, again;
  grpc::Status recorded = RecordAs(long_institute, exam, &first);
  ASSERT_TRUE(recorded.ok()) << recorded.error_message();
  ASSERT_TRUE(RecordAs(long_institute, exam, &again).ok());
  EXPECT_EQ(first.outcome(), pb::RECORD_OUTCOME_RECORDED);
  EXPECT_EQ(again.outcome(), pb::RECORD_OUTCOME_UNCHANGED);

  pb::PutBehavioursRequest behaviours;
  pb::Behaviour* b = behaviours.add_behaviours();
  b->set_driver("วัฒนธรรมดิจิทัล");
  b->set_stage("EARLY");
  b->mutable_text()->set_th(thai(10));
  b->set_code(thai(40));
  b->set_period(static_cast<common::v1::Period>(9));
  for (int i = 0; i < 50; ++i) b->add_unit_codes("DL402");  // 299 characters together
  pb::PutBehavioursResponse put;
  EXPECT_THAT(testing::BadFields(assessment_->PutBehaviours(NewContext(server_.admin()).get(),
                                                           behaviours, &put)),
              ElementsAre("behaviours[0].code", "behaviours[0].period",
                          "behaviours[0].unit_codes"));

  pb::CreateFrameworkRequest framework;
  framework.mutable_framework()->set_code("X 1");
  framework.mutable_framework()->mutable_name()->set_th(thai(256));
  pb::Framework created;
  const std::vector<std::string> fields = testing::BadFields(
      assessment_->CreateFramework(NewContext(server_.admin()).get(), framework, &created));
  EXPECT_THAT(fields, ::testing::IsSupersetOf({"framework.code", "framework.name.th"}));
}

TEST_F(AssessmentE2eTest, ReplayedBulkUploadChangesNothing) {
  std::ostringstream csv;
  csv << cli::kAssessmentCsvHeader << "\n"
      << e1_ << ",,LITERACY,3,INSTITUTE_EXAM,TDGA test,2026-05-01,,x-1,\n"
      << e2_ << ",,LITERACY,2,INSTITUTE_EXAM,TDGA test,2026-05-01,,x-2,\n"
      << e3_ << ",CS-2018,TECHNOLOGY,1,CERTIFICATION,IC3,2026-05-01,2029-05-01,x-3,\n"
      << e1_ << ",,LITERACY,9,INSTITUTE_EXAM,TDGA test,2026-05-01,,x-4,\n"
      << e2_ << ",,COOKING,1,INSTITUTE_EXAM,TDGA test,2026-05-01,,x-5,\n";
  auto run = [&] {
    std::istringstream in(csv.str());
    std::ostringstream report;
    auto totals = cli::ImportAssessments(*assessment_, in, report, institute_);
    EXPECT_TRUE(totals.ok()) << totals.status();
    return std::make_pair(totals.value_or(cli::ImportTotals()), report.str());
  };
  auto [first, first_report] = run();
  EXPECT_EQ(first.created, 3) << first_report;
  EXPECT_EQ(first.rejected, 2);
  EXPECT_THAT(first_report, HasSubstr("x-4\tREJECTED\tlevel:"));
  EXPECT_THAT(first_report, HasSubstr("x-5\tREJECTED\tskill_set_code:"));
  auto [second, second_report] = run();
  EXPECT_EQ(second.unchanged, 3) << second_report;
  EXPECT_EQ(second.created, 0);
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), 3);

  // The same id with other content is a conflict, and nothing is overwritten.
  std::ostringstream conflict;
  conflict << cli::kAssessmentCsvHeader << "\n"
           << e1_ << ",,LITERACY,1,INSTITUTE_EXAM,TDGA test,2026-05-01,,x-1,\n";
  std::istringstream in(conflict.str());
  std::ostringstream report;
  auto totals = cli::ImportAssessments(*assessment_, in, report, institute_);
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->rejected, 1);
  EXPECT_THAT(report.str(), HasSubstr("external_id:"));
  EXPECT_EQ(Standing(e1_, "LITERACY").level(), 3);
}

TEST_F(AssessmentE2eTest, HostileRecordsInABulkStreamAreRefusedOneByOneNamingTheField) {
  auto thai = [](int characters) {
    std::string text;
    for (int i = 0; i < characters; ++i) text += "ก";
    return text;
  };
  const pb::AssessmentRecord good =
      Record(e2_, "LITERACY", 2, pb::ASSESSMENT_SOURCE_SUPERVISOR, DateOf(2026, 3, 1));
  std::vector<pb::AssessmentRecord> records(9, good);
  records[0].set_skill_set_code(std::string(100000, 'x'));
  records[1].set_instrument(thai(256));
  records[2].set_instrument(thai(255));  // fits
  records[2].set_external_id(thai(128));
  records[3].set_external_id(thai(129));
  records[4].set_note(thai(100000));
  records[5].set_level(-1);
  records[6].set_person_id(-5);
  records[7].set_framework_code("CS-2018' OR '1'='1");
  records[8] = records[2];  // the same record again
  auto context = NewContext(server_.admin());
  auto stream = assessment_->BulkRecordAssessments(context.get());
  for (const pb::AssessmentRecord& record : records) ASSERT_TRUE(stream->Write(record));
  stream->WritesDone();
  std::vector<std::string> answers;
  pb::BulkAssessmentResult result;
  while (stream->Read(&result)) {
    std::string answer = pb::RecordOutcome_Name(result.outcome());
    for (const pb::FieldError& error : result.errors()) {
      absl::StrAppend(&answer, " ", error.field());
    }
    answers.push_back(answer);
  }
  ASSERT_TRUE(stream->Finish().ok());
  EXPECT_THAT(answers, ElementsAre("RECORD_OUTCOME_REJECTED skill_set_code",
                                   "RECORD_OUTCOME_REJECTED instrument", "RECORD_OUTCOME_RECORDED",
                                   "RECORD_OUTCOME_REJECTED external_id",
                                   "RECORD_OUTCOME_REJECTED note", "RECORD_OUTCOME_REJECTED level",
                                   "RECORD_OUTCOME_REJECTED person_id",
                                   "RECORD_OUTCOME_REJECTED framework_code",
                                   "RECORD_OUTCOME_UNCHANGED"));
  EXPECT_EQ(testing::QueryInt(server_.pool(), "SELECT COUNT(*) FROM assessment"), 1);
}

TEST_F(AssessmentE2eTest, CorrectionSupersedesTheEarlierAssessment) {
  pb::RecordAssessmentResponse first;
  ASSERT_TRUE(RecordAs(supervisor_e1_, Record(e2_, "GOVERNANCE", 4, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                              DateOf(2026, 4, 1)), &first).ok());
  pb::AssessmentRecord correction = Record(e2_, "GOVERNANCE", 1, pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                           DateOf(2026, 4, 1));
  correction.set_supersedes_id(first.assessment().id());
  grpc::Status status = RecordAs(supervisor_e1_, correction);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "a reason is required";
  correction.set_supersede_reason("กรอกระดับผิด");
  ASSERT_TRUE(RecordAs(supervisor_e1_, correction).ok());
  EXPECT_EQ(Standing(e2_, "GOVERNANCE").level(), 1);
  EXPECT_EQ(RecordAs(supervisor_e1_, correction).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION) << "already superseded";
}

TEST_F(AssessmentE2eTest, PublishedVersionsAreImmutableAndTheSeedIsRepeatable) {
  pb::GetFrameworkRequest get;
  get.set_code("CS-2018");
  pb::Framework framework;
  ASSERT_TRUE(assessment_->GetFramework(NewContext(server_.admin()).get(), get, &framework).ok());
  EXPECT_EQ(framework.status(), pb::FRAMEWORK_STATUS_PUBLISHED);
  pb::UpdateFrameworkRequest update;
  *update.mutable_framework() = framework;
  update.set_expected_version(framework.version());
  pb::Framework updated;
  EXPECT_EQ(assessment_->UpdateFramework(NewContext(server_.admin()).get(), update, &updated)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  std::ostringstream report;
  ASSERT_TRUE(cli::SeedFrameworks(*assessment_, std::string(THAKSA_SOURCE_DIR) + "/deploy/frameworks",
                                  report, server_.admin()).ok());
  EXPECT_THAT(report.str(), HasSubstr("CS-2018\tUNCHANGED"));
  EXPECT_THAT(report.str(), HasSubstr("TPQI-2024\tUNCHANGED"));
}

TEST_F(AssessmentE2eTest, AnAgencyChoosingAnUnknownFrameworkIsToldWhichField) {
  pb::SetAgencyFrameworkRequest request;
  request.set_agency_code("NSO");
  request.set_framework_code("NO-SUCH");
  *request.mutable_effective_from() = DateOf(2026, 1, 1);
  pb::AgencyFramework response;
  const grpc::Status status =
      assessment_->SetAgencyFramework(NewContext(server_.admin()).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(testing::BadFields(status), ElementsAre("framework_code"));
}

TEST_F(AssessmentE2eTest, LevelsAssessedUnderOneVersionAreReadUnderAnother) {
  ASSERT_TRUE(RecordAs(server_.admin(), Record(e3_, "PROCESS_SERVICE", 2,
                                               pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                               DateOf(2026, 2, 1))).ok());
  Assign("NSO", "TPQI-2024");
  pb::SkillProfile profile;
  Standing(e3_, "LITERACY", &profile);
  EXPECT_EQ(profile.framework_code(), "TPQI-2024");
  EXPECT_EQ(profile.present_period(), common::v1::PERIOD_EARLY) << "NSO's own declaration";
  EXPECT_EQ(Standing(e3_, "SERVICE").skill_set().code(), "") << "optional, not adopted yet";

  pb::SetOptionalSkillSetRequest adopt;
  adopt.set_agency_code("NSO");
  adopt.set_framework_code("TPQI-2024");
  adopt.set_skill_set_code("SERVICE");
  adopt.set_adopted(true);
  *adopt.mutable_effective_from() = DateOf(2026, 1, 1);
  pb::AgencyFramework agency;
  ASSERT_TRUE(assessment_->SetOptionalSkillSet(NewContext(server_.admin()).get(), adopt, &agency).ok());
  EXPECT_THAT(agency.adopted_skill_sets(), ElementsAre("SERVICE"));
  pb::SkillStanding service = Standing(e3_, "SERVICE");
  EXPECT_EQ(service.level(), 2);
  EXPECT_EQ(service.assessed_under_framework(), "CS-2018");
}

TEST_F(AssessmentE2eTest, UnderTpqiEachPersonIsHeldToTheTargetsOfTheirRoleProfile) {
  const auto upsert = [&](int n, common::v1::PersonnelGroup group, const std::string& position,
                          const std::string& grade, common::v1::Date from) {
    ppb::PersonRecord record = testing::PersonRecordOf(n, "NSO", "NSO");
    record.set_personnel_group(group);
    record.set_position_title(position);
    record.set_grade(grade);
    return Upsert(record, from);
  };
  const int64_t senior = upsert(4, common::v1::PERSONNEL_GROUP_TECHNOLOGY,
                                "นักวิชาการคอมพิวเตอร์", "ชำนาญการพิเศษ", DateOf(2025, 10, 1));
  const int64_t clerk = upsert(5, common::v1::PERSONNEL_GROUP_SERVICE, "นักจัดการงานทั่วไป",
                               "ชำนาญการพิเศษ", DateOf(2025, 10, 1));
  // Assessed under CS-2018 while NSO followed it.
  ASSERT_TRUE(RecordAs(server_.admin(), Record(e3_, "LITERACY", 3,
                                               pb::ASSESSMENT_SOURCE_SUPERVISOR,
                                               DateOf(2026, 2, 1))).ok());
  Assign("NSO", "TPQI-2024");
  // "set: present/future target" of each standing; NSO is in its EARLY period.
  const auto targets_of = [](const pb::SkillProfile& profile) {
    std::vector<std::string> targets;
    for (const pb::SkillStanding& s : profile.standings()) {
      EXPECT_TRUE(s.target_provisional()) << s.skill_set().code();
      targets.push_back(
          absl::StrCat(s.skill_set().code(), ": ", s.present_target(), "/", s.future_target()));
    }
    return targets;
  };
  const common::v1::Date today = DateOf(2026, 10, 15);
  pb::SkillProfile operational = Profile(e3_, today);
  EXPECT_EQ(operational.role_profile(), "IT_OPERATIONAL");
  EXPECT_FALSE(operational.role_profile_provisional());
  EXPECT_THAT(targets_of(operational),
              ElementsAre("LITERACY: 3/3", "GOVERNANCE: 2/2", "LEADERSHIP: 1/1"));
  pb::SkillProfile supervisor = Profile(senior, today);
  EXPECT_EQ(supervisor.role_profile(), "IT_SUPERVISOR") << "by grade";
  EXPECT_TRUE(supervisor.role_profile_provisional());
  EXPECT_THAT(targets_of(supervisor),
              ElementsAre("LITERACY: 3/3", "GOVERNANCE: 2/3", "LEADERSHIP: 2/3"));
  pb::SkillProfile service = Profile(clerk, today);
  EXPECT_EQ(service.role_profile(), "NON_IT_OPERATIONAL") << "the grade counts only for IT staff";
  EXPECT_THAT(targets_of(service),
              ElementsAre("LITERACY: 2/2", "GOVERNANCE: 1/2", "LEADERSHIP: 1/1"));

  // A promotion changes the profile from its first day, not before.
  upsert(3, common::v1::PERSONNEL_GROUP_TECHNOLOGY, "หัวหน้ากลุ่มงานโครงสร้างพื้นฐาน",
         "ชำนาญการ", DateOf(2026, 11, 1));
  EXPECT_EQ(Profile(e3_, DateOf(2026, 10, 31)).role_profile(), "IT_OPERATIONAL");
  EXPECT_EQ(Profile(e3_, DateOf(2026, 11, 1)).role_profile(), "IT_SUPERVISOR")
      << "by position";

  // The cross-walk gap: DATA has no source in CS-2018, so it is not assessed, not guessed.
  pb::SetOptionalSkillSetRequest adopt;
  adopt.set_agency_code("NSO");
  adopt.set_framework_code("TPQI-2024");
  adopt.set_skill_set_code("DATA");
  adopt.set_adopted(true);
  *adopt.mutable_effective_from() = DateOf(2026, 1, 1);
  pb::AgencyFramework agency;
  ASSERT_TRUE(
      assessment_->SetOptionalSkillSet(NewContext(server_.admin()).get(), adopt, &agency).ok());
  const pb::SkillProfile adopted = Profile(e3_, today);
  std::map<std::string, pb::SkillStanding> by_set;
  for (const pb::SkillStanding& s : adopted.standings()) by_set[s.skill_set().code()] = s;
  EXPECT_EQ(by_set["LITERACY"].level(), 3);
  EXPECT_EQ(by_set["LITERACY"].assessed_under_framework(), "CS-2018");
  EXPECT_THAT(by_set["LITERACY"].no_source_in(), ElementsAre());
  EXPECT_EQ(by_set["DATA"].status(), pb::STANDING_STATUS_NOT_ASSESSED);
  EXPECT_EQ(by_set["DATA"].level(), -1);
  EXPECT_EQ(by_set["DATA"].present_target(), 2);
  EXPECT_THAT(by_set["DATA"].no_source_in(), ElementsAre("CS-2018"));
  EXPECT_THAT(by_set["GOVERNANCE"].no_source_in(), ElementsAre())
      << "CS-2018 has GOVERNANCE; it is only not assessed";
}

TEST_F(AssessmentE2eTest, ARoleProfileDefinitionIsRefusedNamingWhatIsWrong) {
  pb::GetFrameworkRequest get;
  get.set_code("TPQI-2024");
  pb::Framework framework;
  ASSERT_TRUE(assessment_->GetFramework(NewContext(server_.admin()).get(), get, &framework).ok());
  framework.set_code("TPQI-2024-B");
  framework.mutable_targets(1)->set_role_profile("NO_SUCH_PROFILE");
  // OTHERS loses the entry without conditions.
  auto* mappings = framework.mutable_group_profiles();
  for (int i = mappings->size() - 1; i >= 0; --i) {
    const pb::GroupProfile& g = mappings->Get(i);
    if (g.personnel_group() == common::v1::PERSONNEL_GROUP_OTHERS &&
        g.position_keywords().empty()) {
      mappings->DeleteSubrange(i, 1);
    }
  }
  const auto refused_fields = [&](const pb::Framework& definition) {
    pb::CreateFrameworkRequest create;
    *create.mutable_framework() = definition;
    pb::Framework created;
    const grpc::Status status =
        assessment_->CreateFramework(NewContext(server_.admin()).get(), create, &created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    return testing::BadFields(status);
  };
  // Hostile shapes first: a target of a group and a profile, a grade of 300 characters, a blank
  // keyword, 21 grades.
  pb::Framework hostile = framework;
  hostile.mutable_targets(0)->set_personnel_group(common::v1::PERSONNEL_GROUP_ACADEMIC);
  hostile.mutable_group_profiles(0)->add_grades(std::string(300, 'x'));
  hostile.mutable_group_profiles(1)->add_position_keywords(" \t ");
  for (int i = 0; i < 21; ++i) hostile.mutable_group_profiles(2)->add_grades("ชำนาญการ");
  EXPECT_THAT(refused_fields(hostile),
              ::testing::IsSupersetOf({"framework.targets[0]",
                                       "framework.group_profiles[0].grades[0]",
                                       "framework.group_profiles[1].position_keywords[0]",
                                       "framework.group_profiles[2].grades"}));
  EXPECT_THAT(refused_fields(framework),
              ::testing::UnorderedElementsAre("framework.targets[1].role_profile",
                                              "framework.group_profiles"));
  get.set_code("TPQI-2024-B");
  EXPECT_EQ(assessment_->GetFramework(NewContext(server_.admin()).get(), get, &framework)
                .error_code(),
            grpc::StatusCode::NOT_FOUND)
      << "nothing stored";
}

TEST_F(AssessmentE2eTest, UnitCodesAreReadInTheirOneFormAndUnknownOnesNamedWithTheNearest) {
  const auto put_units = [&](const pb::PutCompetencyUnitsRequest& request) {
    pb::PutCompetencyUnitsResponse response;
    return assessment_->PutCompetencyUnits(NewContext(server_.admin()).get(), request, &response);
  };
  const auto list_units = [&](const std::string& skill_set) {
    pb::ListCompetencyUnitsRequest request;
    request.set_skill_set_code(skill_set);
    pb::ListCompetencyUnitsResponse response;
    EXPECT_TRUE(
        assessment_->ListCompetencyUnits(NewContext(person_e2_).get(), request, &response).ok());
    std::vector<std::string> codes;
    for (const pb::CompetencyUnit& unit : response.units()) codes.push_back(unit.code());
    return codes;
  };
  // Hostile catalogues name their fields and store nothing.
  pb::PutCompetencyUnitsRequest hostile;
  for (const char* code : {"XY100", "dl-402", "DL402"}) {
    pb::CompetencyUnit* unit = hostile.add_units();
    unit->set_code(code);
    unit->set_skill_set_code("LEADERSHIP");
  }
  hostile.mutable_units(0)->mutable_name()->set_th(std::string(100000, 'x'));
  EXPECT_THAT(testing::BadFields(put_units(hostile)),
              ::testing::UnorderedElementsAre("units[0].code", "units[0].name.th",
                                              "units[2].code"));
  EXPECT_THAT(list_units(""), ElementsAre());
  pb::ListCompetencyUnitsRequest bad_filter;
  bad_filter.set_skill_set_code(std::string(100000, 'x'));
  pb::ListCompetencyUnitsResponse none;
  EXPECT_THAT(testing::BadFields(assessment_->ListCompetencyUnits(NewContext(person_e2_).get(),
                                                                  bad_filter, &none)),
              ElementsAre("skill_set_code"));

  std::ostringstream report;
  ASSERT_TRUE(cli::LoadCompetencyUnits(
                  *assessment_, std::string(THAKSA_SOURCE_DIR) +
                                    "/deploy/reference/competency-units.csv",
                  report, server_.admin())
                  .ok());
  const std::vector<std::string> loaded = list_units("");
  // Eight identical replacements at once leave the same catalogue, each answered.
  pb::PutCompetencyUnitsRequest whole;
  for (const std::string& code : loaded) {
    pb::CompetencyUnit* unit = whole.add_units();
    unit->set_code(code);
    unit->set_skill_set_code("LEADERSHIP");
  }
  std::vector<std::thread> callers;
  std::vector<grpc::Status> answers(8);
  for (int i = 0; i < 8; ++i) callers.emplace_back([&, i] { answers[i] = put_units(whole); });
  for (std::thread& caller : callers) caller.join();
  for (const grpc::Status& answer : answers) EXPECT_TRUE(answer.ok()) << answer.error_message();
  EXPECT_EQ(list_units("LEADERSHIP"), loaded);
  ASSERT_TRUE(cli::LoadCompetencyUnits(
                  *assessment_, std::string(THAKSA_SOURCE_DIR) +
                                    "/deploy/reference/competency-units.csv",
                  report, server_.admin())
                  .ok());
  EXPECT_THAT(list_units("LEADERSHIP"), ::testing::Contains("DL402"));
  EXPECT_THAT(list_units("PROJECT_STRATEGY"), ::testing::Contains("PM*"));

  pb::CheckUnitCodesRequest check;
  for (const char* code : {"dtr-200", "DTr999", "รหัส"}) check.add_codes(code);
  pb::CheckUnitCodesResponse checked;
  ASSERT_TRUE(assessment_->CheckUnitCodes(NewContext(person_e2_).get(), check, &checked).ok());
  ASSERT_EQ(checked.checks_size(), 3);
  EXPECT_TRUE(checked.checks(0).known());
  EXPECT_EQ(checked.checks(0).code(), "DTr200");
  EXPECT_EQ(checked.checks(0).unit().skill_set_code(), "TRANSFORMATION");
  EXPECT_FALSE(checked.checks(1).known());
  EXPECT_EQ(checked.checks(1).nearest(), "DTr704") << "the same prefix, the closest number";
  EXPECT_FALSE(checked.checks(2).error().empty());
  check.add_codes(std::string(100000, 'D'));
  check.add_codes(" ");
  EXPECT_THAT(testing::BadFields(assessment_->CheckUnitCodes(NewContext(person_e2_).get(), check,
                                                             &checked)),
              ElementsAre("codes[3]", "codes[4]"));

  // Behaviours: an unknown code is refused naming it and the nearest; a variant is kept as the
  // one form, and the whole annex loads, its PM* wildcard and components included.
  pb::PutBehavioursRequest behaviours;
  pb::Behaviour* b = behaviours.add_behaviours();
  b->set_driver("วัฒนธรรมดิจิทัล");
  b->set_stage("EARLY");
  b->mutable_text()->set_th("นำการเปลี่ยนแปลง");
  b->set_code("T1S1-EXEC-1");
  b->set_period(common::v1::PERIOD_EARLY);
  b->add_unit_codes("dl-402");
  b->add_unit_codes("DL409");
  *behaviours.add_behaviours() = *b;
  behaviours.mutable_behaviours(1)->clear_unit_codes();
  pb::PutBehavioursResponse put;
  EXPECT_THAT(testing::BadFields(
                  assessment_->PutBehaviours(NewContext(server_.admin()).get(), behaviours, &put)),
              ElementsAre("behaviours[1].code"))
      << "a code given twice";
  behaviours.mutable_behaviours()->RemoveLast();
  const grpc::Status unknown =
      assessment_->PutBehaviours(NewContext(server_.admin()).get(), behaviours, &put);
  EXPECT_THAT(testing::BadFields(unknown), ElementsAre("behaviours[0].unit_codes[1]"));
  EXPECT_THAT(unknown.error_message(), HasSubstr("the nearest is DL402"));
  b->mutable_unit_codes()->RemoveLast();
  ASSERT_TRUE(assessment_->PutBehaviours(NewContext(server_.admin()).get(), behaviours, &put).ok());
  pb::ListBehavioursRequest list;
  list.set_unit_code("DL 402");
  pb::ListBehavioursResponse listed;
  ASSERT_TRUE(assessment_->ListBehaviours(NewContext(person_e2_).get(), list, &listed).ok());
  ASSERT_EQ(listed.behaviours_size(), 1);
  EXPECT_THAT(listed.behaviours(0).unit_codes(), ElementsAre("DL402"));
  EXPECT_EQ(listed.behaviours(0).code(), "T1S1-EXEC-1");
  EXPECT_EQ(listed.behaviours(0).period(), common::v1::PERIOD_EARLY);

  ASSERT_TRUE(cli::LoadBehaviours(*assessment_,
                                  std::string(THAKSA_SOURCE_DIR) +
                                      "/deploy/reference/annex-behaviours.csv",
                                  report, server_.admin())
                  .ok());
  EXPECT_THAT(report.str(), HasSubstr("behaviours\t184 stored"));
  list.set_unit_code("PM-All");
  ASSERT_TRUE(assessment_->ListBehaviours(NewContext(person_e2_).get(), list, &listed).ok());
  EXPECT_EQ(listed.behaviours_size(), 5) << "every behaviour the annex tags with PM*";
  list.clear_unit_code();
  ASSERT_TRUE(assessment_->ListBehaviours(NewContext(person_e2_).get(), list, &listed).ok());
  int attributes = 0, knowledge = 0;
  std::map<common::v1::Period, int> by_period;
  std::set<std::string> codes;
  for (const pb::Behaviour& behaviour : listed.behaviours()) {
    ++by_period[behaviour.period()];
    codes.insert(behaviour.code());
    for (int component : behaviour.components()) {
      attributes += component == pb::UNIT_COMPONENT_ATTRIBUTE;
      knowledge += component == pb::UNIT_COMPONENT_KNOWLEDGE;
    }
  }
  EXPECT_EQ(attributes, 4);
  EXPECT_EQ(knowledge, 1);
  EXPECT_EQ(codes.size(), 184u) << "each behaviour of the annex has its own code";
  EXPECT_TRUE(codes.count("T5S-SERV-1"));
  EXPECT_EQ(by_period[common::v1::PERIOD_EARLY] + by_period[common::v1::PERIOD_DEVELOPING] +
                by_period[common::v1::PERIOD_MATURING],
            184);
  EXPECT_EQ(by_period[common::v1::PERIOD_MATURING], 32) << "the third stages of four drivers";

  // Courses: the learning service checks their codes against the same catalogue.
  auto learning = learning::v1::LearningService::NewStub(server_.channel());
  learning::v1::Institute tdga;
  tdga.set_code("TDGA");
  tdga.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
  tdga.set_max_assessed_level(3);
  learning::v1::Institute institute;
  ASSERT_TRUE(learning->UpsertInstitute(NewContext(server_.admin()).get(), tdga, &institute).ok());
  learning::v1::Course course;
  course.set_institute_code("TDGA");
  course.set_code("DL-402");
  course.mutable_title()->set_th("ผู้นำการเปลี่ยนแปลงดิจิทัล");
  course.add_skill_set_codes("LEADERSHIP");
  course.set_framework_code("CS-2018");
  course.set_delivery(learning::v1::DELIVERY_ONLINE);
  course.set_total_hours(6);
  course.add_unit_codes("dl 402");
  course.add_unit_codes("DTr99");
  learning::v1::Course stored;
  EXPECT_THAT(testing::BadFields(
                  learning->UpsertCourse(NewContext(server_.admin()).get(), course, &stored)),
              ElementsAre("unit_codes[1]"));
  course.mutable_unit_codes()->RemoveLast();
  ASSERT_TRUE(learning->UpsertCourse(NewContext(server_.admin()).get(), course, &stored).ok());
  EXPECT_THAT(stored.unit_codes(), ElementsAre("DL402"));

  // Assessments: a certification names the units it covers; eight identical deliveries at once
  // store one, its codes in their one form; an unknown code is refused naming the nearest.
  pb::AssessmentRecord certified = Record(e2_, "TRANSFORMATION", 2,
                                          pb::ASSESSMENT_SOURCE_CERTIFICATION, DateOf(2026, 5, 1));
  certified.set_external_id("tpqi-cert-ทดสอบ");
  for (const char* code : {"dtr-200", "DTr 201", "DTr200:K"}) certified.add_unit_codes(code);
  std::vector<pb::RecordAssessmentResponse> recorded(8);
  callers.clear();
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&, i] { answers[i] = RecordAs(institute_, certified, &recorded[i]); });
  }
  for (std::thread& caller : callers) caller.join();
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(answers[i].ok()) << answers[i].error_message();
    EXPECT_EQ(recorded[i].assessment().id(), recorded[0].assessment().id());
    EXPECT_THAT(recorded[i].assessment().record().unit_codes(), ElementsAre("DTr200", "DTr201"));
  }
  certified.set_external_id("tpqi-cert-2");
  certified.add_unit_codes("DTr999");
  const grpc::Status refused = RecordAs(institute_, certified);
  EXPECT_THAT(testing::BadFields(refused), ElementsAre("assessment.unit_codes[3]"));
  EXPECT_THAT(refused.error_message(), HasSubstr("the nearest is DTr704"));
}

}  // namespace
}  // namespace thaksa
