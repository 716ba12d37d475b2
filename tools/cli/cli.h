// The thaksa command-line client: its flags, its connection, and the command groups.
#ifndef THAKSA_TOOLS_CLI_CLI_H_
#define THAKSA_TOOLS_CLI_CLI_H_

#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "tools/cli/call_options.h"
#include "tools/cli/import_report.h"

ABSL_DECLARE_FLAG(std::string, parent);
ABSL_DECLARE_FLAG(bool, subtree);
ABSL_DECLARE_FLAG(bool, needing_officer);
ABSL_DECLARE_FLAG(std::string, officer_name);
ABSL_DECLARE_FLAG(std::string, officer_position);
ABSL_DECLARE_FLAG(std::string, officer_role);
ABSL_DECLARE_FLAG(std::string, officer_email);
ABSL_DECLARE_FLAG(std::string, code);
ABSL_DECLARE_FLAG(std::string, name_th);
ABSL_DECLARE_FLAG(std::string, name_en);
ABSL_DECLARE_FLAG(std::string, kind);
ABSL_DECLARE_FLAG(int, fiscal_year);
ABSL_DECLARE_FLAG(std::string, period);
ABSL_DECLARE_FLAG(std::string, agency);
ABSL_DECLARE_FLAG(std::string, group);
ABSL_DECLARE_FLAG(std::string, status);
ABSL_DECLARE_FLAG(std::string, as_of);
ABSL_DECLARE_FLAG(int, years);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, institute);
ABSL_DECLARE_FLAG(int64_t, person);
ABSL_DECLARE_FLAG(std::string, description);
ABSL_DECLARE_FLAG(int, valid_days);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, entity_type);
ABSL_DECLARE_FLAG(std::string, entity_id);
ABSL_DECLARE_FLAG(std::string, method);
ABSL_DECLARE_FLAG(int64_t, principal);
ABSL_DECLARE_FLAG(std::string, framework);
ABSL_DECLARE_FLAG(std::string, from);
ABSL_DECLARE_FLAG(std::string, lang);
ABSL_DECLARE_FLAG(std::string, skill_set);
ABSL_DECLARE_FLAG(bool, drop);
ABSL_DECLARE_FLAG(int, max_level);
ABSL_DECLARE_FLAG(std::string, out);
ABSL_DECLARE_FLAG(bool, csv);

namespace thaksa::cli {

// A connection to the server and how to call it.
struct Cli {
  std::shared_ptr<grpc::Channel> channel;
  CallOptions options;
};

// Prints "thaksa: <message>" to stderr and returns exit code 1.
int Fail(const std::string& message);
int Fail(const grpc::Status& status);

// Opens the CSV file at `path`, runs `import(file, options)` with a long deadline (the report
// goes to stdout) and returns the exit code.
using Importer =
    std::function<absl::StatusOr<ImportTotals>(std::istream&, const CallOptions&)>;
int ImportFile(const Cli& cli, const std::string& path, const Importer& import);

// Each returns the process exit code, or -1 if `args` name no command of its group.
int RunAgencyCommand(const Cli& cli, const std::vector<std::string>& args);
int RunPeopleCommand(const Cli& cli, const std::vector<std::string>& args);
int RunAccessCommand(const Cli& cli, const std::vector<std::string>& args);
int RunAssessmentCommand(const Cli& cli, const std::vector<std::string>& args);
int RunLearningCommand(const Cli& cli, const std::vector<std::string>& args);
int RunReadinessCommand(const Cli& cli, const std::vector<std::string>& args);

}  // namespace thaksa::cli

#endif  // THAKSA_TOOLS_CLI_CLI_H_
