// What one person's standing in one skill set adds to readiness figures, and the shares and
// averages those figures give.
#ifndef THAKSA_SERVICES_READINESS_DOMAIN_READINESS_COUNTS_H_
#define THAKSA_SERVICES_READINESS_DOMAIN_READINESS_COUNTS_H_

#include <cstdint>

namespace thaksa::readiness {

// Values as in thaksa.assessment.v1.StandingStatus.
enum class Status { kUnspecified = 0, kMeets, kBelow, kNotAssessed, kExpired, kTargetNotDeclared };

// A person's standing in one applicable skill set (-1 for "none" / "not required").
struct PersonStanding {
  int level = -1;
  int present_target = -1;
  int future_target = -1;
  int gap = 0;
  Status status = Status::kUnspecified;
};

bool operator==(const PersonStanding& a, const PersonStanding& b);

struct Counts {
  int64_t headcount = 0;
  int64_t assessed = 0;
  int64_t meets_present = 0;
  int64_t meets_future = 0;
  int64_t expired = 0;
  int64_t gap_sum = 0;
  // Of the headcount, people whose agency has no declared period, so no target.
  int64_t target_not_declared = 0;
  // True if any of these people is judged against provisional targets (not kept with the
  // aggregates: set from the framework when the figures are read).
  bool provisional = false;

  Counts& operator+=(const Counts& other);
  // Every count times `factor` (-1 takes a contribution away).
  Counts Times(int factor) const;
  // True if every count is zero.
  bool Zero() const;
  // The people judged against a target: the headcount but those with none declared.
  int64_t WithTarget() const { return headcount - target_not_declared; }
  // meets_present / WithTarget() (0 when nobody is judged).
  double ShareReady() const;
  // gap_sum / WithTarget() (0 when nobody is judged).
  double AverageGap() const;
};

// One person's contribution: counted once; assessed if a level counts; without a declared
// target if TARGET_NOT_DECLARED (and then in nothing else); meeting the present target if MEETS;
// meeting the future target if the level reaches it (or, with none required, if assessed);
// expired if every assessment expired; the gap to the present target.
Counts ContributionOf(const PersonStanding& standing);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_DOMAIN_READINESS_COUNTS_H_
