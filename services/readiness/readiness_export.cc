#include "services/readiness/readiness_export.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa::readiness {
namespace {

// A CSV field: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

// "TECHNOLOGY" for PERSONNEL_GROUP_TECHNOLOGY.
std::string GroupName(int group) {
  const std::string& name =
      common::v1::PersonnelGroup_Name(static_cast<common::v1::PersonnelGroup>(group));
  constexpr absl::string_view kPrefix = "PERSONNEL_GROUP_";
  return name.size() > kPrefix.size() ? name.substr(kPrefix.size()) : name;
}

void AppendRows(const std::string& agency, const std::vector<Cell>& cells, bool thai,
                std::string& csv) {
  const std::string provisional = thai ? "ใช่" : "yes", official = thai ? "ไม่ใช่" : "no";
  for (const Cell& cell : cells) {
    const Counts& c = cell.counts;
    absl::StrAppend(&csv, CsvField(agency), ",", GroupName(cell.personnel_group), ",",
                    CsvField(cell.skill_set_code), ",", CsvField(cell.framework_code), ",",
                    c.headcount, ",", c.assessed, ",", c.meets_present, ",", c.meets_future, ",",
                    c.expired, ",", absl::StrFormat("%.4f,%.4f", c.ShareReady(), c.AverageGap()),
                    ",", c.target_not_declared, ",", c.provisional ? provisional : official, "\n");
  }
}

}  // namespace

std::string ReadinessCsv(const ReadinessFigures& figures, bool thai) {
  std::string csv =
      thai ? "หน่วยงาน,กลุ่มเป้าหมาย,กลุ่มทักษะ,กรอบ,จำนวนคน,ประเมินแล้ว,ผ่านเป้าหมายปัจจุบัน,"
             "ผ่านเป้าหมายอนาคต,ผลประเมินหมดอายุ,สัดส่วนพร้อม,ส่วนต่างเฉลี่ย,ยังไม่ประกาศระยะการพัฒนา,"
             "เป้าหมายชั่วคราว\n"
           : "agency,personnel_group,skill_set,framework,headcount,assessed,meets_present,"
             "meets_future,expired,share_ready,average_gap,target_not_declared,provisional\n";
  for (const ChildFigures& child : figures.children) {
    AppendRows(child.agency.id == 0 ? absl::StrCat(figures.agency.code, " (direct)")
                                    : child.agency.code,
               child.cells, thai, csv);
  }
  AppendRows(figures.agency.code, figures.cells, thai, csv);
  return csv;
}

std::vector<std::string> Chunks(const std::string& text, size_t size) {
  std::vector<std::string> chunks;
  for (size_t start = 0; start < text.size(); start += size) {
    chunks.push_back(text.substr(start, size));
  }
  return chunks;
}

}  // namespace thaksa::readiness
