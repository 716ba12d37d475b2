#include "tools/cli/readiness_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "common/grpc_status.h"
#include "common/status.h"
#include "common/thai_calendar.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"
#include "thaksa/readiness/v1/readiness.grpc.pb.h"
#include "thaksa/common/v1/common.pb.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::readiness::v1;

std::string Escape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::string Percent(double share) { return absl::StrFormat("%.0f%%", 100 * share); }

// Red (0) to green (1) through amber, as a background for a share.
std::string Color(double share) {
  const int red = share < 0.5 ? 220 : static_cast<int>(220 - (share - 0.5) * 2 * 180);
  const int green = share < 0.5 ? static_cast<int>(60 + share * 2 * 140) : 200;
  return absl::StrFormat("rgb(%d,%d,90)", red, green);
}

std::string GroupLabel(int group, bool thai) {
  static const std::map<int, std::pair<const char*, const char*>> kLabels = {
      {1, {"ผู้บริหารระดับสูง", "Executive"}},
      {2, {"ผู้อำนวยการกอง", "Management"}},
      {3, {"นโยบายและวิชาการ", "Academic"}},
      {4, {"บริการ", "Service"}},
      {5, {"เทคโนโลยีดิจิทัล", "Technology"}},
      {6, {"ผู้ปฏิบัติงานอื่น", "Others"}}};
  auto it = kLabels.find(group);
  if (it == kLabels.end()) return "?";
  return thai ? it->second.first : it->second.second;
}

// The mark of a figure measured against provisional targets, explained by kProvisionalNote.
constexpr char kProvisionalMark[] = "†";

// kProvisionalMark after a figure of `c` if it is provisional, else nothing.
std::string Mark(const pb::Counts& c) {
  if (!c.provisional()) return "";
  return absl::StrCat("<sup class=\"provisional\" title=\"เป้าหมายชั่วคราว / provisional target\">",
                      kProvisionalMark, "</sup>");
}

// Shown in both languages whenever a figure of the page is measured against provisional targets.
constexpr char kProvisionalNote[] =
    "<p id=\"provisional\" class=\"provisional-note\">† <b>เป้าหมายชั่วคราว</b> ตัวเลขที่มีเครื่องหมาย"
    " † วัดเทียบกับเป้าหมายชั่วคราว ยังไม่ใช่เป้าหมายทางการที่ ก.พ. กำหนด<br>† <b>Provisional"
    " targets</b>: figures marked † are measured against provisional targets, not yet the"
    " official ones.</p>";

// People with a target: the headcount but those without a declared period.
int64_t WithTarget(const pb::Counts& c) { return c.headcount() - c.target_not_declared(); }

// A heat-map cell: share ready of the people with a target, and how many have none.
std::string HeatCell(const pb::Counts& c, bool thai) {
  std::string undeclared;
  if (c.target_not_declared() > 0) {
    undeclared = absl::StrCat("<small class=\"undeclared\">", c.target_not_declared(), " ",
                              thai ? "ไม่มีเป้าหมาย" : "no target", "</small>");
  }
  if (WithTarget(c) == 0) return absl::StrCat("<td class=\"none\">-", undeclared, "</td>");
  return absl::StrCat("<td style=\"background:", Color(c.share_ready()), "\">",
                      Percent(c.share_ready()), Mark(c), "<small>", c.meets_present(), "/",
                      WithTarget(c), "</small>", undeclared, "</td>");
}

std::string HeatMap(const pb::Readiness& r, bool thai) {
  std::set<std::string> skill_sets;
  std::map<int, std::map<std::string, pb::Counts>> cells;
  for (const pb::Cell& cell : r.cells()) {
    skill_sets.insert(cell.skill_set_code());
    AddCounts(cells[cell.personnel_group()][cell.skill_set_code()], cell.counts());
  }
  std::string html = absl::StrCat("<table class=\"heat\"><tr><th>",
                                  thai ? "กลุ่มเป้าหมาย" : "Personnel group", "</th>");
  for (const std::string& s : skill_sets) absl::StrAppend(&html, "<th>", Escape(s), "</th>");
  absl::StrAppend(&html, "<th>", thai ? "รวม" : "Total", "</th></tr>");
  for (const pb::GroupTotal& group : r.groups()) {
    absl::StrAppend(&html, "<tr><th>", GroupLabel(group.personnel_group(), thai), "</th>");
    for (const std::string& s : skill_sets) {
      auto it = cells[group.personnel_group()].find(s);
      absl::StrAppend(&html, it == cells[group.personnel_group()].end()
                                 ? "<td class=\"none\">-</td>"
                                 : HeatCell(it->second, thai));
    }
    absl::StrAppend(&html, "<td class=\"total\">", Percent(group.counts().share_ready()),
                    Mark(group.counts()), "</td></tr>");
  }
  absl::StrAppend(&html, "</table>");
  return html;
}

// The agencies whose people have no target because no period is declared for them.
std::string WithoutPeriod(const pb::Readiness& r, bool thai) {
  std::string html = absl::StrCat(
      "<p>", thai ? "หน่วยงานต่อไปนี้ยังไม่ได้ประกาศระยะการพัฒนาของปีงบประมาณ (ทั้งของตนเองและของหน่วยงานต้นสังกัด)"
                    " บุคลากรจึงยังไม่มีเป้าหมาย และไม่นับในสัดส่วนผู้ผ่านเป้าหมาย:"
                  : "No development period is declared for the fiscal year for these agencies (by"
                    " them or an agency above them), so their people have no targets yet and are"
                    " left out of the share ready:",
      "</p><ul id=\"without-period\">");
  for (const pb::AgencyName& agency : r.agencies_without_period()) {
    absl::StrAppend(&html, "<li>", Escape(agency.agency_code()), " ",
                    Escape(thai || agency.agency_name().en().empty() ? agency.agency_name().th()
                                                                    : agency.agency_name().en()),
                    "</li>");
  }
  absl::StrAppend(&html, "</ul>");
  return html;
}

std::string ChildBars(const pb::Readiness& r, bool thai) {
  const int width = 640, bar = 22, label = 240;
  std::string svg = absl::StrFormat(
      "<svg class=\"bars\" width=\"%d\" height=\"%d\" role=\"img\">", width,
      std::max(1, r.children_size()) * (bar + 8));
  int y = 0;
  for (const pb::Breakdown& child : r.children()) {
    const double share = child.total().share_ready();
    const std::string name = child.agency_code().empty()
                                 ? (thai ? "(สังกัดโดยตรง)" : "(attached directly)")
                                 : child.agency_name().th().empty() ? child.agency_code()
                                                                    : child.agency_name().th();
    absl::StrAppend(
        &svg, absl::StrFormat("<text x=\"0\" y=\"%d\">%s</text><rect class=\"bar\" x=\"%d\" y=\"%d\""
                              " width=\"%d\" height=\"%d\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s"
                              "</text>",
                              y + 16, Escape(name), label, y,
                              static_cast<int>(share * (width - label - 60)), bar, Color(share),
                              label + static_cast<int>(share * (width - label - 60)) + 6, y + 16,
                              Percent(share) +
                                  (child.total().provisional() ? kProvisionalMark : "")));
    y += bar + 8;
  }
  absl::StrAppend(&svg, "</svg>");
  return svg;
}

std::string TrendLine(const pb::Trend& trend) {
  const int width = 640, height = 160;
  std::string points;
  std::string labels;
  const int n = trend.points_size();
  for (int i = 0; i < n; ++i) {
    const pb::TrendPoint& p = trend.points(i);
    const int x = n == 1 ? width / 2 : 30 + i * (width - 60) / (n - 1);
    const int y = height - 20 - static_cast<int>(p.share_ready() * (height - 40));
    absl::StrAppend(&points, x, ",", y, " ");
    absl::StrAppend(&labels,
                    absl::StrFormat("<circle cx=\"%d\" cy=\"%d\" r=\"3\"/><text x=\"%d\" y=\"%d\">"
                                    "%s</text><text class=\"axis\" x=\"%d\" y=\"%d\">%04d-%02d</text>",
                                    x, y, x - 12, y - 8, Percent(p.share_ready()), x - 20,
                                    height - 2, p.date().year() + kBuddhistEraOffset,
                                    p.date().month()));
  }
  return absl::StrCat("<svg class=\"trend\" width=\"", width, "\" height=\"", height,
                      "\" role=\"img\"><polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\""
                      " points=\"", points, "\"/>", labels, "</svg>");
}

std::string LearningMix(const pb::LearningMix& mix, bool thai) {
  auto row = [&](const char* th, const char* en, double hours, double percent, int target) {
    return absl::StrFormat(
        "<tr><th>%s</th><td>%.0f %s</td><td><div class=\"mixbar\" style=\"width:%.0fpx\"></div>"
        "%.0f%% <small>(%s %d%%)</small></td></tr>",
        thai ? th : en, hours, thai ? "ชม." : "h", 2 * percent, percent,
        thai ? "เป้าหมาย" : "target", target);
  };
  std::string html = absl::StrFormat(
      "<p>%s %d %s: %d %s 70:20:10, %d %s</p><table class=\"mix\">", thai ? "แผนพัฒนารายบุคคล" : "Plans",
      mix.plans(), thai ? "แผน" : "", mix.plans_meeting_mix(),
      thai ? "แผนเป็นไปตามสัดส่วน" : "keep", mix.plans_covering_foundation(),
      thai ? "แผนครอบคลุมทักษะพื้นฐาน" : "cover the foundation skill sets");
  absl::StrAppend(&html,
                  row("เรียนรู้จากการปฏิบัติงาน", "Experiential", mix.experiential_hours(),
                      mix.experiential_percent(), 70),
                  row("เรียนรู้จากผู้อื่น", "Social", mix.social_hours(), mix.social_percent(), 20),
                  row("การฝึกอบรม", "Formal", mix.formal_hours(), mix.formal_percent(), 10),
                  "</table>");
  absl::StrAppend(&html, absl::StrFormat(
      "<p>%s: %d %s %d (%.0f%%)</p>",
      thai ? "กิจกรรมการพัฒนาที่นำไปใช้ในงาน (ผู้บังคับบัญชายืนยันแล้ว)"
           : "Development activities applied at work (confirmed by the supervisor)",
      mix.activities_applied(), thai ? "จาก" : "of", mix.activities_completed(),
      mix.applied_percent()));
  return html;
}

constexpr char kStyle[] = R"css(
@page { size: A4; margin: 15mm; }
body { font-family: "Noto Sans Thai", "Sarabun", sans-serif; color: #222; max-width: 180mm; margin: auto; }
h1 { font-size: 20px; } h2 { font-size: 16px; border-bottom: 1px solid #ccc; page-break-after: avoid; }
table { border-collapse: collapse; margin-bottom: 12px; } th, td { border: 1px solid #ddd; padding: 4px 6px; font-size: 12px; }
.heat td { text-align: center; color: #111; } .heat small, .mix small { display: block; color: #444; font-size: 10px; }
.none { color: #999; } .total { font-weight: bold; } .heat small.undeclared { color: #8a4b00; }
.provisional-note { border: 1px solid #c77700; background: #fff4e0; padding: 6px 8px; font-size: 12px; }
sup.provisional { color: #c77700; font-weight: bold; }
svg text { font-size: 11px; } .axis { fill: #666; font-size: 10px; }
.mixbar { display: inline-block; height: 10px; background: #1f5fa8; margin-right: 6px; }
section { page-break-inside: avoid; }
)css";

}  // namespace

void AddCounts(pb::Counts& a, const pb::Counts& b) {
  a.set_headcount(a.headcount() + b.headcount());
  a.set_meets_present(a.meets_present() + b.meets_present());
  a.set_target_not_declared(a.target_not_declared() + b.target_not_declared());
  a.set_provisional(a.provisional() || b.provisional());
  a.set_share_ready(WithTarget(a) == 0 ? 0
                                       : static_cast<double>(a.meets_present()) / WithTarget(a));
}

absl::StatusOr<ReportData> FetchReportData(const std::shared_ptr<grpc::Channel>& channel,
                                           const CallOptions& options,
                                           const std::string& agency_code) {
  ReportData data;
  auto readiness = pb::ReadinessService::NewStub(channel);
  pb::GetReadinessRequest get;
  get.set_agency_code(agency_code);
  get.set_subtree(true);
  RETURN_IF_ERROR(FromGrpcStatus(
      readiness->GetReadiness(NewContext(options).get(), get, &data.readiness)));
  pb::GetTrendRequest trend;
  trend.set_agency_code(agency_code);
  RETURN_IF_ERROR(FromGrpcStatus(readiness->GetTrend(NewContext(options).get(), trend, &data.trend)));
  pb::GetLearningMixRequest learning;
  learning.set_agency_code(agency_code);
  RETURN_IF_ERROR(FromGrpcStatus(
      readiness->GetLearningMix(NewContext(options).get(), learning, &data.learning)));
  personnel::v1::GetAgencyRequest agency_request;
  agency_request.set_code(agency_code);
  personnel::v1::Agency agency;
  if (personnel::v1::PersonnelService::NewStub(channel)
          ->GetAgency(NewContext(options).get(), agency_request, &agency)
          .ok()) {
    data.agency_name = agency.name().th();
  }
  return data;
}

const char* CountedInEachGroupNote(bool thai) {
  return thai ? "ผู้ที่ปฏิบัติงานมากกว่าหนึ่งกลุ่มบุคลากรนับในทุกกลุ่มที่ปฏิบัติงาน"
                " ผลรวมของกลุ่มจึงมากกว่าจำนวนคน"
              : "People who serve in more than one personnel group count in each of them, so the"
                " groups add up to more than the people.";
}

std::string RenderReadinessReport(const ReportData& data, bool thai) {
  const pb::Readiness& r = data.readiness;
  const std::string as_of = absl::FormatTime(
      "%Y-%m-%d %H:%M", absl::FromUnixMicros(r.data_as_of_unix_micros()), ThailandTimeZone());
  std::string html = absl::StrCat(
      "<!DOCTYPE html><html lang=\"", thai ? "th" : "en", "\"><head><meta charset=\"utf-8\">",
      "<title>", thai ? "รายงานความพร้อมด้านดิจิทัล" : "Digital readiness report", " ",
      Escape(r.agency_code()), "</title><style>", kStyle, "</style></head><body>");
  absl::StrAppend(
      &html, "<h1>", thai ? "รายงานความพร้อมด้านดิจิทัล: " : "Digital readiness: ",
      Escape(data.agency_name.empty() ? r.agency_code() : data.agency_name), " (",
      Escape(r.agency_code()), ")</h1><p id=\"summary\">",
      thai ? "พร้อมตามเป้าหมาย " : "Ready: ", "<b id=\"share\">", Percent(r.total().share_ready()),
      Mark(r.total()), "</b> (", r.total().meets_present(), "/", WithTarget(r.total()),
      ") &middot; ",
      thai ? "ข้อมูล ณ " : "data as of ", as_of, "</p>",
      r.total().provisional() ? kProvisionalNote : "");
  absl::StrAppend(&html, "<section><h2>",
                  thai ? "สัดส่วนผู้ผ่านเป้าหมาย: กลุ่มเป้าหมาย × กลุ่มทักษะ"
                       : "Share ready: personnel group × skill set",
                  "</h2>", HeatMap(r, thai), "<p id=\"each-group\">",
                  CountedInEachGroupNote(thai), "</p></section>");
  if (r.agencies_without_period_size() > 0) {
    absl::StrAppend(&html, "<section><h2>",
                    thai ? "หน่วยงานที่ยังไม่ประกาศระยะการพัฒนา" : "Agencies without a declared period",
                    "</h2>", WithoutPeriod(r, thai), "</section>");
  }
  absl::StrAppend(&html, "<section><h2>", thai ? "หน่วยงานย่อย" : "Child agencies", "</h2>",
                  ChildBars(r, thai), "</section>");
  absl::StrAppend(&html, "<section><h2>", thai ? "แนวโน้ม" : "Trend", "</h2>",
                  TrendLine(data.trend), "</section>");
  absl::StrAppend(&html, "<section><h2>",
                  thai ? "สัดส่วนการเรียนรู้ 70:20:10" : "Learning mix 70:20:10", "</h2>",
                  LearningMix(data.learning, thai), "</section>");
  // Marks the page as fully rendered, so a browser check can tell it loaded without errors.
  absl::StrAppend(&html,
                  "<script>document.body.dataset.rendered = "
                  "String(document.querySelectorAll('svg rect.bar').length);</script>"
                  "</body></html>\n");
  return html;
}

}  // namespace thaksa::cli
