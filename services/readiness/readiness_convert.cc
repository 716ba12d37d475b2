#include "services/readiness/readiness_convert.h"

#include "common/field_checks.h"
#include "common/proto_dates.h"
#include "thaksa/learning/v1/learning.pb.h"

namespace thaksa::readiness {
namespace {

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

common::v1::PersonnelGroup GroupOf(int group) {
  return static_cast<common::v1::PersonnelGroup>(group);
}

// Names `agency` in `out` (a Breakdown or an AgencyName).
template <typename Message>
void SetAgency(const AgencyRef& agency, Message* out) {
  out->set_agency_code(agency.code);
  out->mutable_agency_name()->set_th(agency.name_th);
  out->mutable_agency_name()->set_en(agency.name_en);
}

void AddCells(const std::vector<Cell>& cells, google::protobuf::RepeatedPtrField<v1::Cell>* out) {
  for (const Cell& cell : cells) {
    v1::Cell* added = out->Add();
    added->set_personnel_group(GroupOf(cell.personnel_group));
    added->set_skill_set_code(cell.skill_set_code);
    added->set_framework_code(cell.framework_code);
    ToProto(cell.counts, added->mutable_counts());
  }
}

// Appends the rows of `profile`'s own standings (not its further groups') to `rows`.
void AppendRowsOf(const assessment::v1::SkillProfile& profile, int64_t agency_id,
                  const std::string& agency_path, bool further_group,
                  std::vector<ReadinessRow>& rows) {
  for (const assessment::v1::SkillStanding& s : profile.standings()) {
    ReadinessRow row;
    row.skill_set_code = s.skill_set().code();
    row.framework_code = profile.framework_code();
    row.agency_id = agency_id;
    row.agency_path = agency_path;
    row.personnel_group = profile.personnel_group();
    row.standing = {s.level(), s.present_target(), s.future_target(), s.gap(),
                    static_cast<Status>(s.status())};
    if (s.has_assessed_on()) {
      row.last_assessed = absl::CivilDay(s.assessed_on().year(), s.assessed_on().month(),
                                         s.assessed_on().day());
    }
    row.further_group = further_group;
    rows.push_back(std::move(row));
  }
}

}  // namespace

FiguresQuery QueryOf(const v1::GetReadinessRequest& request, FieldErrors& errors) {
  FiguresQuery query;
  query.agency_code = request.agency_code();
  query.national = request.national();
  query.subtree = request.subtree();
  query.personnel_groups = {request.personnel_groups().begin(), request.personnel_groups().end()};
  query.skill_set_codes = {request.skill_set_codes().begin(), request.skill_set_codes().end()};
  if (request.has_as_of()) query.as_of = DayFromProto(request.as_of(), true, "as_of", errors);
  if (request.has_fiscal_year()) query.closed_fiscal_year = request.fiscal_year().be_year();
  return query;
}

v1::Readiness ToProto(const ReadinessFigures& figures) {
  v1::Readiness out;
  out.set_agency_code(figures.agency.code);
  DayToProto(figures.as_of, out.mutable_as_of());
  if (figures.closed_fiscal_year.has_value()) {
    out.mutable_closed_fiscal_year()->set_be_year(*figures.closed_fiscal_year);
    out.set_adjustments_since_closing(figures.adjustments_since_closing);
  } else {
    out.set_pending_changes(figures.pending_changes);
    out.set_lag_seconds(absl::ToDoubleSeconds(figures.lag));
  }
  if (figures.data_as_of.has_value()) {
    out.set_data_as_of_unix_micros(absl::ToUnixMicros(*figures.data_as_of));
  }
  AddCells(figures.cells, out.mutable_cells());
  for (const auto& [group, counts] : figures.groups) {
    v1::GroupTotal* total = out.add_groups();
    total->set_personnel_group(GroupOf(group));
    ToProto(counts, total->mutable_counts());
  }
  for (const auto& [skill_set, counts] : figures.skill_sets) {
    v1::SkillSetTotal* total = out.add_skill_sets();
    total->set_skill_set_code(skill_set);
    ToProto(counts, total->mutable_counts());
  }
  ToProto(figures.total, out.mutable_total());
  for (const AgencyRef& undeclared : figures.without_period) {
    SetAgency(undeclared, out.add_agencies_without_period());
  }
  for (const ChildFigures& child : figures.children) {
    v1::Breakdown* breakdown = out.add_children();
    if (child.agency.id != 0) SetAgency(child.agency, breakdown);
    AddCells(child.cells, breakdown->mutable_cells());
    ToProto(child.total, breakdown->mutable_total());
  }
  return out;
}

GapsQuery QueryOf(const v1::ListGapsRequest& request, FieldErrors& errors) {
  CheckOptionalCode(request.skill_set_code(), "skill_set_code", errors);
  return {request.agency_code(), request.skill_set_code(), request.personnel_group(),
          request.page_size(), request.page_token()};
}

void ToProto(const GapRow& gap, v1::Gap* out) {
  out->set_person_id(gap.person_id);
  out->set_agency_code(gap.agency_code);
  out->set_personnel_group(GroupOf(gap.personnel_group));
  out->set_skill_set_code(gap.skill_set_code);
  out->set_framework_code(gap.framework_code);
  out->set_provisional(gap.provisional);
  out->set_further_group(gap.further_group);
  out->set_level(gap.standing.level);
  out->set_target(gap.standing.present_target);
  out->set_gap(gap.standing.gap);
  if (gap.last_assessed.has_value()) DayToProto(*gap.last_assessed, out->mutable_last_assessed());
}

TrendQuery QueryOf(const v1::GetTrendRequest& request, absl::CivilDay today, FieldErrors& errors) {
  TrendQuery query;
  query.agency_code = request.agency_code();
  query.to = DayFromProto(request.to(), request.has_to(), "to", errors).value_or(today);
  query.from = DayFromProto(request.from(), request.has_from(), "from", errors)
                   .value_or(absl::CivilDay(today.year() - 1, today.month(), 1));
  if (query.from > query.to) errors.Add("from", "must not be after to");
  CheckOptionalCode(request.skill_set_code(), "skill_set_code", errors);
  query.skill_set_code = request.skill_set_code();
  query.personnel_group = request.personnel_group();
  return query;
}

v1::Trend ToProto(const TrendFigures& trend) {
  v1::Trend out;
  out.set_agency_code(trend.agency.code);
  for (const auto& [day, counts] : trend.points) {
    v1::TrendPoint* point = out.add_points();
    DayToProto(day, point->mutable_date());
    point->set_headcount(counts.headcount);
    point->set_meets_present(counts.meets_present);
    point->set_share_ready(counts.ShareReady());
    point->set_target_not_declared(counts.target_not_declared);
  }
  return out;
}

v1::LearningMix ToProto(const LearningMixFigures& mix) {
  v1::LearningMix out;
  out.set_agency_code(mix.agency.code);
  out.mutable_fiscal_year()->set_be_year(mix.fiscal_year);
  out.set_plans(mix.plans);
  for (const auto& [status, count] : mix.by_status) {
    v1::PlanStatusCount* counted = out.add_by_status();
    counted->set_status(
        learning::v1::PlanStatus_Name(static_cast<learning::v1::PlanStatus>(status)));
    counted->set_plans(count);
  }
  out.set_plans_meeting_mix(mix.plans_meeting_mix);
  out.set_plans_covering_foundation(mix.plans_covering_foundation);
  out.set_experiential_hours(mix.achieved.experiential_hours);
  out.set_social_hours(mix.achieved.social_hours);
  out.set_formal_hours(mix.achieved.formal_hours);
  out.set_experiential_percent(mix.achieved.experiential_percent);
  out.set_social_percent(mix.achieved.social_percent);
  out.set_formal_percent(mix.achieved.formal_percent);
  out.set_activities_completed(mix.activities.completed);
  out.set_activities_applied(mix.activities.applied);
  out.set_applied_percent(mix.activities.completed > 0 ? 100.0 * mix.activities.applied /
                                                             mix.activities.completed
                                                       : 0);
  return out;
}

v1::ClosedYear ToProto(const ClosedYear& closed) {
  v1::ClosedYear out;
  out.mutable_fiscal_year()->set_be_year(closed.fiscal_year);
  out.set_closed_at_unix(absl::ToUnixSeconds(closed.closed_at));
  out.set_people(closed.people);
  return out;
}

std::vector<ReadinessRow> RowsOf(const assessment::v1::SkillProfile& profile, int64_t agency_id,
                                 const std::string& agency_path) {
  std::vector<ReadinessRow> rows;
  AppendRowsOf(profile, agency_id, agency_path, false, rows);
  for (const assessment::v1::SkillProfile& further : profile.further_groups()) {
    AppendRowsOf(further, agency_id, agency_path, true, rows);
  }
  return rows;
}

}  // namespace thaksa::readiness
