#include "common/server_main.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/db/migrations.h"
#include "common/log.h"
#include "common/server_runner.h"
#include "common/status.h"

ABSL_FLAG(std::string, listen, "",
          "Address to listen on, host:port (env THAKSA_LISTEN; default 127.0.0.1:50051).");
ABSL_FLAG(std::string, db_url, "",
          "Database, mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH&pool=N] (env "
          "THAKSA_DB_URL; default mysql://root@127.0.0.1:3306/thaksa). The password may come from "
          "env THAKSA_DB_PASSWORD instead.");
ABSL_FLAG(std::string, citizen_id_key_file, "",
          "File holding the secret key for hashing citizen IDs (env THAKSA_CITIZEN_ID_KEY_FILE, "
          "or the key itself in env THAKSA_CITIZEN_ID_KEY). Required.");
ABSL_FLAG(bool, migrate_only, false, "Apply database migrations and exit.");

namespace thaksa {
namespace {

std::string FlagOrEnv(const absl::Flag<std::string>& flag, const char* env,
                      absl::string_view fallback) {
  std::string value = absl::GetFlag(flag);
  if (!value.empty()) return value;
  if (const char* from_env = std::getenv(env); from_env != nullptr && *from_env != '\0') {
    return from_env;
  }
  return std::string(fallback);
}

absl::StatusOr<std::string> CitizenIdKey() {
  const std::string file =
      FlagOrEnv(FLAGS_citizen_id_key_file, "THAKSA_CITIZEN_ID_KEY_FILE", "");
  std::string key;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read key file ", file));
    std::stringstream content;
    content << in.rdbuf();
    key = std::string(absl::StripAsciiWhitespace(content.str()));
  } else if (const char* from_env = std::getenv("THAKSA_CITIZEN_ID_KEY")) {
    key = from_env;
  }
  if (key.size() < 16) {
    return absl::FailedPreconditionError(
        "a citizen-ID hashing key of at least 16 characters is required: set "
        "--citizen_id_key_file, THAKSA_CITIZEN_ID_KEY_FILE or THAKSA_CITIZEN_ID_KEY");
  }
  return key;
}

int Fail(absl::string_view what, const absl::Status& status) {
  LogEvent("startup_failed", {{"step", std::string(what)}, {"error", status.ToString()}});
  return 1;
}

}  // namespace

absl::Status PrepareDatabase(ConnectionPool& pool) {
  RETURN_IF_ERROR(CreateDatabaseIfMissing(pool.config()));
  return ApplyMigrations(pool, BundledMigrations());
}

int ServerMain(int argc, char** argv, const std::vector<ServiceFactory>& factories) {
  absl::SetProgramUsageMessage("Thaksa gRPC server.");
  absl::ParseCommandLine(argc, argv);
  BlockShutdownSignals();

  const std::string listen = FlagOrEnv(FLAGS_listen, "THAKSA_LISTEN", "127.0.0.1:50051");
  absl::StatusOr<DbConfig> db = ParseDbUrl(
      FlagOrEnv(FLAGS_db_url, "THAKSA_DB_URL", "mysql://root@127.0.0.1:3306/thaksa"));
  if (!db.ok()) return Fail("config", db.status());
  absl::StatusOr<std::string> key = CitizenIdKey();
  if (!key.ok()) return Fail("config", key.status());

  ConnectionPool pool(*db);
  if (absl::Status prepared = PrepareDatabase(pool); !prepared.ok()) {
    return Fail("migrations", prepared);
  }
  if (absl::GetFlag(FLAGS_migrate_only)) return 0;

  SystemClock clock;
  CitizenIdHasher hasher(*key);
  const ServiceDeps deps{pool, clock, hasher};
  std::vector<std::unique_ptr<HostedService>> hosted;
  std::vector<grpc::Service*> services;
  for (const ServiceFactory& factory : factories) {
    hosted.push_back(factory(deps));
    services.push_back(&hosted.back()->service());
  }
  int port = 0;
  absl::StatusOr<std::unique_ptr<grpc::Server>> server = StartServer(services, listen, &port);
  if (!server.ok()) return Fail("listen", server.status());
  LogEvent("listening", {{"address", listen}, {"port", absl::StrCat(port)}});
  ServeUntilSignal(**server);
  return 0;
}

}  // namespace thaksa
