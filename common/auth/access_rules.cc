// The access rules of every RPC, in one place. Scope checks named here are made by the
// handlers, which know the records involved.
#include "common/auth/access_rules.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"

namespace thaksa {
namespace {

constexpr Role kAdmin = Role::kAdmin;
constexpr Role kHr = Role::kHrSystem;
constexpr Role kInstitute = Role::kTrainingInstitute;
constexpr Role kCio = Role::kCioOffice;
constexpr Role kSupervisor = Role::kSupervisor;
constexpr Role kPerson = Role::kPerson;
// Never in kEveryone: the SERVICE principal may call only what names it.
constexpr Role kService = Role::kService;
constexpr CallCost kCostly = CallCost::kCostly;
constexpr CallCost kBulkStream = CallCost::kBulkStream;

const std::vector<Role> kEveryone = {kAdmin, kHr, kInstitute, kCio, kSupervisor, kPerson};

const absl::flat_hash_map<std::string, AccessRule>& Rules() {
  static const auto* rules = new absl::flat_hash_map<std::string, AccessRule>{
      // thaksa.personnel.v1.PersonnelService
      {"/thaksa.personnel.v1.PersonnelService/CreateAgency",
       {{kAdmin, kHr}, true, false, "HR_SYSTEM: the new agency's parent is in its subtree"}},
      {"/thaksa.personnel.v1.PersonnelService/UpdateAgency",
       {{kAdmin, kHr}, true, false, "HR_SYSTEM: the agency and its (new) parent are in its subtree"}},
      {"/thaksa.personnel.v1.PersonnelService/GetAgency",
       {kEveryone, false, false, "the agency tree is not personal data"}},
      {"/thaksa.personnel.v1.PersonnelService/ListAgencies",
       {kEveryone, false, false, "the agency tree is not personal data"}},
      {"/thaksa.personnel.v1.PersonnelService/SetAgencyPeriod",
       {{kAdmin, kHr, kCio}, true, false, "HR_SYSTEM, CIO_OFFICE: the agency is in their subtree"}},
      {"/thaksa.personnel.v1.PersonnelService/UpsertPerson",
       {{kAdmin, kHr}, true, false, "HR_SYSTEM: agency of record and agency are in its subtree"}},
      {"/thaksa.personnel.v1.PersonnelService/BulkUpsertPeople",
       {{kAdmin, kHr}, true, false, "HR_SYSTEM: each row's agencies are in its subtree",
        kBulkStream}},
      {"/thaksa.personnel.v1.PersonnelService/GetPerson",
       {kEveryone, false, true,
        "HR_SYSTEM, CIO_OFFICE: the person works or is recorded in their subtree; SUPERVISOR: "
        "themself or a person they supervise; PERSON: themself; TRAINING_INSTITUTE: never"}},
      {"/thaksa.personnel.v1.PersonnelService/ListPeople",
       {{kAdmin, kHr, kCio}, false, true, "HR_SYSTEM, CIO_OFFICE: the agency filter is in their "
                                          "subtree (empty means their own agency)"}},
      {"/thaksa.personnel.v1.PersonnelService/ExportPersonData",
       {{kAdmin, kPerson}, false, true, "PERSON: themself", kCostly}},
      {"/thaksa.personnel.v1.PersonnelService/AnonymiseLeavers",
       {{kAdmin}, true, false, "", kCostly}},
      // thaksa.assessment.v1.AssessmentService
      {"/thaksa.assessment.v1.AssessmentService/CreateFramework", {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/UpdateFramework", {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/SetFrameworkStatus", {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/GetFramework",
       {kEveryone, false, false, "frameworks are public policy"}},
      {"/thaksa.assessment.v1.AssessmentService/ListFrameworks",
       {kEveryone, false, false, "frameworks are public policy"}},
      {"/thaksa.assessment.v1.AssessmentService/PutCrosswalk", {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/PutBehaviours", {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/PutCompetencyUnits",
       {{kAdmin}, true, false, ""}},
      {"/thaksa.assessment.v1.AssessmentService/ListCompetencyUnits",
       {kEveryone, false, false, "reference data"}},
      {"/thaksa.assessment.v1.AssessmentService/CheckUnitCodes",
       {kEveryone, false, false, "reference data"}},
      {"/thaksa.assessment.v1.AssessmentService/ListBehaviours",
       {kEveryone, false, false, "reference data"}},
      {"/thaksa.assessment.v1.AssessmentService/SetAgencyFramework",
       {{kAdmin, kHr, kCio}, true, false, "HR_SYSTEM, CIO_OFFICE: the agency is in their subtree"}},
      {"/thaksa.assessment.v1.AssessmentService/SetOptionalSkillSet",
       {{kAdmin, kHr, kCio}, true, false, "HR_SYSTEM, CIO_OFFICE: the agency is in their subtree"}},
      {"/thaksa.assessment.v1.AssessmentService/GetAgencyFramework",
       {kEveryone, false, false, "public policy of the agency"}},
      {"/thaksa.assessment.v1.AssessmentService/RecordAssessment",
       {kEveryone, true, false,
        "PERSON: self-assessments of themself; SUPERVISOR: supervisor assessments of their "
        "reports; TRAINING_INSTITUTE: exams and certifications of anyone; HR_SYSTEM: all but "
        "self-assessments, of people in its subtree; CIO_OFFICE: none (refused by source)"}},
      {"/thaksa.assessment.v1.AssessmentService/BulkRecordAssessments",
       {{kAdmin, kHr, kInstitute, kCio, kSupervisor, kPerson, kService}, true, false,
        "as RecordAssessment, per record; SERVICE (the learning service's relay): as the "
        "institute it names in metadata x-thaksa-institute", kBulkStream}},
      {"/thaksa.assessment.v1.AssessmentService/ListAssessments",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true, "as GetPerson"}},
      {"/thaksa.assessment.v1.AssessmentService/GetSkillProfile",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true, "as GetPerson"}},
      {"/thaksa.assessment.v1.AssessmentService/GetSkillProfiles",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true,
        "as GetSkillProfile, person by person (those outside the scope get an error each)"}},
      {"/thaksa.assessment.v1.AssessmentService/GetBehaviourChecklist",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true, "as GetPerson"}},
      // thaksa.learning.v1.LearningService
      {"/thaksa.learning.v1.LearningService/UpsertInstitute", {{kAdmin}, true, false, ""}},
      {"/thaksa.learning.v1.LearningService/ListInstitutes", {kEveryone, false, false, ""}},
      {"/thaksa.learning.v1.LearningService/UpsertCourse",
       {{kAdmin, kInstitute}, true, false, "TRAINING_INSTITUTE: its own courses"}},
      {"/thaksa.learning.v1.LearningService/ListCourses", {kEveryone, false, false, ""}},
      {"/thaksa.learning.v1.LearningService/CreatePlan",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false,
        "PERSON: own; SUPERVISOR: own and reports'; HR_SYSTEM: people in its subtree"}},
      {"/thaksa.learning.v1.LearningService/BulkUpsertPlans",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false,
        "as CreatePlan, record by record (one outside the scope is rejected alone)", kBulkStream}},
      {"/thaksa.learning.v1.LearningService/AddPlanItem",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false, "as CreatePlan"}},
      {"/thaksa.learning.v1.LearningService/UpdatePlanItem",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false, "as CreatePlan"}},
      {"/thaksa.learning.v1.LearningService/RemovePlanItem",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false, "as CreatePlan"}},
      {"/thaksa.learning.v1.LearningService/GetPlan",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true, "as GetPerson"}},
      {"/thaksa.learning.v1.LearningService/ListPlans",
       {{kAdmin, kHr, kCio}, false, true, "HR_SYSTEM, CIO_OFFICE: their subtree"}},
      {"/thaksa.learning.v1.LearningService/TransitionPlan",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false,
        "the person submits and activates; the supervisor or HR approves and completes"}},
      {"/thaksa.learning.v1.LearningService/RevisePlan",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false, "as CreatePlan"}},
      {"/thaksa.learning.v1.LearningService/CompletePlanItem",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false, "the person (or HR) reports"}},
      {"/thaksa.learning.v1.LearningService/ConfirmPlanItem",
       {{kAdmin, kHr, kSupervisor}, true, false, "the supervisor of the person, or HR"}},
      {"/thaksa.learning.v1.LearningService/RecordCompletions",
       {{kInstitute}, true, false, "only as the institute itself", kBulkStream}},
      {"/thaksa.learning.v1.LearningService/GetCompletion",
       {{kAdmin, kInstitute}, false, false, "TRAINING_INSTITUTE: its own"}},
      {"/thaksa.learning.v1.LearningService/ListCompletionReviews",
       {{kAdmin, kInstitute}, false, false, "TRAINING_INSTITUTE: its own"}},
      {"/thaksa.learning.v1.LearningService/ReviewCompletion", {{kAdmin}, true, false, ""}},
      {"/thaksa.learning.v1.LearningService/RecordApplication",
       {{kAdmin, kHr, kSupervisor, kPerson}, true, false,
        "the person, their supervisor or HR records"}},
      {"/thaksa.learning.v1.LearningService/ConfirmApplication",
       {{kAdmin, kHr, kSupervisor}, true, false, "the supervisor of the person, or HR"}},
      {"/thaksa.learning.v1.LearningService/ListApplications",
       {{kAdmin, kHr, kCio, kSupervisor, kPerson}, false, true, "as GetPerson"}},
      // thaksa.readiness.v1.ReadinessService
      {"/thaksa.readiness.v1.ReadinessService/GetReadiness",
       {{kAdmin, kHr, kCio}, false, false, "HR_SYSTEM, CIO_OFFICE: their subtree (aggregates)"}},
      {"/thaksa.readiness.v1.ReadinessService/CloseFiscalYear",
       {{kAdmin}, true, false, "", kCostly}},
      {"/thaksa.readiness.v1.ReadinessService/ExportReadiness",  // costly: admitted by its handler
       {{kAdmin, kHr, kCio}, false, false, "HR_SYSTEM, CIO_OFFICE: their subtree (aggregates)"}},
      {"/thaksa.readiness.v1.ReadinessService/GetLearningMix",
       {{kAdmin, kHr, kCio}, false, false, "HR_SYSTEM, CIO_OFFICE: their subtree (aggregates)",
        kCostly}},
      {"/thaksa.readiness.v1.ReadinessService/GetTrend",
       {{kAdmin, kHr, kCio}, false, false, "HR_SYSTEM, CIO_OFFICE: their subtree (aggregates)"}},
      {"/thaksa.readiness.v1.ReadinessService/ListGaps",
       {{kAdmin, kHr, kCio}, false, true, "HR_SYSTEM, CIO_OFFICE: their subtree"}},
      // thaksa.access.v1.AccessService
      {"/thaksa.access.v1.AccessService/CreateToken", {{kAdmin}, true, false, ""}},
      {"/thaksa.access.v1.AccessService/ListTokens", {{kAdmin}, false, false, ""}},
      {"/thaksa.access.v1.AccessService/RevokeToken", {{kAdmin}, true, false, ""}},
      {"/thaksa.access.v1.AccessService/ListAuditEvents", {{kAdmin}, false, false, ""}},
      {"/thaksa.access.v1.AccessService/StartSession",
       {{kAdmin, kCio}, true, false,
        "the people who read the dashboard; the session has the caller's own role and scope"}},
      {"/thaksa.access.v1.AccessService/EndSession",
       {kEveryone, true, false, "the caller's own session token only"}},
      {"/thaksa.access.v1.AccessService/WhoAmI", {kEveryone, false, false, "the caller's own token"}},
      // thaksa.ops.v1.OpsService
      {"/thaksa.ops.v1.OpsService/GetServerStatus", {{kAdmin}, false, false, ""}},
  };
  return *rules;
}

}  // namespace

bool AccessRule::Allows(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const AccessRule* FindAccessRule(absl::string_view method) {
  auto it = Rules().find(method);
  return it == Rules().end() ? nullptr : &it->second;
}

std::vector<std::string> MethodsWithAccessRules() {
  std::vector<std::string> methods;
  for (const auto& [method, rule] : Rules()) methods.push_back(method);
  std::sort(methods.begin(), methods.end());
  return methods;
}

}  // namespace thaksa
