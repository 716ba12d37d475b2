#include "services/readiness/readiness_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/field_checks.h"
#include "common/grpc_status.h"
#include "common/log.h"
#include "common/page_token.h"
#include "common/proto_dates.h"
#include "common/thai_calendar.h"
#include "services/assessment/assessment_convert.h"
#include "services/assessment/skill_profile.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "services/personnel/domain/agency.h"

namespace thaksa::readiness {
namespace {

// Changes included per transaction, and how long the refresher rests when there are none.
constexpr int kChangesPerBatch = 500;
constexpr absl::Duration kIdlePause = absl::Milliseconds(100);

const auto Method = &MethodOf<v1::ReadinessService>;

// Every agency's path starts with "/", so the whole country is the subtree of this root, and its
// direct children are the ministries.
const AgencyRef kWholeCountry{0, "", "ทั้งประเทศ", "Whole country", "/"};

void ToProto(const Counts& counts, v1::Counts* out) {
  out->set_headcount(counts.headcount);
  out->set_assessed(counts.assessed);
  out->set_meets_present(counts.meets_present);
  out->set_meets_future(counts.meets_future);
  out->set_expired(counts.expired);
  out->set_share_ready(counts.ShareReady());
  out->set_average_gap(counts.AverageGap());
  out->set_target_not_declared(counts.target_not_declared);
  out->set_provisional(counts.provisional);
}

// Names `agency` in `out` (a Breakdown or an AgencyName).
template <typename Message>
void SetAgency(const AgencyRef& agency, Message* out) {
  out->set_agency_code(agency.code);
  out->mutable_agency_name()->set_th(agency.name_th);
  out->mutable_agency_name()->set_en(agency.name_en);
}

using CellKey = std::tuple<int, std::string, std::string>;  // group, skill set, framework

void AddCells(const std::map<CellKey, Counts>& cells, google::protobuf::RepeatedPtrField<v1::Cell>* out) {
  for (const auto& [key, counts] : cells) {
    v1::Cell* cell = out->Add();
    cell->set_personnel_group(static_cast<common::v1::PersonnelGroup>(std::get<0>(key)));
    cell->set_skill_set_code(std::get<1>(key));
    cell->set_framework_code(std::get<2>(key));
    ToProto(counts, cell->mutable_counts());
  }
}

// A CSV field: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

void AppendCsvRows(const std::string& agency, const google::protobuf::RepeatedPtrField<v1::Cell>& cells,
                   bool thai, std::string& csv) {
  const std::string provisional = thai ? "ใช่" : "yes", official = thai ? "ไม่ใช่" : "no";
  for (const v1::Cell& cell : cells) {
    const v1::Counts& c = cell.counts();
    absl::StrAppend(&csv, CsvField(agency), ",",
                    common::v1::PersonnelGroup_Name(cell.personnel_group()).substr(16), ",",
                    CsvField(cell.skill_set_code()), ",", CsvField(cell.framework_code()), ",",
                    c.headcount(), ",", c.assessed(), ",", c.meets_present(), ",",
                    c.meets_future(), ",", c.expired(), ",",
                    absl::StrFormat("%.4f,%.4f", c.share_ready(), c.average_gap()), ",",
                    c.target_not_declared(), ",", c.provisional() ? provisional : official, "\n");
  }
}

// The figures as CSV: the children's rows (the directly attached under "(direct)"), then the
// agency's own.
std::string ReadinessCsv(const v1::Readiness& r, bool thai) {
  std::string csv =
      thai ? "หน่วยงาน,กลุ่มเป้าหมาย,กลุ่มทักษะ,กรอบ,จำนวนคน,ประเมินแล้ว,ผ่านเป้าหมายปัจจุบัน,"
             "ผ่านเป้าหมายอนาคต,ผลประเมินหมดอายุ,สัดส่วนพร้อม,ส่วนต่างเฉลี่ย,ยังไม่ประกาศระยะการพัฒนา,"
             "เป้าหมายชั่วคราว\n"
           : "agency,personnel_group,skill_set,framework,headcount,assessed,meets_present,"
             "meets_future,expired,share_ready,average_gap,target_not_declared,provisional\n";
  for (const v1::Breakdown& child : r.children()) {
    AppendCsvRows(child.agency_code().empty() ? absl::StrCat(r.agency_code(), " (direct)")
                                              : child.agency_code(),
                  child.cells(), thai, csv);
  }
  AppendCsvRows(r.agency_code(), r.cells(), thai, csv);
  return csv;
}

}  // namespace

absl::StatusOr<std::vector<ReadinessRow>> RowsFromProfile(assessment::AssessmentStore& assessments,
                                                          int64_t person_id, absl::CivilDay today) {
  std::vector<ReadinessRow> rows;
  absl::StatusOr<assessment::PersonContext> person = assessments.PersonContextOn(person_id, today);
  if (absl::IsNotFound(person.status())) return rows;
  RETURN_IF_ERROR(person.status());
  absl::StatusOr<assessment::v1::SkillProfile> profile =
      assessment::ComputeSkillProfile(assessments, *person, today);
  // No assignment or no framework that day: the person counts nowhere.
  if (absl::IsFailedPrecondition(profile.status())) return rows;
  RETURN_IF_ERROR(profile.status());
  const std::vector<int64_t> path = personnel::AncestorIds(person->agency_path);
  for (const assessment::v1::SkillStanding& s : profile->standings()) {
    ReadinessRow row;
    row.skill_set_code = s.skill_set().code();
    row.framework_code = profile->framework_code();
    row.agency_id = path.back();
    row.personnel_group = profile->personnel_group();
    row.standing = {s.level(), s.present_target(), s.future_target(), s.gap(),
                    static_cast<Status>(s.status())};
    if (s.has_assessed_on()) {
      row.last_assessed = absl::CivilDay(s.assessed_on().year(), s.assessed_on().month(),
                                         s.assessed_on().day());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

ReadinessRefresher::ReadinessRefresher(ReadinessStore& store,
                                       assessment::AssessmentStore& assessments, const Clock& clock)
    : store_(store), assessments_(assessments), clock_(clock), thread_([this] { Loop(); }) {
  absl::MutexLock lock(&mutex_);
  state_.set_name("readiness_refresher");
}

ReadinessRefresher::~ReadinessRefresher() {
  stopping_ = true;
  thread_.join();
}

void ReadinessRefresher::Loop() {
  while (!stopping_) {
    const absl::CivilDay today = ThaiDate(clock_.Now());
    if (today != swept_day_) {
      if (absl::Status swept = store_.SweepPassedDays(today, clock_.Now()); swept.ok()) {
        swept_day_ = today;
      } else {
        LogEvent("readiness_day_sweep_failed", {{"error", swept.ToString()}});
      }
    }
    const absl::CivilDay month(today.year(), today.month(), 1);
    if (month != kept_month_) {
      if (absl::Status kept = store_.KeepMonth(month, clock_.Now()); kept.ok()) {
        kept_month_ = month;
      } else {
        LogEvent("readiness_month_failed", {{"error", kept.ToString()}});
      }
    }
    absl::StatusOr<int> consumed =
        store_.Consume(kChangesPerBatch, today, [&](int64_t person_id) {
          return RowsFromProfile(assessments_, person_id, today);
        });
    Record(consumed.status(), consumed.value_or(0));
    if (!consumed.ok()) {
      LogEvent("readiness_refresh_failed", {{"error", consumed.status().ToString()}});
      absl::SleepFor(absl::Seconds(1));
    } else if (*consumed == 0) {
      absl::SleepFor(kIdlePause);
    }
  }
}

void ReadinessRefresher::Record(const absl::Status& error, int consumed) {
  absl::MutexLock lock(&mutex_);
  if (!error.ok()) {
    state_.set_consecutive_failures(state_.consecutive_failures() + 1);
    state_.set_last_error(error.ToString());
    return;
  }
  state_.set_progress(state_.progress() + consumed);
  state_.set_consecutive_failures(0);
  state_.clear_last_error();
  state_.set_last_success_unix(absl::ToUnixSeconds(clock_.Now()));
}

void ReadinessRefresher::Report(ops::v1::BackgroundTask& task) const {
  absl::MutexLock lock(&mutex_);
  task = state_;
}

absl::StatusOr<bool> ReadinessService::Provisional(const std::string& code,
                                                   std::map<std::string, bool>& known) {
  if (auto found = known.find(code); found != known.end()) return found->second;
  ASSIGN_OR_RETURN(const assessment::StoredFramework stored, assessments_.GetFramework(code));
  ASSIGN_OR_RETURN(const assessment::v1::Framework framework, assessment::FrameworkOf(stored));
  return known[code] = framework.provisional();
}

absl::StatusOr<AgencyRef> ReadinessService::VisibleAgency(const Principal& principal,
                                                          const std::string& requested_code) {
  const std::string& code = requested_code.empty() ? principal.agency_code : requested_code;
  FieldErrors errors;
  CheckCode(code, "agency_code", errors);
  RETURN_IF_ERROR(errors.ToStatus());
  absl::StatusOr<AgencyRef> agency = store_.Agency(code);
  if (!agency.ok()) {
    if (principal.role == Role::kAdmin) return agency.status();
    return OutsideScope();
  }
  if (!CoversAgency(principal, agency->path)) return OutsideScope();
  return agency;
}

absl::StatusOr<Figures> ReadinessService::StoredFigures(const AgencyRef& agency, bool subtree,
                                                        std::optional<int> closed_year) {
  Figures figures;
  ASSIGN_OR_RETURN(figures.cells, store_.Cells(agency, subtree, closed_year));
  ASSIGN_OR_RETURN(figures.without_period,
                   store_.AgenciesWithoutTarget(agency, subtree, closed_year));
  return figures;
}

absl::StatusOr<Figures> ReadinessService::FiguresOn(const AgencyRef& agency, bool subtree,
                                                    absl::CivilDay day) {
  ASSIGN_OR_RETURN(std::vector<int64_t> people, store_.PeopleAssignedOn(agency, day));
  std::map<std::tuple<int64_t, int, std::string, std::string>, Counts> sums;
  std::set<int64_t> agency_ids;
  for (int64_t person : people) {
    ASSIGN_OR_RETURN(std::vector<ReadinessRow> person_rows, RowsFromProfile(assessments_, person, day));
    for (const ReadinessRow& row : person_rows) {
      if (!subtree && row.agency_id != agency.id) continue;
      sums[{row.agency_id, row.personnel_group, row.skill_set_code, row.framework_code}] +=
          ContributionOf(row.standing);
      agency_ids.insert(row.agency_id);
    }
  }
  ASSIGN_OR_RETURN(auto agencies,
                   store_.AgenciesById(std::vector<int64_t>(agency_ids.begin(), agency_ids.end())));
  // Rows of the same child, group, skill set and framework are summed.
  std::map<std::tuple<int64_t, int, std::string, std::string>, Counts> by_child;
  std::set<int64_t> without_period;
  for (const auto& [key, counts] : sums) {
    const auto& [agency_id, group, skill_set, framework] = key;
    if (counts.target_not_declared > 0) without_period.insert(agency_id);
    int64_t child = 0;
    if (agency_id != agency.id) {
      const std::vector<int64_t> path = personnel::AncestorIds(agencies[agency_id].path);
      const auto self = std::find(path.begin(), path.end(), agency.id);
      if (self != path.end() && self + 1 != path.end()) child = *(self + 1);
    }
    by_child[{child, group, skill_set, framework}] += counts;
  }
  Figures figures;
  for (const auto& [key, counts] : by_child) {
    figures.cells.push_back(
        {std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), counts});
  }
  for (int64_t id : without_period) figures.without_period.push_back(agencies[id]);
  std::sort(figures.without_period.begin(), figures.without_period.end(),
            [](const AgencyRef& a, const AgencyRef& b) { return a.code < b.code; });
  return figures;
}

absl::StatusOr<v1::Readiness> ReadinessService::Compute(const Principal& principal,
                                                       const v1::GetReadinessRequest& request) {
  v1::Readiness readiness;
  AgencyRef agency = kWholeCountry;
  if (request.national()) {
    if (!request.agency_code().empty()) {
      return InvalidField("agency_code", "must be empty when asking for the whole country");
    }
    if (principal.role != Role::kAdmin) return OutsideScope();
  } else {
    ASSIGN_OR_RETURN(agency, VisibleAgency(principal, request.agency_code()));
  }
  const std::set<int> groups(request.personnel_groups().begin(), request.personnel_groups().end());
  const std::set<std::string> skill_sets(request.skill_set_codes().begin(),
                                         request.skill_set_codes().end());
  const absl::CivilDay today = ThaiDate(clock_.Now());
  FieldErrors errors;
  const absl::CivilDay as_of =
      DayFromProto(request.as_of(), request.has_as_of(), "as_of", errors).value_or(today);
  RETURN_IF_ERROR(errors.ToStatus());
  if (as_of > today) return InvalidField("as_of", "must not be in the future");
  std::optional<int> closed_year;
  if (request.has_fiscal_year() && request.has_as_of()) {
    return InvalidField("as_of", "give either a closed fiscal year or a day, not both");
  }
  if (request.has_fiscal_year()) {
    const int year = request.fiscal_year().be_year();
    absl::StatusOr<ClosedYear> closed = store_.FindClosedYear(year);
    if (absl::IsNotFound(closed.status())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "fiscal year ", year, " is not closed; ask for the current figures instead"));
    }
    RETURN_IF_ERROR(closed.status());
    closed_year = year;
    readiness.mutable_closed_fiscal_year()->set_be_year(year);
    readiness.set_data_as_of_unix_micros(absl::ToUnixMicros(closed->closed_at));
    ASSIGN_OR_RETURN(int64_t adjustments, store_.Adjustments(agency, *closed));
    readiness.set_adjustments_since_closing(adjustments);
  }
  Figures figures;
  if (as_of != today) {
    ASSIGN_OR_RETURN(figures, FiguresOn(agency, request.subtree(), as_of));
  } else {
    ASSIGN_OR_RETURN(figures, StoredFigures(agency, request.subtree(), closed_year));
  }
  std::map<std::string, bool> provisional;
  for (CellCounts& row : figures.cells) {
    ASSIGN_OR_RETURN(row.counts.provisional, Provisional(row.framework_code, provisional));
  }
  DayToProto(closed_year.has_value() ? FiscalYearEnd(*closed_year) : as_of,
             readiness.mutable_as_of());

  std::map<CellKey, Counts> cells;
  std::map<int, Counts> by_group;
  std::map<std::string, Counts> by_skill_set;
  std::map<int64_t, std::map<CellKey, Counts>> by_child;
  Counts total;
  for (const CellCounts& row : figures.cells) {
    if (!groups.empty() && groups.count(row.personnel_group) == 0) continue;
    if (!skill_sets.empty() && skill_sets.count(row.skill_set_code) == 0) continue;
    const CellKey key{row.personnel_group, row.skill_set_code, row.framework_code};
    cells[key] += row.counts;
    by_group[row.personnel_group] += row.counts;
    by_skill_set[row.skill_set_code] += row.counts;
    by_child[row.child_agency_id][key] += row.counts;
    total += row.counts;
  }
  readiness.set_agency_code(agency.code);
  AddCells(cells, readiness.mutable_cells());
  for (const auto& [group, counts] : by_group) {
    v1::GroupTotal* out = readiness.add_groups();
    out->set_personnel_group(static_cast<common::v1::PersonnelGroup>(group));
    ToProto(counts, out->mutable_counts());
  }
  for (const auto& [skill_set, counts] : by_skill_set) {
    v1::SkillSetTotal* out = readiness.add_skill_sets();
    out->set_skill_set_code(skill_set);
    ToProto(counts, out->mutable_counts());
  }
  ToProto(total, readiness.mutable_total());
  for (const AgencyRef& undeclared : figures.without_period) {
    SetAgency(undeclared, readiness.add_agencies_without_period());
  }
  if (request.subtree()) {
    std::vector<int64_t> ids;
    for (const auto& [id, unused] : by_child) {
      if (id != 0) ids.push_back(id);
    }
    ASSIGN_OR_RETURN(auto children, store_.AgenciesById(ids));
    for (const auto& [id, child_cells] : by_child) {
      v1::Breakdown* out = readiness.add_children();
      if (id != 0) SetAgency(children[id], out);
      AddCells(child_cells, out->mutable_cells());
      Counts child_total;
      for (const auto& [key, counts] : child_cells) child_total += counts;
      ToProto(child_total, out->mutable_total());
    }
  }
  if (!closed_year.has_value() && as_of == today) {
    ASSIGN_OR_RETURN(Freshness freshness, store_.FreshnessAt(clock_.Now()));
    readiness.set_data_as_of_unix_micros(absl::ToUnixMicros(freshness.data_as_of));
    readiness.set_pending_changes(freshness.pending);
    readiness.set_lag_seconds(absl::ToDoubleSeconds(freshness.lag));
  }
  return readiness;
}

grpc::Status ReadinessService::GetReadiness(grpc::ServerContext* context,
                                            const v1::GetReadinessRequest* request,
                                            v1::Readiness* response) {
  return guard_.Run(*context, Method("GetReadiness"), [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, Compute(call.principal, *request));
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::ExportReadiness(grpc::ServerContext* context,
                                               const v1::ExportReadinessRequest* request,
                                               grpc::ServerWriter<v1::CsvChunk>* writer) {
  return guard_.Run(*context, Method("ExportReadiness"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    ASSIGN_OR_RETURN(v1::Readiness readiness, Compute(call.principal, request->readiness()));
    const std::string csv = ReadinessCsv(readiness, request->language() != "en");
    constexpr size_t kChunk = 64 * 1024;
    for (size_t start = 0; start < csv.size(); start += kChunk) {
      v1::CsvChunk chunk;
      chunk.set_data(csv.substr(start, kChunk));
      if (!writer->Write(chunk)) return absl::CancelledError("the client went away");
    }
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::ListGaps(grpc::ServerContext* context,
                                        const v1::ListGapsRequest* request,
                                        v1::ListGapsResponse* response) {
  return guard_.Run(*context, Method("ListGaps"), [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    CheckOptionalCode(request->skill_set_code(), "skill_set_code", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(AgencyRef agency, VisibleAgency(call.principal, request->agency_code()));
    const std::string filter = absl::StrCat(agency.code, "|", request->skill_set_code(), "|",
                                            request->personnel_group());
    ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request->page_size()));
    ASSIGN_OR_RETURN(int64_t after, DecodePageToken(request->page_token(), filter));
    ASSIGN_OR_RETURN(std::vector<GapRow> gaps,
                     store_.Gaps(agency, request->skill_set_code(), request->personnel_group(),
                                 after, page_size));
    std::vector<int64_t> people;
    std::map<std::string, bool> provisional;
    for (const GapRow& g : gaps) {
      if (people.empty() || people.back() != g.person_id) people.push_back(g.person_id);
      v1::Gap* out = response->add_gaps();
      out->set_person_id(g.person_id);
      out->set_agency_code(g.agency_code);
      out->set_personnel_group(static_cast<common::v1::PersonnelGroup>(g.personnel_group));
      out->set_skill_set_code(g.skill_set_code);
      out->set_framework_code(g.framework_code);
      ASSIGN_OR_RETURN(const bool provisional_target, Provisional(g.framework_code, provisional));
      out->set_provisional(provisional_target);
      out->set_level(g.standing.level);
      out->set_target(g.standing.present_target);
      out->set_gap(g.standing.gap);
      if (g.last_assessed.has_value()) DayToProto(*g.last_assessed, out->mutable_last_assessed());
    }
    if (static_cast<int>(people.size()) == page_size) {
      response->set_next_page_token(EncodePageToken(people.back(), filter));
    }
    return guard_.RecordPersonalReads(call, people);
  });
}

grpc::Status ReadinessService::CloseFiscalYear(grpc::ServerContext* context,
                                               const v1::CloseFiscalYearRequest* request,
                                               v1::ClosedYear* response) {
  return guard_.Run(*context, Method("CloseFiscalYear"),
                    [&](const Call& call, AuditTarget& target) -> absl::Status {
    const int year = request->fiscal_year().be_year();
    target = {"fiscal_year", absl::StrCat(year)};
    if (year < 2561 || year > 2700) {
      return InvalidField("fiscal_year.be_year", "must be a Buddhist-era year from 2561 to 2700");
    }
    const absl::CivilDay last_day = FiscalYearEnd(year);
    if (last_day >= ThaiDate(clock_.Now())) {
      return absl::FailedPreconditionError(absl::StrCat("fiscal year ", year, " has not ended"));
    }
    ASSIGN_OR_RETURN(ClosedYear closed,
                     store_.CloseYear(year, last_day,
                                      [&](int64_t person_id) {
                                        return RowsFromProfile(assessments_, person_id, last_day);
                                      },
                                      call.audit));
    response->mutable_fiscal_year()->set_be_year(closed.fiscal_year);
    response->set_closed_at_unix(absl::ToUnixSeconds(closed.closed_at));
    response->set_people(closed.people);
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::GetTrend(grpc::ServerContext* context,
                                        const v1::GetTrendRequest* request, v1::Trend* response) {
  return guard_.Run(*context, Method("GetTrend"), [&](const Call& call, AuditTarget&) -> absl::Status {
    FieldErrors errors;
    const absl::CivilDay today = ThaiDate(clock_.Now());
    const absl::CivilDay to =
        DayFromProto(request->to(), request->has_to(), "to", errors).value_or(today);
    const absl::CivilDay from =
        DayFromProto(request->from(), request->has_from(), "from", errors)
            .value_or(absl::CivilDay(today.year() - 1, today.month(), 1));
    if (from > to) errors.Add("from", "must not be after to");
    CheckOptionalCode(request->skill_set_code(), "skill_set_code", errors);
    RETURN_IF_ERROR(errors.ToStatus());
    ASSIGN_OR_RETURN(AgencyRef agency, VisibleAgency(call.principal, request->agency_code()));
    ASSIGN_OR_RETURN(auto points, store_.Trend(agency, from, to, today, request->skill_set_code(),
                                               request->personnel_group()));
    response->set_agency_code(agency.code);
    for (const auto& [day, counts] : points) {
      v1::TrendPoint* point = response->add_points();
      DayToProto(day, point->mutable_date());
      point->set_headcount(counts.headcount);
      point->set_meets_present(counts.meets_present);
      point->set_share_ready(counts.ShareReady());
      point->set_target_not_declared(counts.target_not_declared);
    }
    return absl::OkStatus();
  });
}

grpc::Status ReadinessService::GetLearningMix(grpc::ServerContext* context,
                                              const v1::GetLearningMixRequest* request,
                                              v1::LearningMix* response) {
  return guard_.Run(*context, Method("GetLearningMix"),
                    [&](const Call& call, AuditTarget&) -> absl::Status {
    const absl::CivilDay today = ThaiDate(clock_.Now());
    const int year = request->has_fiscal_year() ? request->fiscal_year().be_year()
                                                : FiscalYearOf(today);
    ASSIGN_OR_RETURN(AgencyRef agency, VisibleAgency(call.principal, request->agency_code()));
    ASSIGN_OR_RETURN(std::vector<PlanFacts> plans, store_.Plans(agency, year, today));

    std::map<std::string, std::vector<std::string>> foundation_of;  // by framework code
    std::map<int, int64_t> by_status;
    std::vector<learning::ItemHours> all_items;
    for (const PlanFacts& plan : plans) {
      ++by_status[plan.status];
      all_items.insert(all_items.end(), plan.items.begin(), plan.items.end());
      if (!plan.framework_code.empty() && !foundation_of.count(plan.framework_code)) {
        std::vector<std::string>& sets = foundation_of[plan.framework_code];
        if (auto stored = assessments_.GetFramework(plan.framework_code); stored.ok()) {
          if (auto framework = assessment::FrameworkOf(*stored); framework.ok()) {
            for (const auto& s : framework->skill_sets()) {
              if (s.kind() == assessment::v1::SKILL_SET_KIND_FOUNDATION) sets.push_back(s.code());
            }
          }
        }
      }
      bool mix_ok = true, foundation_ok = true;
      for (const learning::RuleViolation& v :
           learning::CheckPlan(plan.items, learning::MixPolicy(),
                               foundation_of[plan.framework_code], plan.met_sets)) {
        (v.rule.rfind("foundation", 0) == 0 ? foundation_ok : mix_ok) = false;
      }
      response->set_plans_meeting_mix(response->plans_meeting_mix() + (mix_ok ? 1 : 0));
      response->set_plans_covering_foundation(response->plans_covering_foundation() +
                                              (foundation_ok ? 1 : 0));
    }
    response->set_agency_code(agency.code);
    response->mutable_fiscal_year()->set_be_year(year);
    response->set_plans(static_cast<int64_t>(plans.size()));
    for (const auto& [status, count] : by_status) {
      v1::PlanStatusCount* out = response->add_by_status();
      out->set_status(learning::v1::PlanStatus_Name(static_cast<learning::v1::PlanStatus>(status)));
      out->set_plans(count);
    }
    const learning::Mix achieved = learning::MixOf(all_items, /*achieved=*/true);
    response->set_experiential_hours(achieved.experiential_hours);
    response->set_social_hours(achieved.social_hours);
    response->set_formal_hours(achieved.formal_hours);
    response->set_experiential_percent(achieved.experiential_percent);
    response->set_social_percent(achieved.social_percent);
    response->set_formal_percent(achieved.formal_percent);
    return absl::OkStatus();
  });
}

}  // namespace thaksa::readiness
