// The seed step for frameworks and reference data: loads the framework versions shipped in
// deploy/frameworks (publishing them), their crosswalks, the competency-unit catalogue and the
// annex behaviours. Safe to run
// again: what is already there is left as it is.
#ifndef THAKSA_TOOLS_CLI_FRAMEWORK_SEED_H_
#define THAKSA_TOOLS_CLI_FRAMEWORK_SEED_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "thaksa/assessment/v1/assessment.grpc.pb.h"
#include "tools/cli/call_options.h"

namespace thaksa::cli {

// Creates and publishes each DIR/*.json framework that does not exist yet (a draft is updated
// and published; a published one that differs is reported, not changed), then stores each
// DIR/crosswalks/*.json. Reports a line per file.
absl::Status SeedFrameworks(assessment::v1::AssessmentService::Stub& stub, const std::string& dir,
                            std::ostream& report, const CallOptions& options);

// Replaces the competency-unit catalogue with the units of the CSV at `path` (columns code,
// skill_set_code, provisional, name_th, name_en).
absl::Status LoadCompetencyUnits(assessment::v1::AssessmentService::Stub& stub,
                                 const std::string& path, std::ostream& report,
                                 const CallOptions& options);

// Replaces the behaviours with those of the annex CSV at `path` (its unit codes must be in the
// catalogue: load that first).
absl::Status LoadBehaviours(assessment::v1::AssessmentService::Stub& stub, const std::string& path,
                            std::ostream& report, const CallOptions& options);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_FRAMEWORK_SEED_H_
