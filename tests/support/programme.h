// The programme set-up most end-to-end tests share: an agency tree, the shipped framework
// versions (through the same seed step tools/run uses), and an agency following CS-2018.
#ifndef THAKSA_TESTS_SUPPORT_PROGRAMME_H_
#define THAKSA_TESTS_SUPPORT_PROGRAMME_H_

#include <memory>
#include <string>

#include "tests/support/test_server.h"
#include "thaksa/access/v1/access.pb.h"

namespace thaksa::testing {

// The ministry MDES, with its CIO, in the DEVELOPING period in FY2570, and its department TMD,
// as CSV for SetUpProgramme.
inline constexpr char kMinistryAndDepartment[] =
    "code,name_th,kind,parent_code,fiscal_year,period,officer_name,officer_role\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,MINISTRY,,2570,DEVELOPING,นายสมชาย ใจดี,CIO\n"
    "TMD,กรมอุตุนิยมวิทยา,DEPARTMENT,MDES,,\n";

// MDES (DEVELOPING in FY2570) with its departments TMD, with the divisions TMD-IT and TMD-FC, and
// NSO; the ministry and departments name their accountable officers (the divisions answer to
// their department's), so any may declare its period.
inline constexpr char kMinistryWithDivisions[] =
    "code,name_th,kind,parent_code,fiscal_year,period,officer_name,officer_role\n"
    "MDES,กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม,MINISTRY,,2570,DEVELOPING,นายสมชาย ใจดี,CIO\n"
    "TMD,กรมอุตุนิยมวิทยา,DEPARTMENT,MDES,,,นางวิไล ฟ้าใส,DEPUTY_HEAD_IT\n"
    "TMD-IT,ศูนย์ดิจิทัลอุตุนิยมวิทยา,DIVISION,TMD,,\n"
    "TMD-FC,กองพยากรณ์อากาศ,DIVISION,TMD,,\n"
    "NSO,สำนักงานสถิติแห่งชาติ,DEPARTMENT,MDES,,,นายอนันต์ สถิตย์,CIO\n";

// 2026-11-10 09:00 Bangkok, in FY2570, before TestNow(): when test courses start.
inline constexpr int64_t kMorning = 1794276000;

// Where a test's services are and who administers them: a TestServer, or servers of their own.
struct Deployment {
  std::shared_ptr<grpc::Channel> channel;
  // Where the assessment service is (the peer of a TestServer, else `channel`).
  std::shared_ptr<grpc::Channel> assessment_channel;
  cli::CallOptions admin;
};

Deployment DeploymentOf(TestServer& server);

// Registers the training institute TDGA (ทีดีจีเอ), as tokens of its role need, trusted to
// assess up to level 3 (as the demo data registers it).
void RegisterInstitute(const Deployment& deployment);
inline void RegisterInstitute(TestServer& server) { RegisterInstitute(DeploymentOf(server)); }

// Lets TDGA set assessed levels up to 3 and registers its course DG-201 (online, 6 hours, at
// least 300 minutes) on the skill sets LITERACY and GOVERNANCE of CS-2018: a completion of it
// with a level makes two assessments.
void RegisterExamCourse(const Deployment& deployment);
inline void RegisterExamCourse(TestServer& server) { RegisterExamCourse(DeploymentOf(server)); }

// Imports `agencies_csv` (the `thaksa agencies import` format), seeds deploy/frameworks and lets
// `agency` (and so the agencies below it) follow CS-2018 from 1 October 2025, and registers the
// institute TDGA. Failures are
// reported as test failures.
void SetUpProgramme(const Deployment& deployment, const std::string& agencies_csv,
                    const std::string& agency = "MDES");
inline void SetUpProgramme(TestServer& server, const std::string& agencies_csv,
                           const std::string& agency = "MDES") {
  SetUpProgramme(DeploymentOf(server), agencies_csv, agency);
}

// Options carrying a new token of `role`, issued by the admin, for the agency subtree, the
// institute or the person its role takes.
cli::CallOptions NewToken(const Deployment& deployment, access::v1::Role role,
                          const std::string& agency_code, const std::string& institute_code = "",
                          int64_t person_id = 0);
inline cli::CallOptions NewToken(TestServer& server, access::v1::Role role,
                                 const std::string& agency_code,
                                 const std::string& institute_code = "", int64_t person_id = 0) {
  return NewToken(DeploymentOf(server), role, agency_code, institute_code, person_id);
}

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_PROGRAMME_H_
