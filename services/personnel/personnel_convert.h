// Conversions between the personnel API messages and the domain types.
#ifndef THAKSA_SERVICES_PERSONNEL_PERSONNEL_CONVERT_H_
#define THAKSA_SERVICES_PERSONNEL_PERSONNEL_CONVERT_H_

#include <optional>

#include "absl/time/civil_time.h"
#include "common/status.h"
#include "services/personnel/domain/agency.h"
#include "services/personnel/domain/person.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace thaksa::personnel {

namespace pb = ::thaksa::personnel::v1;
namespace common_pb = ::thaksa::common::v1;

Agency FromProto(const pb::Agency& agency);
// `fiscal_year` selects current_period.
void ToProto(const Agency& agency, int fiscal_year, pb::Agency* out);

// Converts and validates a record; violations are named under `prefix`.
PersonRecord FromProto(const pb::PersonRecord& record, const std::string& prefix,
                       FieldErrors& errors);
// `on` selects the assignment; the history is filled when `with_history`.
void ToProto(const Person& person, absl::CivilDay on, bool with_history, pb::Person* out);

}  // namespace thaksa::personnel

#endif  // THAKSA_SERVICES_PERSONNEL_PERSONNEL_CONVERT_H_
