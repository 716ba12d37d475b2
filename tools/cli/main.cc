// thaksa: the command-line client of the Thaksa API.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/health_client.h"
#include "common/tls.h"
#include "grpcpp/create_channel.h"
#include "tools/cli/cli.h"

ABSL_FLAG(std::string, server, "", "Server address (env THAKSA_SERVER; default 127.0.0.1:50051).");
ABSL_FLAG(std::string, token_file, "",
          "File holding your bearer token (env THAKSA_TOKEN_FILE; or the token in THAKSA_TOKEN).");
ABSL_FLAG(std::string, tls_ca_file, "", "CA (PEM) of the server's certificate; enables TLS.");
ABSL_FLAG(std::string, tls_cert_file, "", "Client certificate (PEM) for mutual TLS.");
ABSL_FLAG(std::string, tls_key_file, "", "Key (PEM) of the client certificate.");
ABSL_FLAG(int, timeout, 30, "Seconds a call may take (imports: 60 times as long).");
ABSL_FLAG(std::string, parent, "", "agencies list/create: parent agency code.");
ABSL_FLAG(bool, subtree, false, "agencies list: the whole subtree instead of direct children.");
ABSL_FLAG(bool, needing_officer, false,
          "agencies list: only ministries and departments that name no accountable officer.");
ABSL_FLAG(std::string, code, "", "agencies create: the new agency's code.");
ABSL_FLAG(std::string, name_th, "", "agencies create: Thai name.");
ABSL_FLAG(std::string, name_en, "", "agencies create: English name.");
ABSL_FLAG(std::string, kind, "", "agencies create: MINISTRY, DEPARTMENT, DIVISION, "
                                 "PROVINCIAL_OFFICE or OTHER.");
ABSL_FLAG(std::string, officer_name, "", "agencies set-officer: the officer's full name (Thai).");
ABSL_FLAG(std::string, officer_position, "", "agencies set-officer: the officer's position.");
ABSL_FLAG(std::string, officer_role, "", "agencies set-officer: CIO, HEAD or DEPUTY_HEAD_IT.");
ABSL_FLAG(std::string, officer_email, "", "agencies set-officer: the officer's e-mail.");
ABSL_FLAG(int, fiscal_year, 0, "agencies set-period: fiscal year (BE), e.g. 2570.");
ABSL_FLAG(std::string, period, "", "agencies set-period: EARLY, DEVELOPING or MATURING.");
ABSL_FLAG(std::string, agency, "",
          "people list, readiness: agency subtree; people get: agency of record; token create: "
          "scope.");
ABSL_FLAG(std::string, group, "", "people list: personnel group, e.g. ACADEMIC.");
ABSL_FLAG(std::string, status, "", "people list: ACTIVE, ON_LEAVE or LEFT.");
ABSL_FLAG(std::string, as_of, "", "people get, profile, checklist: the date (YYYY-MM-DD) to show.");
ABSL_FLAG(int, years, 0, "people anonymise: erase people who left more than this many years ago.");
ABSL_FLAG(std::string, role, "", "token create: ADMIN, HR_SYSTEM, TRAINING_INSTITUTE, "
                                 "CIO_OFFICE, SUPERVISOR or PERSON.");
ABSL_FLAG(std::string, institute, "", "token create: institute code (TRAINING_INSTITUTE).");
ABSL_FLAG(int64_t, person, 0, "token create: person id (SUPERVISOR, PERSON).");
ABSL_FLAG(std::string, description, "", "token create: who holds the token.");
ABSL_FLAG(int, valid_days, 0, "token create: days until it expires (default 365).");
ABSL_FLAG(bool, all, false, "token list: include revoked and expired tokens.");
ABSL_FLAG(std::string, entity_type, "", "audit list: agency, person, token ...");
ABSL_FLAG(std::string, entity_id, "", "audit list: the entity's id or code.");
ABSL_FLAG(std::string, method, "", "audit list: full method name.");
ABSL_FLAG(int64_t, principal, 0, "audit list: token id of the caller.");
ABSL_FLAG(std::string, framework, "", "frameworks assign: the framework code.");
ABSL_FLAG(std::string, from, "", "frameworks assign: from this date (YYYY-MM-DD).");
ABSL_FLAG(std::string, lang, "th", "profile, checklist: th (Thai labels) or en.");
ABSL_FLAG(std::string, skill_set, "", "frameworks adopt: the optional skill set.");
ABSL_FLAG(bool, drop, false, "frameworks adopt: drop the skill set instead of adopting it.");
ABSL_FLAG(int, max_level, 0, "institutes upsert: the highest level its assessed passes may set.");
ABSL_FLAG(std::string, out, "", "report: the HTML file to write.");
ABSL_FLAG(bool, csv, false, "readiness: print the figures as CSV (ExportReadiness).");

namespace thaksa::cli {
namespace {

constexpr char kUsage[] = R"(thaksa COMMAND [flags]

Commands:
  health                                   is the server serving?
  agencies list [--parent CODE] [--subtree] [--needing_officer]
  agencies get CODE
  agencies create --code C --name_th T [--name_en E] [--parent P] --kind K
  agencies set-officer CODE --officer_name N --officer_role CIO|HEAD|DEPUTY_HEAD_IT
      [--officer_position P] [--officer_email E]   name the accountable officer
  agencies set-period CODE --fiscal_year 2570 --period DEVELOPING
  agencies import FILE.csv                 create agencies (and periods) from a CSV, and name the
                                           officers it gives of agencies that exist
  people get ID | EMPLOYEE_NUMBER --agency CODE   [--as_of YYYY-MM-DD]
  people list [--agency CODE] [--group G] [--status S]
  people import FILE.csv                   bulk-sync people from a CSV, one report line a row
  people export ID                         everything held about a person (PDPA subject access)
  people anonymise --years N               erase personal data of people who left > N years ago
  token create --role R [--agency C | --institute I | --person ID] [--description D] [--valid_days N]
  token list [--all]
  token revoke ID
  audit list [--entity_type T [--entity_id ID]] [--method M] [--principal TOKEN_ID]
  frameworks seed DIR                      load and publish the framework versions in DIR
  frameworks list
  frameworks assign AGENCY --framework F --from YYYY-MM-DD
  frameworks adopt AGENCY --framework F --skill_set S --from YYYY-MM-DD [--drop]
  units load FILE.csv                      the competency-unit catalogue (before behaviours)
  units check CODE...                      each code's form, and whether the catalogue knows it
  behaviours load FILE.csv                 the competency-unit behaviours of the TPQI annex
  assessments import FILE.csv              record assessments from a CSV, one report line a row
  assessments list PERSON_ID
  profile PERSON_ID [--as_of YYYY-MM-DD] [--lang th|en]   as-is vs to-be per skill set
  checklist PERSON_ID [--as_of YYYY-MM-DD] [--lang th|en] the annex's expected behaviours, each
                                                          not started / in progress / shown, with
                                                          the evidence linked to it
  institutes upsert --code C --name_th T [--name_en E] [--max_level N]
  courses import FILE.csv                  the catalogue; lecture-heavy designs are flagged (60/40)
  plans import FILE.csv                    bulk-import draft plans (one row an item), a line a plan
  plans get PLAN_ID                        items, 70:20:10 mix, what breaks the rules
  completions import FILE.csv              an institute's completions, one report line a row
  completions reviews                      held and conflicting completions
  readiness --agency CODE [--lang th|en] [--csv]   share ready per group x skill set, by child
  report --agency CODE --out FILE.html     a self-contained HTML report for a CIO office

The server is --server or THAKSA_SERVER (default 127.0.0.1:50051); your token comes from
THAKSA_TOKEN, or the file named by --token_file or THAKSA_TOKEN_FILE. With --tls_ca_file the
connection uses TLS (and mutual TLS with --tls_cert_file and --tls_key_file).)";

std::string FlagOrEnv(const std::string& flag, const char* env, const std::string& fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? value : fallback;
}

absl::StatusOr<Cli> Connect() {
  Cli cli;
  cli.options.timeout = absl::Seconds(absl::GetFlag(FLAGS_timeout));
  cli.options.token = FlagOrEnv("", "THAKSA_TOKEN", "");
  const std::string token_file = FlagOrEnv(absl::GetFlag(FLAGS_token_file), "THAKSA_TOKEN_FILE", "");
  if (cli.options.token.empty() && !token_file.empty()) {
    absl::StatusOr<std::string> token = ReadFileContents(token_file);
    if (!token.ok()) return token.status();
    cli.options.token = std::string(absl::StripAsciiWhitespace(*token));
  }
  ClientTls tls;
  tls.ca_file = absl::GetFlag(FLAGS_tls_ca_file);
  tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials = MakeChannelCredentials(tls);
  if (!credentials.ok()) return credentials.status();
  cli.channel = grpc::CreateChannel(
      FlagOrEnv(absl::GetFlag(FLAGS_server), "THAKSA_SERVER", "127.0.0.1:50051"), *credentials);
  return cli;
}

int Run(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  absl::StatusOr<Cli> cli = Connect();
  if (!cli.ok()) return Fail(std::string(cli.status().message()));
  if (args[0] == "health") {
    absl::Status status = CheckHealth(cli->channel, cli->options.timeout);
    if (!status.ok()) return Fail(status.ToString());
    std::cout << "SERVING\n";
    return 0;
  }
  int rc = -1;
  if (args[0] == "agencies") rc = RunAgencyCommand(*cli, args);
  if (args[0] == "people") rc = RunPeopleCommand(*cli, args);
  if (args[0] == "token" || args[0] == "audit") rc = RunAccessCommand(*cli, args);
  if (args[0] == "frameworks" || args[0] == "units" || args[0] == "behaviours" ||
      args[0] == "assessments" || args[0] == "profile" || args[0] == "checklist") {
    rc = RunAssessmentCommand(*cli, args);
  }
  if (args[0] == "readiness" || args[0] == "report") rc = RunReadinessCommand(*cli, args);
  if (args[0] == "institutes" || args[0] == "courses" || args[0] == "plans" ||
      args[0] == "completions") {
    rc = RunLearningCommand(*cli, args);
  }
  if (rc >= 0) return rc;
  std::cerr << kUsage << "\n";
  return 2;
}

}  // namespace

int Fail(const std::string& message) {
  std::cerr << "thaksa: " << message << "\n";
  return 1;
}

int Fail(const grpc::Status& status) { return Fail(DescribeGrpcStatus(status)); }

int ImportFile(const Cli& cli, const std::string& path, const Importer& import) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Fail(absl::StrCat("cannot open ", path));
  CallOptions options = cli.options;
  options.timeout = options.timeout * 60;
  absl::Status status = import(file, options).status();
  return status.ok() ? 0 : Fail(std::string(status.message()));
}

}  // namespace thaksa::cli

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(thaksa::cli::kUsage);
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  return thaksa::cli::Run(std::vector<std::string>(positional.begin() + 1, positional.end()));
}
