// The synthetic national dataset the benchmarks load: an agency tree (ministries, departments,
// divisions, the 77 provincial offices), people with Thai names, grades and groups, their
// assessments, development plans and training completions. Every record is a pure function of
// (scale, seed, index), so any part can be made again, in any order, on any thread.
#ifndef THAKSA_TOOLS_LOADGEN_DATASET_H_
#define THAKSA_TOOLS_LOADGEN_DATASET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace thaksa::loadgen {

struct Scale {
  std::string name;
  int64_t people = 0;
  int ministries = 0;
  // Departments in all, spread over the ministries (the first ministry's first department holds
  // the provincial offices).
  int departments = 0;
  int divisions_per_department = 0;
};

// "small" (20 thousand people, for CI) or "national" (2 million people). At both scales every
// person has assessments, completions and a development plan.
absl::StatusOr<Scale> ScaleNamed(absl::string_view name);

// The framework, institute and fiscal year the dataset is written against.
inline constexpr char kFrameworkCode[] = "CS-2018";
inline constexpr char kInstituteCode[] = "TDGA";
inline constexpr int kFiscalYear = 2570;
// Items in every development plan.
inline constexpr int kPlanItems = 4;

class Dataset final {
 public:
  Dataset(Scale scale, uint64_t seed);

  const Scale& scale() const { return scale_; }
  // Every agency, parents before their children.
  const std::vector<personnel::v1::Agency>& agencies() const { return agencies_; }
  // The ministries' codes.
  const std::vector<std::string>& ministry_codes() const { return ministry_codes_; }
  // The divisions and provincial offices people work in.
  const std::vector<std::string>& unit_codes() const { return unit_codes_; }

  // Person number `index` (0 <= index < scale().people), as an HR system sends it.
  personnel::v1::PersonRecord Person(int64_t index) const;
  // One to three assessments of person `index` (stored under `person_id`) against
  // `skill_set_codes`, with external ids unique in the dataset.
  std::vector<assessment::v1::AssessmentRecord> Assessments(
      int64_t index, int64_t person_id, const std::vector<std::string>& skill_set_codes) const;
  // The kPlanItems items of person `index`'s plan: 70:20:10 by hours, 70:30 present to future.
  std::vector<learning::v1::PlanItem> PlanItems(int64_t index,
                                                const std::vector<std::string>& skill_set_codes) const;
  // Two to four completions of person `index`, on different days of the fiscal year's first
  // weeks, with record ids unique in the dataset.
  std::vector<learning::v1::CompletionRecord> Completions(int64_t index, int64_t person_id) const;
  // A completion reported later (by the load driver), number `n` of run `run` for `person_id`,
  // on a day no loaded completion uses.
  learning::v1::CompletionRecord LaterCompletion(const std::string& run, int64_t n,
                                                 int64_t person_id) const;

  learning::v1::Institute Institute() const;
  // The institute's courses, every one keeping the 60/40 design rule.
  std::vector<learning::v1::Course> Courses(const std::vector<std::string>& skill_set_codes) const;

 private:
  // A number in [0, bound) drawn for (index, salt).
  uint64_t Draw(int64_t index, uint64_t salt, uint64_t bound) const;

  Scale scale_;
  uint64_t seed_;
  std::vector<personnel::v1::Agency> agencies_;
  std::vector<std::string> ministry_codes_;
  std::vector<std::string> unit_codes_;
  std::vector<std::string> department_of_unit_;
};

// A number in [0, bound) spread over the range for consecutive n: which person the n-th record
// made for no one in particular goes to.
size_t SpreadIndex(int64_t n, size_t bound);

// The published distribution of ordinary civil servants by grade 1-11 (FY2008): the share of
// each grade, in order.
const std::vector<int64_t>& GradeHeadcounts();

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_DATASET_H_
