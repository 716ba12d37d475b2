#include "tools/loadgen/dataset.h"

#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/citizen_id.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"

namespace thaksa::loadgen {
namespace {

namespace ppb = ::thaksa::personnel::v1;
namespace apb = ::thaksa::assessment::v1;
namespace lpb = ::thaksa::learning::v1;
namespace cpb = ::thaksa::common::v1;

constexpr const char* kMinistries[] = {
    "กระทรวงมหาดไทย", "กระทรวงการคลัง", "กระทรวงการต่างประเทศ", "กระทรวงการท่องเที่ยวและกีฬา",
    "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
    "กระทรวงเกษตรและสหกรณ์", "กระทรวงคมนาคม", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "กระทรวงพลังงาน", "กระทรวงพาณิชย์", "กระทรวงยุติธรรม",
    "กระทรวงแรงงาน", "กระทรวงวัฒนธรรม", "กระทรวงศึกษาธิการ", "กระทรวงสาธารณสุข",
    "กระทรวงอุตสาหกรรม", "กระทรวงกลาโหม", "สำนักนายกรัฐมนตรี"};
constexpr int kProvinces = 77;

constexpr const char* kGivenNames[] = {
    "สมชาย", "สมศรี", "วิชัย", "มาลี", "ประเสริฐ", "สุภาพร", "ธนากร", "กมลวรรณ", "อนุชา", "พิมพ์ชนก",
    "ณัฐพล", "ศิริพร", "ชยพล", "วราภรณ์", "ปิยะ", "จันทร์เพ็ญ", "สุรเชษฐ์", "นภัสสร", "กิตติ", "อรทัย",
    "ธีรวัฒน์", "รัชนี", "วีระ", "ดวงใจ", "พงศกร", "สุดารัตน์", "อภิชาต", "ปวีณา", "ศุภชัย", "กาญจนา"};
constexpr const char* kFamilyNames[] = {
    "ใจดี", "วงศ์ไทย", "ศรีสุข", "รักชาติ", "แก้วมณี", "บุญมา", "ทองดี", "สายสุวรรณ", "พรหมมา",
    "จันทร์แก้ว", "มั่นคง", "เพชรรัตน์", "ศักดิ์สิทธิ์", "ชัยมงคล", "สุขสวัสดิ์", "ศรีวงศ์", "อินทร์แก้ว",
    "ปัญญาดี", "นาคสวัสดิ์", "เรืองศรี", "สมบูรณ์ชัย", "ทองประเสริฐ", "บุญเรือง", "คงเจริญ",
    "ธนสาร", "พูลสวัสดิ์", "วัฒนกุล", "ศรีประเสริฐ", "อุดมสุข", "มณีวงศ์"};

struct GroupShare {
  cpb::PersonnelGroup group;
  int per_mille;
  std::vector<const char*> positions;
};
// The mix of groups: a few executives and division directors, most in policy, service and other
// work, a small technology cadre.
const std::vector<GroupShare>& GroupShares() {
  static const auto* shares = new std::vector<GroupShare>{
      {cpb::PERSONNEL_GROUP_EXECUTIVE, 5, {"อธิบดี", "รองอธิบดี", "ผู้ว่าราชการจังหวัด"}},
      {cpb::PERSONNEL_GROUP_MANAGEMENT, 30, {"ผู้อำนวยการกอง", "ผู้อำนวยการสำนัก"}},
      {cpb::PERSONNEL_GROUP_ACADEMIC, 250,
       {"นักวิเคราะห์นโยบายและแผน", "นักวิชาการสถิติ", "นักทรัพยากรบุคคล", "นักวิชาการเงินและบัญชี"}},
      {cpb::PERSONNEL_GROUP_SERVICE, 350,
       {"เจ้าพนักงานธุรการ", "นักจัดการงานทั่วไป", "เจ้าพนักงานการเงินและบัญชี", "เจ้าพนักงานปกครอง"}},
      {cpb::PERSONNEL_GROUP_TECHNOLOGY, 60, {"นักวิชาการคอมพิวเตอร์", "เจ้าพนักงานเครื่องคอมพิวเตอร์"}},
      {cpb::PERSONNEL_GROUP_OTHERS, 305, {"พนักงานขับรถยนต์", "นายช่างโยธา", "นาฏศิลปิน", "นักดนตรี"}}};
  return *shares;
}

struct CourseSpec {
  const char* code;
  const char* title_th;
  const char* title_en;
  int hours;
};
constexpr CourseSpec kCourses[] = {
    {"DG-101", "ความเข้าใจดิจิทัลสำหรับข้าราชการ", "Digital literacy for civil servants", 6},
    {"DG-102", "กฎหมายและธรรมาภิบาลดิจิทัล", "Digital law and governance", 3},
    {"DG-201", "การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ", "Data analysis for decisions", 12},
    {"DG-202", "การออกแบบบริการภาครัฐดิจิทัล", "Designing digital public services", 6},
    {"DG-301", "การบริหารโครงการดิจิทัล", "Managing digital projects", 6},
    {"DG-302", "ความมั่นคงปลอดภัยไซเบอร์", "Cybersecurity essentials", 3}};
constexpr int kCourseCount = sizeof(kCourses) / sizeof(kCourses[0]);

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Seconds since the epoch of `hour`:00 Thai time on `day`.
int64_t ThaiHour(absl::CivilDay day, int hour) {
  return absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), hour), ThailandTimeZone()));
}

ppb::Agency MakeAgency(std::string code, std::string parent, ppb::AgencyKind kind,
                       std::string name_th, std::string name_en) {
  ppb::Agency agency;
  agency.set_code(std::move(code));
  agency.set_parent_code(std::move(parent));
  agency.set_kind(kind);
  agency.mutable_name()->set_th(std::move(name_th));
  agency.mutable_name()->set_en(std::move(name_en));
  return agency;
}

// A ministry's or department's accountable officer: its CIO.
void NameCio(ppb::Agency& agency) {
  ppb::AccountableOfficer* officer = agency.mutable_accountable_officer();
  officer->set_name(absl::StrCat("ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง ", agency.code()));
  officer->set_role(ppb::ACCOUNTABLE_ROLE_CIO);
}

}  // namespace

absl::StatusOr<Scale> ScaleNamed(absl::string_view name) {
  if (name == "small") return Scale{"small", 20'000, 4, 12, 8};
  if (name == "national") return Scale{"national", 2'000'000, 20, 150, 20};
  return absl::InvalidArgumentError(absl::StrCat("scale '", name, "' is not small or national"));
}

size_t SpreadIndex(int64_t n, size_t bound) {
  return static_cast<size_t>((static_cast<uint64_t>(n) * 0x9e3779b97f4a7c15ULL) >> 11) % bound;
}

const std::vector<int64_t>& GradeHeadcounts() {
  static const auto* headcounts = new std::vector<int64_t>{
      2219, 4214, 9545, 24757, 91425, 115040, 86153, 24960, 3728, 685, 41};
  return *headcounts;
}

Dataset::Dataset(Scale scale, uint64_t seed) : scale_(std::move(scale)), seed_(seed) {
  const int ministries = std::min<int>(scale_.ministries, std::size(kMinistries));
  for (int m = 0; m < ministries; ++m) {
    const std::string ministry = absl::StrFormat("M%02d", m + 1);
    ministry_codes_.push_back(ministry);
    agencies_.push_back(MakeAgency(ministry, "", ppb::AGENCY_KIND_MINISTRY, kMinistries[m],
                                   absl::StrCat("Ministry ", m + 1)));
    NameCio(agencies_.back());
  }
  for (int d = 0; d < scale_.departments; ++d) {
    const int m = d % ministries;
    const int number = d / ministries + 1;
    const std::string department = absl::StrFormat("%s-D%02d", ministry_codes_[m], number);
    agencies_.push_back(MakeAgency(
        department, ministry_codes_[m], ppb::AGENCY_KIND_DEPARTMENT,
        number == 1 ? absl::StrCat("สำนักงานปลัด", kMinistries[m])
                    : absl::StrCat("กรมที่ ", number, " ", kMinistries[m]),
        absl::StrCat("Department ", number, " of Ministry ", m + 1)));
    NameCio(agencies_.back());
    const bool provinces = d == 0;
    const int units = provinces ? kProvinces : scale_.divisions_per_department;
    for (int u = 1; u <= units; ++u) {
      const std::string unit = absl::StrFormat("%s-%c%02d", department, provinces ? 'P' : 'V', u);
      agencies_.push_back(
          provinces ? MakeAgency(unit, department, ppb::AGENCY_KIND_PROVINCIAL_OFFICE,
                                 absl::StrCat("สำนักงานจังหวัดที่ ", u), absl::StrCat("Province ", u))
                    : MakeAgency(unit, department, ppb::AGENCY_KIND_DIVISION,
                                 absl::StrCat("กองที่ ", u, " ", agencies_.back().name().th()),
                                 absl::StrCat("Division ", u, " of ", department)));
      unit_codes_.push_back(unit);
      department_of_unit_.push_back(department);
    }
  }
}

uint64_t Dataset::Draw(int64_t index, uint64_t salt, uint64_t bound) const {
  return SplitMix(SplitMix(seed_ ^ (salt * 0x632be59bd9b4e019ULL)) ^ static_cast<uint64_t>(index)) %
         bound;
}

ppb::PersonRecord Dataset::Person(int64_t index) const {
  const size_t unit = static_cast<size_t>(Draw(index, 1, unit_codes_.size()));
  ppb::PersonRecord person;
  person.set_agency_of_record_code(department_of_unit_[unit]);
  person.set_agency_code(unit_codes_[unit]);
  person.set_employee_number(absl::StrFormat("P%08d", index + 1));
  const std::string twelve = absl::StrFormat("1%011d", (seed_ % 100) * 1'000'000'000 + index);
  person.set_citizen_id(absl::StrCat(twelve, CitizenIdCheckDigit(twelve)));
  person.mutable_name()->set_th(
      absl::StrCat(kGivenNames[Draw(index, 2, std::size(kGivenNames))], " ",
                   kFamilyNames[Draw(index, 3, std::size(kFamilyNames))]));
  person.set_status(ppb::EMPLOYMENT_STATUS_ACTIVE);

  int share = static_cast<int>(Draw(index, 4, 1000));
  const GroupShare* group = &GroupShares().back();
  for (const GroupShare& g : GroupShares()) {
    if (share < g.per_mille) {
      group = &g;
      break;
    }
    share -= g.per_mille;
  }
  person.set_personnel_group(group->group);
  person.set_position_title(group->positions[Draw(index, 5, group->positions.size())]);
  int grade = 0;
  if (group->group == cpb::PERSONNEL_GROUP_EXECUTIVE) {
    grade = 10 + static_cast<int>(Draw(index, 6, 2));
  } else if (group->group == cpb::PERSONNEL_GROUP_MANAGEMENT) {
    grade = 8 + static_cast<int>(Draw(index, 6, 2));
  } else {
    const std::vector<int64_t>& counts = GradeHeadcounts();
    int64_t pick = static_cast<int64_t>(
        Draw(index, 6, static_cast<uint64_t>(std::accumulate(counts.begin(), counts.end(), 0LL))));
    while (pick >= counts[grade]) pick -= counts[grade++];
    ++grade;
  }
  person.set_grade(absl::StrCat("ระดับ ", grade));
  DayToProto(absl::CivilDay(2025, 10, 1), person.mutable_effective_from());
  return person;
}

std::vector<apb::AssessmentRecord> Dataset::Assessments(
    int64_t index, int64_t person_id, const std::vector<std::string>& skill_set_codes) const {
  static constexpr int kLevelPerCent[] = {10, 30, 35, 20, 5};  // levels 0-4
  std::vector<apb::AssessmentRecord> records;
  const int count = 1 + static_cast<int>(Draw(index, 10, 3));
  const size_t first = Draw(index, 11, skill_set_codes.size());
  for (int k = 0; k < count && k < static_cast<int>(skill_set_codes.size()); ++k) {
    apb::AssessmentRecord& a = records.emplace_back();
    a.set_person_id(person_id);
    a.set_framework_code(kFrameworkCode);
    a.set_skill_set_code(skill_set_codes[(first + k) % skill_set_codes.size()]);
    int pick = static_cast<int>(Draw(index, 12 + k, 100));
    int level = 0;
    while (pick >= kLevelPerCent[level]) pick -= kLevelPerCent[level++];
    a.set_level(level);
    a.set_source(Draw(index, 16 + k, 10) < 6 ? apb::ASSESSMENT_SOURCE_SELF
                                              : apb::ASSESSMENT_SOURCE_SUPERVISOR);
    a.set_instrument("แบบประเมินทักษะดิจิทัล");
    DayToProto(absl::CivilDay(2026, 6, 1) + static_cast<int>(Draw(index, 20 + k, 150)),
            a.mutable_assessed_on());
    a.set_external_id(absl::StrCat("bench-", seed_, "-a-", index, "-", k));
  }
  return records;
}

std::vector<lpb::PlanItem> Dataset::PlanItems(int64_t index,
                                              const std::vector<std::string>& skill_set_codes) const {
  const size_t first = Draw(index, 11, skill_set_codes.size());
  auto item = [&](const char* title, lpb::LearningMode mode, double hours, lpb::Horizon horizon,
                  size_t skill) {
    lpb::PlanItem i;
    i.set_title(title);
    i.set_mode(mode);
    i.add_skill_set_codes(skill_set_codes[(first + skill) % skill_set_codes.size()]);
    i.set_planned_hours(hours);
    i.set_horizon(horizon);
    DayToProto(absl::CivilDay(2027, 9, 30), i.mutable_due());
    return i;
  };
  std::vector<lpb::PlanItem> items = {
      item("โครงการปรับปรุงงานด้วยข้อมูลในหน่วยงาน", lpb::LEARNING_MODE_EXPERIENTIAL, 50,
           lpb::HORIZON_PRESENT, 0),
      item("การเรียนรู้ด้วยตนเองจากงานที่ได้รับมอบหมาย", lpb::LEARNING_MODE_EXPERIENTIAL, 20,
           lpb::HORIZON_PRESENT, 3),
      item("การเรียนรู้จากพี่เลี้ยงและชุมชนนักปฏิบัติ", lpb::LEARNING_MODE_SOCIAL, 20,
           lpb::HORIZON_FUTURE, 1),
      item("หลักสูตรอบรม", lpb::LEARNING_MODE_FORMAL, 10, lpb::HORIZON_FUTURE, 2)};
  const CourseSpec& course = kCourses[Draw(index, 31, kCourseCount)];
  items.back().set_title(course.title_th);
  items.back().set_institute_code(kInstituteCode);
  items.back().set_course_code(course.code);
  return items;
}

std::vector<lpb::CompletionRecord> Dataset::Completions(int64_t index, int64_t person_id) const {
  std::vector<lpb::CompletionRecord> records;
  const int count = 2 + static_cast<int>(Draw(index, 30, 3));
  for (int k = 0; k < count; ++k) {
    const CourseSpec& course = kCourses[Draw(index, 31 + k, kCourseCount)];
    // One week each, so that no two of a person's completions overlap.
    const absl::CivilDay day =
        absl::CivilDay(2026, 10, 1) + 7 * k + static_cast<int>(Draw(index, 40 + k, 5));
    lpb::CompletionRecord& c = records.emplace_back();
    c.set_record_id(absl::StrCat("bench-", seed_, "-c-", index, "-", k));
    c.set_person_id(person_id);
    c.set_course_code(course.code);
    c.set_started_at_unix(ThaiHour(day, 8));
    c.set_finished_at_unix(ThaiHour(day, 8 + course.hours));
    c.set_hours(course.hours);
    c.set_passed(true);
    c.set_score(60 + static_cast<double>(Draw(index, 50 + k, 41)));
    // One in twenty ends with an exam that sets a level.
    if (Draw(index, 60 + k, 20) == 0) c.set_assessed_level(2);
  }
  return records;
}

lpb::CompletionRecord Dataset::LaterCompletion(const std::string& run, int64_t n,
                                               int64_t person_id) const {
  const CourseSpec& course = kCourses[n % kCourseCount];
  const int64_t round = n / std::max<int64_t>(scale_.people, 1);
  const absl::CivilDay day = absl::CivilDay(2026, 11, 1) + static_cast<int>(round % 14);
  const int start_hour = 6 + 3 * static_cast<int>((round / 14) % 5);
  lpb::CompletionRecord c;
  c.set_record_id(absl::StrCat("bench-", run, "-", n));
  c.set_person_id(person_id);
  c.set_course_code(course.code);
  c.set_started_at_unix(ThaiHour(day, start_hour));
  c.set_finished_at_unix(ThaiHour(day, start_hour) + 3600 * std::min(course.hours, 3));
  c.set_hours(std::min(course.hours, 3));
  c.set_passed(true);
  c.set_score(80);
  return c;
}

lpb::Institute Dataset::Institute() const {
  lpb::Institute institute;
  institute.set_code(kInstituteCode);
  institute.mutable_name()->set_th("สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล");
  institute.mutable_name()->set_en("Digital Government Academy");
  institute.set_max_assessed_level(3);
  return institute;
}

std::vector<lpb::Course> Dataset::Courses(const std::vector<std::string>& skill_set_codes) const {
  std::vector<lpb::Course> courses;
  for (int k = 0; k < kCourseCount; ++k) {
    lpb::Course& c = courses.emplace_back();
    c.set_institute_code(kInstituteCode);
    c.set_code(kCourses[k].code);
    c.mutable_title()->set_th(kCourses[k].title_th);
    c.mutable_title()->set_en(kCourses[k].title_en);
    c.add_skill_set_codes(skill_set_codes[k % skill_set_codes.size()]);
    c.set_framework_code(kFrameworkCode);
    c.set_evidenced_level(2);
    c.set_delivery(lpb::DELIVERY_BLENDED);
    c.set_total_hours(kCourses[k].hours);
    c.set_min_duration_minutes(60);
    c.mutable_class_hours()->set_lecture(kCourses[k].hours * 0.5);
    c.mutable_class_hours()->set_learning_by_doing(kCourses[k].hours * 0.3);
    c.mutable_class_hours()->set_case_study(kCourses[k].hours * 0.2);
  }
  return courses;
}

}  // namespace thaksa::loadgen
