#include "tests/support/readiness_fixture.h"

#include "tests/support/records.h"
#include "tests/support/test_server.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::testing {
namespace {

// A framework with the two foundation sets and one role set for technology specialists.
assessment::v1::Framework ReadinessFramework(const std::string& code, bool provisional) {
  assessment::v1::Framework framework = FrameworkOf(code, {"LITERACY", "GOVERNANCE"}, {}, 4);
  framework.set_provisional(provisional);
  return framework;
}

}  // namespace

ReadinessFixture::ReadinessFixture() : clock_(TestNow()) {
  agencies_.push_back(store_.AddAgency(kMdes, "MDES"));
  agencies_.push_back(store_.AddAgency(kTmd, "TMD", kMdes));
  agencies_.push_back(store_.AddAgency(kTmdIt, "TMD-IT", kTmd));
  agencies_.push_back(store_.AddAgency(kTmdFc, "TMD-FC", kTmd));
  agencies_.push_back(store_.AddAgency(kNso, "NSO", kMdes));
  standings_.AddFramework(ReadinessFramework("PROV", true));
  standings_.AddFramework(ReadinessFramework("OFFICIAL", false));
}

readiness::ReadinessRow ReadinessFixture::Row(int64_t agency_id, int group,
                                              const std::string& skill_set,
                                              readiness::PersonStanding standing,
                                              const std::string& framework) {
  readiness::ReadinessRow row;
  row.skill_set_code = skill_set;
  row.framework_code = framework;
  row.agency_id = agency_id;
  row.personnel_group = group;
  row.standing = standing;
  return row;
}

Principal ReadinessFixture::Admin() {
  Principal principal;
  principal.role = Role::kAdmin;
  return principal;
}

Principal ReadinessFixture::CioOf(int64_t agency_id, const std::string& code) const {
  Principal principal;
  principal.role = Role::kCioOffice;
  principal.agency_id = agency_id;
  principal.agency_code = code;
  principal.agency_path = agencies_[static_cast<size_t>(agency_id - 1)].path;
  return principal;
}

void ReadinessFixture::PersonAtTmdIt(int64_t person_id,
                                     std::vector<assessment::Group> further_groups) {
  store_.Assign(person_id, kTmdIt, absl::CivilDay(2025, 10, 1));
  standings_.SetAgencyFramework("TMD-IT", "PROV");
  assessment::PersonContext person;
  person.person_id = person_id;
  person.group = kTechnology;
  person.agency_code = "TMD-IT";
  person.agency_path = agencies_[kTmdIt - 1].path;
  person.record_agency_path = person.agency_path;
  person.period = assessment::Period::kDeveloping;
  person.further_groups = std::move(further_groups);
  standings_.SetPerson(person);
}

}  // namespace thaksa::testing
