// Each bulk path's writes, for its baseline (baselines.h): the rows the server's stores write
// for the path's records — the record's own row and the assignment, standing, item, audit and
// change-log rows that come with it, as services/personnel/store/people_upsert.cc,
// services/assessment/store/mysql_assessment_records.cc and
// services/learning/store/mysql_learning_store.cc and mysql_plan_import.cc write them — in
// transactions of the size of the server's batches. Updates the stores make beside (a plan's
// version) are left out.
#ifndef THAKSA_TOOLS_LOADGEN_PATH_WRITES_H_
#define THAKSA_TOOLS_LOADGEN_PATH_WRITES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/loadgen/baselines.h"
#include "tools/loadgen/dataset.h"

namespace thaksa::loadgen {

// What the paths' records are made of: the dataset, the ids its people were given and the
// framework's skill sets. Must outlive the PathWrites made from it.
struct PathInputs {
  const Dataset* dataset = nullptr;
  const std::vector<int64_t>* person_ids = nullptr;  // by dataset index
  const std::vector<std::string>* skill_set_codes = nullptr;
};

// The first `people` people of the dataset, by BulkUpsertPeople.
PathWrites PeopleWrites(const PathInputs& inputs, int64_t people, int writers);
// The first `records` assessments of the dataset (person after person), by
// BulkRecordAssessments.
PathWrites AssessmentWrites(const PathInputs& inputs, int64_t records, int writers);
// The plans (with their items) of the first `plans` people, as kPlanPath says.
PathWrites PlanWrites(const PathInputs& inputs, int64_t plans, int writers);
// Completions reported later, as the ingestion mix makes them (Dataset::LaterCompletion, for
// people picked by SpreadIndex), by RecordCompletions. They carry no assessed level, so queue
// nothing in the outbox.
PathWrites CompletionWrites(const PathInputs& inputs, int64_t records, int writers);
// The completion rows alone of CompletionWrites, 1,000 to a transaction on one connection: what
// the bare table takes.
PathWrites CompletionTableWrites(const PathInputs& inputs, int64_t records);

}  // namespace thaksa::loadgen

#endif  // THAKSA_TOOLS_LOADGEN_PATH_WRITES_H_
