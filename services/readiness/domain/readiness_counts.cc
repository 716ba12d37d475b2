#include "services/readiness/domain/readiness_counts.h"

namespace thaksa::readiness {

Counts& Counts::operator+=(const Counts& other) {
  headcount += other.headcount;
  assessed += other.assessed;
  meets_present += other.meets_present;
  meets_future += other.meets_future;
  expired += other.expired;
  gap_sum += other.gap_sum;
  return *this;
}

double Counts::ShareReady() const {
  return headcount == 0 ? 0 : static_cast<double>(meets_present) / static_cast<double>(headcount);
}

double Counts::AverageGap() const {
  return headcount == 0 ? 0 : static_cast<double>(gap_sum) / static_cast<double>(headcount);
}

Counts ContributionOf(const PersonStanding& s) {
  Counts c;
  c.headcount = 1;
  const bool assessed = s.level >= 0;
  c.assessed = assessed ? 1 : 0;
  c.meets_present = s.status == Status::kMeets ? 1 : 0;
  c.meets_future = assessed && (s.future_target < 0 || s.level >= s.future_target) ? 1 : 0;
  c.expired = s.status == Status::kExpired ? 1 : 0;
  c.gap_sum = s.gap;
  return c;
}

}  // namespace thaksa::readiness
