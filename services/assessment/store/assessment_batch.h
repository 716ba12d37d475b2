// Storing a batch of assessments (AssessmentStore::RecordAssessments) on MySQL in one transaction,
// with a handful of statements whatever the size of the batch:
//   1. what the batch needs is read with one query per kRowsPerStatement values: the frameworks
//      it names, the records already kept under its external keys, its people, and the
//      assessments it supersedes (locked);
//   2. each assessment is decided in memory, in order, as if stored one after the other: under
//      an external key already kept, or taken by an earlier assessment of the batch, the same
//      record is UNCHANGED and another REJECTED; otherwise an unknown framework, person or
//      superseded id, or an assessment superseded already (also by an earlier one of the batch),
//      is REJECTED, and the rest are new;
//   3. the new assessments are inserted with multi-row statements (their ids read back in
//      order), and those they supersede marked by one statement;
//   4. the assessments of the people whose standings the batch touches are read (locked), each
//      touched standing is recomputed by its framework's precedence and written with multi-row
//      statements, with one change-log row per standing and one audit event per new assessment.
// A concurrent batch storing one of the same external keys first makes the insert fail on the
// unique key; ConnectionPool::UpsertTransaction then runs the batch again, which compares with
// the other batch's row. Two batches recording for one person meanwhile wait for each other's
// new rows at step 4 (or one is rolled back as a deadlock and run again), so that each standing
// is computed from every assessment committed before it.
#ifndef THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_BATCH_H_
#define THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_BATCH_H_

#include <cppconn/connection.h>

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_log.h"
#include "services/assessment/store/assessment_store.h"

namespace thaksa::assessment {

// Stores `assessments` on `connection`, inside its transaction; one result each, in order. May
// throw sql::SQLException (inside ConnectionPool work).
absl::StatusOr<std::vector<RecordResult>> StoreAssessmentBatch(
    sql::Connection& connection, const std::vector<NewAssessment>& assessments,
    const std::map<std::string, std::vector<Source>>& precedence, absl::CivilDay today,
    const AuditCall& audit);

}  // namespace thaksa::assessment

#endif  // THAKSA_SERVICES_ASSESSMENT_STORE_ASSESSMENT_BATCH_H_
