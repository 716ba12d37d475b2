#include "tests/support/records.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/citizen_id.h"
#include "common/grpc_status.h"
#include "common/status.h"

namespace thaksa::testing {

learning::v1::CompletionRecord PassedCompletion(const std::string& record_id, int64_t person,
                                                const std::string& course, int64_t start,
                                                int assessed_level) {
  learning::v1::CompletionRecord record;
  record.set_record_id(record_id);
  record.set_person_id(person);
  record.set_course_code(course);
  record.set_started_at_unix(start);
  record.set_finished_at_unix(start + 6 * 3600);
  record.set_hours(6);
  record.set_passed(true);
  record.set_assessed_level(assessed_level);
  return record;
}

learning::v1::PlanRecord PlanRecordOf(const std::string& external_id, int64_t person) {
  namespace lpb = ::thaksa::learning::v1;
  lpb::PlanRecord record;
  record.set_external_id(external_id);
  record.set_person_id(person);
  record.mutable_fiscal_year()->set_be_year(2570);
  struct Planned {
    const char* title;
    lpb::LearningMode mode;
    lpb::Horizon horizon;
    double hours;
    const char* skill_set;
  };
  for (const Planned& p :
       {Planned{"โครงการระบบพยากรณ์อากาศ", lpb::LEARNING_MODE_EXPERIENTIAL, lpb::HORIZON_PRESENT,
                50, "LITERACY"},
        Planned{"หมุนเวียนงานธรรมาภิบาลข้อมูล", lpb::LEARNING_MODE_EXPERIENTIAL,
                lpb::HORIZON_FUTURE, 20, "GOVERNANCE"},
        Planned{"เรียนรู้จากพี่เลี้ยง", lpb::LEARNING_MODE_SOCIAL, lpb::HORIZON_PRESENT, 20,
                "TECHNOLOGY"},
        Planned{"หลักสูตรการรู้ดิจิทัล", lpb::LEARNING_MODE_FORMAL, lpb::HORIZON_PRESENT, 10,
                "LITERACY"}}) {
    lpb::PlanItem* item = record.add_items();
    item->set_title(p.title);
    item->set_mode(p.mode);
    item->set_horizon(p.horizon);
    item->set_planned_hours(p.hours);
    item->add_skill_set_codes(p.skill_set);
    *item->mutable_due() = DateOf(2027, 9, 30);
  }
  return record;
}

std::string CitizenId(int n) {
  const std::string first12 = absl::StrFormat("1%011d", 10100000000LL + n);
  return absl::StrCat(first12, CitizenIdCheckDigit(first12));
}

common::v1::Date DateOf(int year, int month, int day) {
  common::v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

personnel::v1::PersonRecord PersonRecordOf(int n, const std::string& record_agency,
                                           const std::string& agency,
                                           const std::string& supervisor) {
  personnel::v1::PersonRecord r;
  r.set_agency_of_record_code(record_agency);
  r.set_employee_number(absl::StrCat("E", n));
  r.set_citizen_id(CitizenId(n));
  r.mutable_name()->set_th(absl::StrCat("ข้าราชการ ", n));
  r.set_agency_code(agency);
  r.set_position_title("นักวิชาการคอมพิวเตอร์");
  r.set_grade("ชำนาญการ");
  r.set_personnel_group(common::v1::PERSONNEL_GROUP_TECHNOLOGY);
  r.set_supervisor_employee_number(supervisor);
  return r;
}

std::vector<std::string> BadFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) fields.push_back(v.field);
  return fields;
}

assessment::v1::AssessmentRecord AssessmentRecordOf(int64_t person, const std::string& skill_set,
                                                    int level,
                                                    assessment::v1::AssessmentSource source,
                                                    const common::v1::Date& on) {
  assessment::v1::AssessmentRecord r;
  r.set_person_id(person);
  r.set_skill_set_code(skill_set);
  r.set_level(level);
  r.set_source(source);
  r.set_instrument("แบบประเมิน");
  *r.mutable_assessed_on() = on;
  return r;
}

std::vector<assessment::v1::AssessmentRecord> SupervisorAssessments(
    const std::vector<int64_t>& people, int count, const std::string& prefix) {
  const std::vector<std::string> sets = {"LITERACY", "GOVERNANCE", "LEADERSHIP", "TECHNOLOGY"};
  std::vector<assessment::v1::AssessmentRecord> records;
  for (int i = 0; i < count; ++i) {
    records.push_back(AssessmentRecordOf(people[i / 4], sets[i % 4], 1 + i % 3,
                                         assessment::v1::ASSESSMENT_SOURCE_SUPERVISOR,
                                         DateOf(2026, 1 + i % 9, 1 + i % 28)));
    records.back().set_external_id(absl::StrCat(prefix, i));
  }
  return records;
}

assessment::v1::Framework FrameworkOf(const std::string& code,
                                      const std::vector<std::string>& foundation,
                                      const std::vector<std::string>& optional, int top) {
  namespace apb = ::thaksa::assessment::v1;
  apb::Framework framework;
  framework.set_code(code);
  framework.mutable_name()->set_th("กรอบ " + code);
  auto add = [&](const std::string& set, apb::SkillSetKind kind) {
    apb::SkillSet* s = framework.add_skill_sets();
    s->set_code(set);
    s->mutable_name()->set_th(set);
    s->set_kind(kind);
  };
  for (const std::string& set : foundation) add(set, apb::SKILL_SET_KIND_FOUNDATION);
  add("TECHNOLOGY", apb::SKILL_SET_KIND_ROLE);
  for (const std::string& set : optional) add(set, apb::SKILL_SET_KIND_OPTIONAL);
  for (int level = 0; level <= top; ++level) {
    apb::ProficiencyLevel* l = framework.add_levels();
    l->set_level(level);
    l->mutable_name()->set_th(absl::StrCat(level));
  }
  std::vector<std::string> targeted = foundation;
  targeted.push_back("TECHNOLOGY");
  for (const std::string& set : targeted) {
    for (auto [period, level] : {std::pair{common::v1::PERIOD_EARLY, 1},
                                 std::pair{common::v1::PERIOD_DEVELOPING, 2},
                                 std::pair{common::v1::PERIOD_MATURING, 3}}) {
      apb::Target* target = framework.add_targets();
      target->set_personnel_group(common::v1::PERSONNEL_GROUP_TECHNOLOGY);
      target->set_skill_set_code(set);
      target->set_period(period);
      target->set_level(std::min(level, top));
    }
  }
  return framework;
}

}  // namespace thaksa::testing
