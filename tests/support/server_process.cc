#include "tests/support/server_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/health_client.h"
#include "tests/support/mariadb_server.h"
#include "grpcpp/create_channel.h"

extern char** environ;

namespace thaksa::testing {
namespace {

std::string Contents(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The port the server's log last said it listens on ("... listening ... port=N"), or 0.
int ListeningPort(const std::string& log) {
  const std::string text = Contents(log);
  const size_t line = text.rfind(" listening ");
  if (line == std::string::npos) return 0;
  const size_t port = text.find("port=", line);
  return port == std::string::npos ? 0 : std::atoi(text.c_str() + port + 5);
}

}  // namespace

ServerProcess::ServerProcess(std::string binary, DbConfig db, std::string directory)
    : binary_(std::move(binary)), db_(std::move(db)), directory_(std::move(directory)) {
  std::ofstream(directory_ + "/server.log", std::ios::trunc);  // a port in an old log misleads
  std::ofstream(directory_ + "/citizen-id.key") << "a-deployment-key-for-fault-tests";
  const std::string token_file = directory_ + "/admin.token";
  const std::string command =
      absl::StrCat("THAKSA_CITIZEN_ID_KEY_FILE=", directory_, "/citizen-id.key ", binary_,
                   " --db_url='", DbUrl(), "' --create_admin_token=", token_file, " >>",
                   directory_, "/server.log 2>&1");
  if (std::system(command.c_str()) == 0) {
    admin_token_ = std::string(absl::StripAsciiWhitespace(Contents(token_file)));
  }
}

ServerProcess::~ServerProcess() { Kill(); }

std::string ServerProcess::DbUrl() const {
  if (db_.socket.empty()) {
    return absl::StrCat("mysql://", db_.user, ":", db_.password, "@", db_.host, ":", db_.port, "/",
                        db_.database);
  }
  return absl::StrCat("mysql://", db_.user, "@localhost/", db_.database, "?socket=", db_.socket);
}

absl::Status ServerProcess::Start() {
  if (admin_token_.empty()) return absl::InternalError("no bootstrap token was made");
  const std::string log = directory_ + "/server.log";
  std::ofstream(log, std::ios::app) << "";
  const std::string listen = absl::StrCat("--listen=127.0.0.1:", port_);
  const std::string db_url = absl::StrCat("--db_url=", DbUrl());
  const std::string key = absl::StrCat("--citizen_id_key_file=", directory_, "/citizen-id.key");
  std::vector<const char*> argv = {binary_.c_str(), listen.c_str(), "--http_listen=127.0.0.1:0",
                                   db_url.c_str(), key.c_str(), nullptr};
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_APPEND, 0);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  const int spawned = posix_spawn(&pid_, binary_.c_str(), &files, nullptr,
                                  const_cast<char**>(argv.data()), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) return absl::InternalError("cannot start thaksa-server");
  for (absl::Time until = absl::Now() + absl::Seconds(60); absl::Now() < until;) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return absl::InternalError(absl::StrCat("thaksa-server exited; see ", log));
    }
    if (port_ == 0) port_ = ListeningPort(log);
    if (port_ != 0) {
      channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                                     grpc::InsecureChannelCredentials());
      if (CheckHealth(channel_, absl::Seconds(1)).ok()) return absl::OkStatus();
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  return absl::DeadlineExceededError("thaksa-server did not become healthy in 60 s");
}

void ServerProcess::Kill() { KillAndReap(pid_); }

}  // namespace thaksa::testing
