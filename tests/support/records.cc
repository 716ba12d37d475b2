#include "tests/support/records.h"

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

}  // namespace thaksa::testing
