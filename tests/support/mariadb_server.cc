#include "tests/support/mariadb_server.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/connection_pool.h"
#include "common/db/sql.h"
#include "common/server_main.h"
#include "gtest/gtest.h"

extern char** environ;

namespace thaksa::testing {
namespace {

// Runs a command line through the shell, quietly; OK if it exits 0.
absl::Status RunQuietly(const std::string& command) {
  const int rc = std::system(absl::StrCat(command, " >/dev/null 2>&1").c_str());
  if (rc != 0) return absl::InternalError(absl::StrCat("command failed (", rc, "): ", command));
  return absl::OkStatus();
}

// True once a client can connect through the socket.
bool Answers(const DbConfig& config) {
  ConnectionPool pool(config);
  return pool.Run([](sql::Connection& c) {
               Query(c, "SELECT 1");
               return absl::OkStatus();
             }).ok();
}

}  // namespace

absl::StatusOr<std::unique_ptr<MariaDbServer>> MariaDbServer::Start(bool durable) {
  std::string pattern = (std::filesystem::temp_directory_path() / "thaksa-db-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
  std::unique_ptr<MariaDbServer> server(new MariaDbServer(pattern, durable));
  // Each server has its own tmpdir: servers sharing /tmp collide on temporary table names.
  std::filesystem::create_directory(pattern + "/tmp");
  if (absl::Status s = RunQuietly(absl::StrCat(
          "PATH=\"$PATH:/usr/sbin:/usr/bin\" mariadb-install-db --no-defaults --user=root "
          "--datadir=", pattern, "/data --tmpdir=", pattern, "/tmp "
          "--auth-root-authentication-method=normal --skip-test-db"));
      !s.ok()) {
    return s;
  }
  if (absl::Status s = server->Launch(); !s.ok()) return s;
  return server;
}

absl::Status MariaDbServer::Launch() {
  const std::string data = absl::StrCat("--datadir=", directory_, "/data");
  const std::string socket = absl::StrCat("--socket=", directory_, "/sock");
  const std::string log = absl::StrCat("--log-error=", directory_, "/error.log");
  const std::string pid_file = absl::StrCat("--pid-file=", directory_, "/mariadbd.pid");
  const std::string tmp = absl::StrCat("--tmpdir=", directory_, "/tmp");
  std::vector<const char*> argv = {"/usr/sbin/mariadbd", "--no-defaults", "--user=root",
                                   data.c_str(), socket.c_str(), log.c_str(), pid_file.c_str(), tmp.c_str(),
                                   "--skip-networking", "--innodb-buffer-pool-size=64M",
                                   durable_ ? "--innodb-flush-log-at-trx-commit=1"
                                            : "--innodb-flush-log-at-trx-commit=2",
                                   nullptr};
  if (posix_spawn(&pid_, argv[0], nullptr, nullptr, const_cast<char**>(argv.data()), environ) != 0) {
    return absl::InternalError("cannot start mariadbd");
  }
  const DbConfig config = Config("mysql");
  for (absl::Time until = absl::Now() + absl::Seconds(60); absl::Now() < until;) {
    if (Answers(config)) return absl::OkStatus();
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat("mariadbd exited; see ", directory_, "/error.log"));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("mariadbd did not become ready in 60 s");
}

absl::Status MariaDbServer::Stop() {
  if (pid_ < 0) return absl::OkStatus();
  kill(pid_, SIGTERM);  // mariadbd shuts down cleanly on SIGTERM
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  return absl::OkStatus();
}

void KillAndReap(pid_t& pid) {
  if (pid < 0) return;
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  pid = -1;
}

void MariaDbServer::Kill() { KillAndReap(pid_); }

absl::Status MariaDbServer::Restart() {
  if (absl::Status s = Stop(); !s.ok()) return s;
  return Launch();
}

MariaDbServer::~MariaDbServer() {
  Stop().IgnoreError();
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

DbConfig MariaDbServer::Config(const std::string& database) const {
  DbConfig config;
  config.socket = absl::StrCat(directory_, "/sock");
  config.user = "root";
  config.database = database;
  return config;
}

namespace {
bool shared_durable = false;
}  // namespace

void MakeSharedMariaDbDurable() { shared_durable = true; }

MariaDbServer& SharedMariaDb() {
  static MariaDbServer* server = [] {
    absl::StatusOr<std::unique_ptr<MariaDbServer>> started =
        MariaDbServer::Start(shared_durable);
    if (!started.ok()) {
      ADD_FAILURE() << "cannot start MariaDB: " << started.status();
      std::abort();
    }
    // Stopped at exit, so no server outlives the test binary.
    static std::unique_ptr<MariaDbServer> owner = std::move(started).value();
    return owner.get();
  }();
  return *server;
}

int64_t QueryInt(ConnectionPool& pool, const std::string& statement) {
  int64_t value = -1;
  absl::Status status = pool.Run([&](sql::Connection& c) {
    auto rows = Query(c, statement);
    if (rows->next()) value = rows->getInt64(1);
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << statement << ": " << status;
  return value;
}

std::vector<std::string> QueryStrings(ConnectionPool& pool, const std::string& statement) {
  std::vector<std::string> values;
  absl::Status status = pool.Run([&](sql::Connection& c) {
    auto rows = Query(c, statement);
    while (rows->next()) values.push_back(std::string(rows->getString(1)));
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << statement << ": " << status;
  return values;
}

DbConfig FreshDatabase(const std::string& suffix) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = absl::StrCat("t_", test->test_suite_name(), "_", test->name());
  name = absl::StrCat(name.substr(0, 60 - suffix.size()), suffix);
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  DbConfig config = SharedMariaDb().Config(name);
  if (!DropDatabase(config).ok() || !CreateDatabaseIfMissing(config).ok()) {
    ADD_FAILURE() << "cannot create database " << name;
  }
  ConnectionPool pool(config);
  if (absl::Status s = PrepareDatabase(pool); !s.ok()) ADD_FAILURE() << s;
  return config;
}

}  // namespace thaksa::testing
