// thaksa-server as a process of its own, for tests that kill it: started on a database and a
// port, killed with SIGKILL, started again on the same port.
#ifndef THAKSA_TESTS_SUPPORT_SERVER_PROCESS_H_
#define THAKSA_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/db/db_config.h"
#include "grpcpp/channel.h"

namespace thaksa::testing {

class ServerProcess final {
 public:
  // Makes the deployment's citizen-ID key and the bootstrap ADMIN token (file admin_token_file())
  // in `directory`; `binary` is the thaksa-server executable.
  ServerProcess(std::string binary, DbConfig db, std::string directory);
  // Kills the process if it still runs.
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts the server (on the port it had, after a first start on a free one) and waits until
  // it answers its health check.
  absl::Status Start();
  // SIGKILL, and waits for the process to be gone: no shutdown of any kind.
  void Kill();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  const std::string& admin_token() const { return admin_token_; }

 private:
  std::string DbUrl() const;

  const std::string binary_;
  const DbConfig db_;
  const std::string directory_;
  std::string admin_token_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace thaksa::testing

#endif  // THAKSA_TESTS_SUPPORT_SERVER_PROCESS_H_
