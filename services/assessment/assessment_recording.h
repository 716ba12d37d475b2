// Recording assessments, one at a time (RecordAssessment) or by the batch (BulkRecordAssessments),
// on one path: each record is checked against the person's placement on the day assessed, the
// framework version (the agency's when none is named; published only), its skill sets and
// scale, and what the caller may record, all read once for the whole batch; then the batch is
// stored in one transaction, where the external id makes replays UNCHANGED, supersession is
// applied and the person's standing is recomputed by each framework's precedence policy. An
// external id is unique under the recorder's key (RecorderKey, common/auth/principal.h).
#ifndef THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_RECORDING_H_
#define THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_RECORDING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_log.h"
#include "common/auth/principal.h"
#include "services/assessment/domain/assessment_rules.h"
#include "services/assessment/framework_cache.h"
#include "services/assessment/store/assessment_store.h"
#include "services/assessment/units/unit_catalogue.h"
#include "services/learning/catalogue/catalogue.h"
#include "thaksa/assessment/v1/assessment.pb.h"

namespace thaksa::assessment {

// One recorded assessment as the caller sees it.
struct Recorded {
  RecordOutcome outcome = RecordOutcome::kRecorded;  // RECORDED or UNCHANGED
  StoredAssessment assessment;
};

// Records for one caller during one call or stream; frameworks are read once for all its records.
class AssessmentRecorder final {
 public:
  // `store`, `catalogue` and `units` (the competency-unit catalogue's codes) must outlive the
  // recorder; `today` (the Thai calendar day of the call) bounds assessment dates and is the day
  // standings are computed for.
  AssessmentRecorder(AssessmentStore& store, learning::Catalogue& catalogue,
                     AnnexReferences& units, const Principal& principal, absl::CivilDay today)
      : store_(store),
        catalogue_(catalogue),
        units_(units),
        principal_(principal),
        today_(today),
        frameworks_(store) {}

  // Checks one record and prepares it for Store. Errors, with fields named under `prefix` (e.g.
  // "assessment."): INVALID_ARGUMENT for text, dates, an unknown framework or skill set, a level
  // off the scale, a draft or retired version, no framework to follow, or a unit code that is none
  // or that the competency-unit catalogue lacks (naming the nearest); PERMISSION_DENIED for a
  // person outside the caller's scope (or unknown, but to ADMIN, who gets INVALID_ARGUMENT on
  // person_id), a source the caller's role may not record (naming `source`), a supervisor
  // assessing themself, the SERVICE principal without an institute, or an institute (of a
  // TRAINING_INSTITUTE token or named by SERVICE) that is not registered (naming
  // `institute_code`, unprefixed: it is the caller's, not the record's); INVALID_ARGUMENT on
  // `level` for a level above the institute's max_assessed_level; the store's and the
  // catalogues' own errors. Unit codes are kept in their one form, each once. A replay, a record
  // with an external id that the store already holds under the caller's key with the same
  // content (the record as stored: unit codes in their one form, its framework named or resolved
  // as today), is not checked again: the store answers it UNCHANGED, whatever changed since (the
  // institute's trust or registration, the version's status, the caller's scope, the unit
  // catalogue). The same key with other content is checked as any record, and refused by the
  // store if it passes.
  absl::StatusOr<NewAssessment> Prepare(const v1::AssessmentRecord& record,
                                        const std::string& prefix);

  // Prepare for each of `records`, one answer each, in order; what they need of the store (the
  // records kept under their external ids, their people's placements, their agencies'
  // frameworks) is read for all of them at once, with a query or two per kind.
  std::vector<absl::StatusOr<NewAssessment>> PrepareAll(
      const std::vector<v1::AssessmentRecord>& records, const std::string& prefix);

  // Stores prepared assessments in one transaction (AssessmentStore::RecordAssessments), one
  // result each, in order.
  absl::StatusOr<std::vector<RecordResult>> Store(const std::vector<NewAssessment>& assessments,
                                                  const AuditCall& audit);

  // PrepareAll and Store for a batch of a bulk stream: one result each, in order, a record
  // PrepareAll refused as RejectionOf gives it. Errors, for the whole batch: the store's, or
  // PrepareAll's for a record it could not check (e.g. UNAVAILABLE), not a refusal.
  absl::StatusOr<std::vector<RecordResult>> RecordAll(
      const std::vector<v1::AssessmentRecord>& records, const AuditCall& audit);

  // Prepare and Store for one record. A rejection by the store is its code with the fields named
  // under `prefix`.
  absl::StatusOr<Recorded> Record(const v1::AssessmentRecord& record, const std::string& prefix,
                                  const AuditCall& audit);

 private:
  struct Pending;

  // The steps of PrepareAll: each answers what it can of `pending` and reads what the next needs.
  void ReadReplays(std::vector<Pending>& pending);
  void ReadPeople(std::vector<Pending>& pending);
  void ReadFrameworksFollowed(std::vector<Pending>& pending, const std::string& prefix);
  // The checks of Prepare that follow the reads, for one record.
  absl::StatusOr<NewAssessment> Checked(const Pending& pending, const std::string& prefix);

  // The institute's trust (max_assessed_level) for a record by an institute, read once per
  // recorder; PERMISSION_DENIED if the institute is not registered.
  absl::StatusOr<int> InstituteTrust();
  // The competency-unit catalogue's codes, read once per recorder (a failed read is tried again).
  absl::StatusOr<const std::vector<std::string>*> CatalogueUnitCodes();
  // The assessment to store for a checked record (or a replay), attributed to the caller.
  NewAssessment Assessment(const AssessmentInput& input, const std::string& framework_code,
                           std::string record_json, const std::string& external_key) const;

  AssessmentStore& store_;
  learning::Catalogue& catalogue_;
  AnnexReferences& units_;
  const Principal principal_;
  const absl::CivilDay today_;
  FrameworkCache frameworks_;
  std::optional<absl::StatusOr<int>> institute_trust_;  // read by InstituteTrust
  std::optional<std::vector<std::string>> known_unit_codes_;  // read by CatalogueUnitCodes
};

// The rejection of a record Prepare refused, as a bulk answer gives it: the refusal's code and
// field violations, or its message under "person_id" when it names no field.
RecordResult RejectionOf(const absl::Status& refusal);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_ASSESSMENT_RECORDING_H_
