// thaksa frameworks ..., units ..., behaviours ..., assessments ..., profile ...
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "tools/cli/assessment_import.h"
#include "tools/cli/cli.h"
#include "tools/cli/enum_names.h"
#include "tools/cli/framework_seed.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::assessment::v1;
namespace common_pb = ::thaksa::common::v1;

std::unique_ptr<pb::AssessmentService::Stub> Stub(const Cli& cli) {
  return pb::AssessmentService::NewStub(cli.channel);
}

int Report(const absl::Status& status) {
  return status.ok() ? 0 : Fail(std::string(status.message()));
}

bool ParseDay(const std::string& text, common_pb::Date* out) {
  absl::StatusOr<absl::CivilDay> day = ParseIsoDate(text);
  if (!day.ok()) return false;
  DayToProto(*day, out);
  return true;
}

int ListFrameworks(const Cli& cli) {
  pb::ListFrameworksResponse response;
  grpc::Status s = Stub(cli)->ListFrameworks(NewContext(cli.options).get(),
                                             pb::ListFrameworksRequest(), &response);
  if (!s.ok()) return Fail(s);
  for (const pb::Framework& f : response.frameworks()) {
    std::cout << f.code() << "\t"
              << EnumName(pb::FrameworkStatus_descriptor(), "FRAMEWORK_STATUS_", f.status())
              << (f.provisional() ? "\tprovisional" : "") << "\t" << f.name().th() << "\n";
  }
  return 0;
}

int Assign(const Cli& cli, const std::string& agency) {
  pb::SetAgencyFrameworkRequest request;
  request.set_agency_code(agency);
  request.set_framework_code(absl::GetFlag(FLAGS_framework));
  if (!ParseDay(absl::GetFlag(FLAGS_from), request.mutable_effective_from())) {
    return Fail("--from must be a date YYYY-MM-DD");
  }
  pb::AgencyFramework response;
  grpc::Status s = Stub(cli)->SetAgencyFramework(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  std::cout << response.agency_code() << "\tfollows " << response.framework_code() << "\n";
  return 0;
}

int Adopt(const Cli& cli, const std::string& agency) {
  pb::SetOptionalSkillSetRequest request;
  request.set_agency_code(agency);
  request.set_framework_code(absl::GetFlag(FLAGS_framework));
  request.set_skill_set_code(absl::GetFlag(FLAGS_skill_set));
  request.set_adopted(!absl::GetFlag(FLAGS_drop));
  if (!ParseDay(absl::GetFlag(FLAGS_from), request.mutable_effective_from())) {
    return Fail("--from must be a date YYYY-MM-DD");
  }
  pb::AgencyFramework response;
  grpc::Status s = Stub(cli)->SetOptionalSkillSet(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  std::cout << response.agency_code() << "\tfollows " << response.framework_code()
            << "\tadopted:";
  for (const std::string& code : response.adopted_skill_sets()) std::cout << " " << code;
  std::cout << "\n";
  return 0;
}

int ListAssessments(const Cli& cli, const std::string& which) {
  pb::ListAssessmentsRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("give a person id");
  request.set_person_id(id);
  pb::ListAssessmentsResponse response;
  grpc::Status s = Stub(cli)->ListAssessments(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  for (const pb::Assessment& a : response.assessments()) {
    const pb::AssessmentRecord& r = a.record();
    std::cout << a.id() << "\t" << r.framework_code() << "\t" << r.skill_set_code() << "\tlevel "
              << r.level() << "\t"
              << EnumName(pb::AssessmentSource_descriptor(), "ASSESSMENT_SOURCE_", r.source())
              << "\t" << r.instrument()
              << (a.superseded_by_id() != 0 ? absl::StrCat("\tsuperseded by ", a.superseded_by_id())
                                            : "")
              << "\n";
  }
  return 0;
}

// The level as shown in the profile: "-" when nothing counts or nothing is required.
std::string LevelText(int level) { return level < 0 ? "-" : absl::StrCat(level); }

int Profile(const Cli& cli, const std::string& which) {
  pb::GetSkillProfileRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("profile: give a person id");
  request.set_person_id(id);
  request.set_include_further_groups(true);
  if (const std::string as_of = absl::GetFlag(FLAGS_as_of); !as_of.empty()) {
    if (!ParseDay(as_of, request.mutable_as_of())) return Fail("--as_of must be YYYY-MM-DD");
  }
  pb::SkillProfile p;
  grpc::Status s = Stub(cli)->GetSkillProfile(NewContext(cli.options).get(), request, &p);
  if (!s.ok()) return Fail(s);
  const bool thai = absl::GetFlag(FLAGS_lang) != "en";
  auto status_text = [&](pb::StandingStatus status) -> std::string {
    switch (status) {
      case pb::STANDING_STATUS_MEETS: return thai ? "ผ่านเป้าหมาย" : "MEETS";
      case pb::STANDING_STATUS_BELOW: return thai ? "ต่ำกว่าเป้าหมาย" : "BELOW";
      case pb::STANDING_STATUS_NOT_ASSESSED: return thai ? "ยังไม่ได้ประเมิน" : "NOT_ASSESSED";
      case pb::STANDING_STATUS_EXPIRED: return thai ? "ผลประเมินหมดอายุ" : "EXPIRED";
      case pb::STANDING_STATUS_TARGET_NOT_DECLARED:
        return thai ? "ยังไม่ประกาศระยะการพัฒนา" : "TARGET_NOT_DECLARED";
      default: return "?";
    }
  };
  std::cout << (thai ? "บุคคล " : "person ") << p.person_id() << "\t"
            << FormatIsoDate(absl::CivilDay(p.as_of().year(), p.as_of().month(), p.as_of().day()))
            << "\t" << p.framework_code() << (p.provisional() ? (thai ? " (เป้าหมายชั่วคราว)" : " (provisional targets)") : "")
            << "\t" << p.agency_code() << "\t"
            << EnumName(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_", p.personnel_group())
            << (p.role_profile().empty() ? "" : " " + p.role_profile())
            << (p.role_profile_provisional() ? (thai ? " (ชั่วคราว)" : " (provisional)") : "")
            << "\t" << EnumName(common_pb::Period_descriptor(), "PERIOD_", p.present_period())
            << " -> " << EnumName(common_pb::Period_descriptor(), "PERIOD_", p.future_period())
            << "\n";
  auto print_standings = [&](const pb::SkillProfile& profile) {
    std::cout << (thai ? "กลุ่มทักษะ\tระดับ\tเป้าหมายปัจจุบัน\tเป้าหมายอนาคต\tส่วนต่าง\tสถานะ\n"
                       : "skill set\tlevel\tpresent target\tfuture target\tgap\tstatus\n");
    for (const pb::SkillStanding& s : profile.standings()) {
      std::cout << (thai ? s.skill_set().name().th() : s.skill_set().name().en()) << "\t"
                << LevelText(s.level()) << "\t" << LevelText(s.present_target()) << "\t"
                << LevelText(s.future_target()) << "\t" << s.gap() << "\t"
                << status_text(s.status());
      if (!s.no_source_in().empty()) {
        std::cout << (thai ? " (ไม่มีกลุ่มทักษะต้นทางใน " : " (no source in ")
                  << absl::StrJoin(s.no_source_in(), ", ") << ")";
      }
      std::cout << "\n";
    }
  };
  print_standings(p);
  for (const pb::SkillProfile& further : p.further_groups()) {
    std::cout << (thai ? "กลุ่มเป้าหมายเพิ่มเติม " : "further group ")
              << EnumName(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_",
                          further.personnel_group())
              << (further.role_profile().empty() ? "" : " " + further.role_profile()) << "\n";
    print_standings(further);
  }
  return 0;
}

// thaksa checklist PERSON_ID: the annex's behaviours expected of the person, each with its state
// and the evidence linked to it.
int Checklist(const Cli& cli, const std::string& which) {
  pb::GetBehaviourChecklistRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("checklist: give a person id");
  request.set_person_id(id);
  if (const std::string as_of = absl::GetFlag(FLAGS_as_of); !as_of.empty()) {
    if (!ParseDay(as_of, request.mutable_as_of())) return Fail("--as_of must be YYYY-MM-DD");
  }
  pb::BehaviourChecklist checklist;
  grpc::Status s =
      Stub(cli)->GetBehaviourChecklist(NewContext(cli.options).get(), request, &checklist);
  if (!s.ok()) return Fail(s);
  const bool thai = absl::GetFlag(FLAGS_lang) != "en";
  auto state_text = [&](pb::BehaviourState state) -> std::string {
    switch (state) {
      case pb::BEHAVIOUR_STATE_SHOWN: return thai ? "แสดงแล้ว" : "SHOWN";
      case pb::BEHAVIOUR_STATE_IN_PROGRESS: return thai ? "กำลังพัฒนา" : "IN_PROGRESS";
      default: return thai ? "ยังไม่เริ่ม" : "NOT_STARTED";
    }
  };
  std::cout << (thai ? "บุคคล " : "person ") << checklist.person_id() << "\t"
            << EnumName(common_pb::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_",
                        checklist.personnel_group())
            << "\t" << EnumName(common_pb::Period_descriptor(), "PERIOD_", checklist.period())
            << "\t" << (thai ? "แสดงแล้ว " : "shown ") << checklist.shown() << ", "
            << (thai ? "กำลังพัฒนา " : "in progress ") << checklist.in_progress() << ", "
            << (thai ? "ยังไม่เริ่ม " : "not started ") << checklist.not_started() << "\n";
  for (const pb::CheckedBehaviour& checked : checklist.behaviours()) {
    const pb::Behaviour& b = checked.behaviour();
    std::cout << b.code() << "\t" << state_text(checked.state()) << "\t"
              << (thai || b.text().en().empty() ? b.text().th() : b.text().en()) << "\n";
    for (const pb::BehaviourEvidence& e : checked.evidence()) {
      std::cout << "\t" << EnumName(pb::EvidenceKind_descriptor(), "EVIDENCE_KIND_", e.kind())
                << " " << e.id() << "\t" << e.title() << "\t"
                << absl::StrJoin(e.matched_codes(), ";")
                << (e.application_confirmed()
                        ? (thai ? "\tนำไปใช้ในงานแล้ว (ยืนยัน)" : "\tapplied (confirmed)")
                    : e.application_recorded()
                        ? (thai ? "\tนำไปใช้ในงาน (รอยืนยัน)" : "\tapplied (awaiting confirmation)")
                        : "")
                << "\n";
    }
  }
  return 0;
}

// thaksa units check CODE...: each code's one form, and whether the catalogue knows it (or the
// nearest it knows).
int CheckUnits(const Cli& cli, const std::vector<std::string>& args) {
  pb::CheckUnitCodesRequest request;
  for (size_t i = 2; i < args.size(); ++i) request.add_codes(args[i]);
  pb::CheckUnitCodesResponse response;
  grpc::Status s = Stub(cli)->CheckUnitCodes(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  int unknown = 0;
  for (const pb::UnitCodeCheck& check : response.checks()) {
    std::cout << check.given() << "\t";
    if (!check.error().empty()) {
      std::cout << "INVALID\t" << check.error() << "\n";
    } else if (check.known()) {
      std::cout << check.code() << "\t" << check.unit().skill_set_code()
                << (check.unit().provisional() ? " (provisional)" : "") << "\n";
    } else {
      std::cout << check.code() << "\tUNKNOWN\tnearest " << check.nearest() << "\n";
    }
    unknown += check.known() ? 0 : 1;
  }
  return unknown == 0 ? 0 : 1;
}

}  // namespace

int RunAssessmentCommand(const Cli& cli, const std::vector<std::string>& args) {
  const std::string group = args[0];
  const std::string verb = args.size() > 1 ? args[1] : "";
  if (group == "profile" && args.size() == 2) return Profile(cli, args[1]);
  if (group == "checklist" && args.size() == 2) return Checklist(cli, args[1]);
  if (group == "frameworks" && verb == "list") return ListFrameworks(cli);
  if (group == "frameworks" && verb == "seed" && args.size() == 3) {
    return Report(SeedFrameworks(*Stub(cli), args[2], std::cout, cli.options));
  }
  if (group == "frameworks" && verb == "assign" && args.size() == 3) return Assign(cli, args[2]);
  if (group == "frameworks" && verb == "adopt" && args.size() == 3) return Adopt(cli, args[2]);
  if (group == "units" && verb == "load" && args.size() == 3) {
    return Report(LoadCompetencyUnits(*Stub(cli), args[2], std::cout, cli.options));
  }
  if (group == "units" && verb == "check" && args.size() >= 3) return CheckUnits(cli, args);
  if (group == "behaviours" && verb == "load" && args.size() == 3) {
    return Report(LoadBehaviours(*Stub(cli), args[2], std::cout, cli.options));
  }
  if (group == "assessments" && verb == "import" && args.size() == 3) {
    auto stub = Stub(cli);
    return ImportFile(cli, args[2], [&](std::istream& in, const CallOptions& options) {
      return ImportAssessments(*stub, in, std::cout, options);
    });
  }
  if (group == "assessments" && verb == "list" && args.size() == 3) {
    return ListAssessments(cli, args[2]);
  }
  return -1;
}

}  // namespace thaksa::cli
