// thaksa readiness --agency CODE: the group x skill-set matrix of share ready, and the
// children's totals, as a table.
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "common/thai_calendar.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "tools/cli/cli.h"
#include "tools/cli/enum_names.h"
#include "tools/cli/readiness_report.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::readiness::v1;

// Share ready, of how many with a target; marked * when measured against provisional targets.
std::string Share(const pb::Counts& c) {
  return absl::StrFormat("%3.0f%%%s (%d/%d)", 100 * c.share_ready(), c.provisional() ? "*" : "",
                         c.meets_present(), c.headcount() - c.target_not_declared());
}

int ExportCsv(const Cli& cli) {
  pb::ExportReadinessRequest request;
  request.mutable_readiness()->set_agency_code(absl::GetFlag(FLAGS_agency));
  request.mutable_readiness()->set_subtree(true);
  request.set_language(absl::GetFlag(FLAGS_lang));
  auto context = NewContext(cli.options);
  auto reader = pb::ReadinessService::NewStub(cli.channel)->ExportReadiness(context.get(), request);
  pb::CsvChunk chunk;
  while (reader->Read(&chunk)) std::cout << chunk.data();
  grpc::Status s = reader->Finish();
  return s.ok() ? 0 : Fail(s);
}

int ShowReadiness(const Cli& cli) {
  if (absl::GetFlag(FLAGS_csv)) return ExportCsv(cli);
  pb::GetReadinessRequest request;
  request.set_agency_code(absl::GetFlag(FLAGS_agency));
  request.set_subtree(true);
  pb::Readiness r;
  grpc::Status s = pb::ReadinessService::NewStub(cli.channel)
                       ->GetReadiness(NewContext(cli.options).get(), request, &r);
  if (!s.ok()) return Fail(s);
  const bool thai = absl::GetFlag(FLAGS_lang) != "en";
  std::set<std::string> skill_sets;
  std::map<int, std::map<std::string, pb::Counts>> matrix;
  for (const pb::Cell& cell : r.cells()) {
    skill_sets.insert(cell.skill_set_code());
    AddCounts(matrix[cell.personnel_group()][cell.skill_set_code()], cell.counts());
  }
  std::cout << (thai ? "ความพร้อม " : "readiness ") << r.agency_code() << "\t"
            << (thai ? "ข้อมูล ณ " : "data as of ")
            << absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixMicros(r.data_as_of_unix_micros()),
                                ThailandTimeZone())
            << (r.pending_changes() > 0
                    ? absl::StrFormat("\t(%d %s)", r.pending_changes(),
                                      thai ? "รายการรอประมวลผล" : "changes pending")
                    : "")
            << "\n" << (thai ? "กลุ่ม" : "group");
  for (const std::string& skill_set : skill_sets) std::cout << "\t" << skill_set;
  std::cout << "\t" << (thai ? "รวม" : "total") << "\n";
  for (const pb::GroupTotal& group : r.groups()) {
    std::cout << EnumName(common::v1::PersonnelGroup_descriptor(), "PERSONNEL_GROUP_",
                          group.personnel_group());
    for (const std::string& skill_set : skill_sets) {
      auto cell = matrix[group.personnel_group()].find(skill_set);
      std::cout << "\t" << (cell == matrix[group.personnel_group()].end() ? "-" : Share(cell->second));
    }
    std::cout << "\t" << Share(group.counts()) << "\n";
  }
  std::cout << (thai ? "รวม" : "total");
  for (const pb::SkillSetTotal& total : r.skill_sets()) std::cout << "\t" << Share(total.counts());
  std::cout << "\t" << Share(r.total()) << "\n" << CountedInEachGroupNote(thai) << "\n\n"
            << (thai ? "หน่วยงานย่อย" : "child agency")
            << "\t" << (thai ? "พร้อม" : "ready") << "\t" << (thai ? "ส่วนต่างเฉลี่ย" : "mean gap")
            << "\n";
  for (const pb::Breakdown& child : r.children()) {
    std::cout << (child.agency_code().empty() ? (thai ? "(สังกัดโดยตรง)" : "(attached directly)")
                                              : child.agency_code() + " " + child.agency_name().th())
              << "\t" << Share(child.total()) << "\t"
              << absl::StrFormat("%.2f", child.total().average_gap()) << "\n";
  }
  if (r.total().provisional()) {
    std::cout << "\n* " << (thai ? "วัดเทียบกับเป้าหมายชั่วคราว ยังไม่ใช่เป้าหมายทางการ"
                                : "measured against provisional targets, not yet the official ones")
              << "\n";
  }
  if (r.agencies_without_period_size() > 0) {
    std::cout << "\n"
              << (thai ? "ยังไม่ประกาศระยะการพัฒนา (ไม่มีเป้าหมาย):" : "no declared period (no targets):");
    for (const pb::AgencyName& agency : r.agencies_without_period()) {
      std::cout << " " << agency.agency_code();
    }
    std::cout << "\n";
  }
  return 0;
}

int WriteReport(const Cli& cli) {
  absl::StatusOr<ReportData> data = FetchReportData(cli.channel, cli.options, absl::GetFlag(FLAGS_agency));
  if (!data.ok()) return Fail(std::string(data.status().message()));
  const std::string path = absl::GetFlag(FLAGS_out);
  std::ofstream out(path, std::ios::binary);
  out << RenderReadinessReport(*data, absl::GetFlag(FLAGS_lang) != "en");
  if (!out) return Fail("cannot write " + path);
  std::cout << path << "\n";
  return 0;
}

}  // namespace

int RunReadinessCommand(const Cli& cli, const std::vector<std::string>& args) {
  if (args[0] == "readiness" && args.size() == 1) return ShowReadiness(cli);
  if (args[0] == "report" && args.size() == 1 && !absl::GetFlag(FLAGS_out).empty()) {
    return WriteReport(cli);
  }
  return -1;
}

}  // namespace thaksa::cli
