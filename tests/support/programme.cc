#include "tests/support/programme.h"

#include <sstream>

#include "gtest/gtest.h"
#include "tests/support/records.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "thaksa/learning/v1/learning.grpc.pb.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "tools/cli/agency_import.h"
#include "tools/cli/framework_seed.h"

namespace thaksa::testing {

Deployment DeploymentOf(TestServer& server) {
  return {server.channel(), server.peer_channel(), server.admin()};
}

void RegisterInstitute(const Deployment& deployment) {
  learning::v1::Institute tdga;
  tdga.set_code("TDGA");
  tdga.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
  tdga.set_max_assessed_level(3);  // as the demo data registers it: what its levels may reach
  learning::v1::Institute stored;
  grpc::Status status =
      learning::v1::LearningService::NewStub(deployment.channel)
          ->UpsertInstitute(cli::NewContext(deployment.admin).get(), tdga, &stored);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

void RegisterExamCourse(const Deployment& deployment) {
  RegisterInstitute(deployment);
  learning::v1::Course course;
  course.set_institute_code("TDGA");
  course.set_code("DG-201");
  course.mutable_title()->set_th("การรู้ดิจิทัลและธรรมาภิบาลข้อมูล");
  course.add_skill_set_codes("LITERACY");
  course.add_skill_set_codes("GOVERNANCE");
  course.set_framework_code("CS-2018");
  course.set_delivery(learning::v1::DELIVERY_ONLINE);
  course.set_total_hours(6);
  course.set_min_duration_minutes(300);
  const grpc::Status status =
      learning::v1::LearningService::NewStub(deployment.channel)
          ->UpsertCourse(cli::NewContext(deployment.admin).get(), course, &course);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

void SetUpProgramme(const Deployment& deployment, const std::string& agencies_csv,
                    const std::string& agency) {
  auto personnel = personnel::v1::PersonnelService::NewStub(deployment.channel);
  // Frameworks go to the assessment service wherever it runs.
  auto assessment = assessment::v1::AssessmentService::NewStub(deployment.assessment_channel);
  std::istringstream agencies(agencies_csv);
  std::ostringstream report;
  auto imported = cli::ImportAgencies(*personnel, agencies, report, deployment.admin);
  EXPECT_TRUE(imported.ok() && imported->rejected == 0) << report.str();
  EXPECT_TRUE(cli::SeedFrameworks(*assessment, std::string(THAKSA_SOURCE_DIR) + "/deploy/frameworks",
                                  report, deployment.admin)
                  .ok())
      << report.str();
  assessment::v1::SetAgencyFrameworkRequest assign;
  assign.set_agency_code(agency);
  assign.set_framework_code("CS-2018");
  *assign.mutable_effective_from() = DateOf(2025, 10, 1);
  assessment::v1::AgencyFramework chosen;
  grpc::Status status =
      assessment->SetAgencyFramework(cli::NewContext(deployment.admin).get(), assign, &chosen);
  EXPECT_TRUE(status.ok()) << status.error_message();
  RegisterInstitute(deployment);
}

cli::CallOptions NewToken(const Deployment& deployment, access::v1::Role role,
                          const std::string& agency_code, const std::string& institute_code,
                          int64_t person_id) {
  access::v1::CreateTokenRequest request;
  request.mutable_token()->set_role(role);
  request.mutable_token()->set_agency_code(agency_code);
  request.mutable_token()->set_institute_code(institute_code);
  request.mutable_token()->set_person_id(person_id);
  access::v1::CreateTokenResponse created;
  grpc::Status status =
      access::v1::AccessService::NewStub(deployment.channel)
          ->CreateToken(cli::NewContext(deployment.admin).get(), request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  cli::CallOptions options = deployment.admin;
  options.token = created.token();
  return options;
}

}  // namespace thaksa::testing
