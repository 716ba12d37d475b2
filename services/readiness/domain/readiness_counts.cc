#include "services/readiness/domain/readiness_counts.h"

#include <initializer_list>

namespace thaksa::readiness {

Counts& Counts::operator+=(const Counts& other) {
  headcount += other.headcount;
  assessed += other.assessed;
  meets_present += other.meets_present;
  meets_future += other.meets_future;
  expired += other.expired;
  gap_sum += other.gap_sum;
  target_not_declared += other.target_not_declared;
  provisional = provisional || other.provisional;
  return *this;
}

Counts Counts::Times(int factor) const {
  Counts c = *this;
  for (int64_t* count : {&c.headcount, &c.assessed, &c.meets_present, &c.meets_future, &c.expired,
                         &c.gap_sum, &c.target_not_declared}) {
    *count *= factor;
  }
  return c;
}

bool Counts::Zero() const {
  return headcount == 0 && assessed == 0 && meets_present == 0 && meets_future == 0 &&
         expired == 0 && gap_sum == 0 && target_not_declared == 0;
}

bool operator==(const PersonStanding& a, const PersonStanding& b) {
  return a.level == b.level && a.present_target == b.present_target &&
         a.future_target == b.future_target && a.gap == b.gap && a.status == b.status;
}

double Counts::ShareReady() const {
  return WithTarget() == 0 ? 0
                           : static_cast<double>(meets_present) / static_cast<double>(WithTarget());
}

double Counts::AverageGap() const {
  return WithTarget() == 0 ? 0 : static_cast<double>(gap_sum) / static_cast<double>(WithTarget());
}

Counts ContributionOf(const PersonStanding& s) {
  Counts c;
  c.headcount = 1;
  const bool assessed = s.level >= 0;
  c.assessed = assessed ? 1 : 0;
  if (s.status == Status::kTargetNotDeclared) {
    c.target_not_declared = 1;
    return c;
  }
  c.meets_present = s.status == Status::kMeets ? 1 : 0;
  c.meets_future = assessed && (s.future_target < 0 || s.level >= s.future_target) ? 1 : 0;
  c.expired = s.status == Status::kExpired ? 1 : 0;
  c.gap_sum = s.gap;
  return c;
}

}  // namespace thaksa::readiness
