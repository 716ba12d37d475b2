#include "common/server_main.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "common/auth/principal_cache.h"
#include "common/db/migrations.h"
#include "common/http/http_door.h"
#include "common/log.h"
#include "common/ops_service.h"
#include "common/server_runner.h"
#include "common/status.h"
#include "common/tls.h"
#include "grpcpp/create_channel.h"

ABSL_FLAG(std::string, listen, "",
          "Address to listen on, host:port (env THAKSA_LISTEN; default 127.0.0.1:50051).");
ABSL_FLAG(std::string, http_listen, "",
          "Address of the HTTP door (REST/JSON, OpenAPI, /healthz, /readyz), host:port, or 'off' "
          "(env THAKSA_HTTP_LISTEN; default: 127.0.0.1:8080 in thaksa-server, off in the "
          "binaries of one service). It uses the TLS flags of the gRPC port.");
ABSL_FLAG(int64_t, max_bulk_body_bytes, int64_t{4} << 30,
          "Largest body of a bulk call through the HTTP door (NDJSON or CSV), in bytes.");
ABSL_FLAG(std::string, db_url, "",
          "Database, mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH&pool=N] (env "
          "THAKSA_DB_URL; default mysql://root@127.0.0.1:3306/thaksa). The password may come from "
          "env THAKSA_DB_PASSWORD instead.");
ABSL_FLAG(std::string, citizen_id_key_file, "",
          "File holding the secret key for hashing citizen IDs (env THAKSA_CITIZEN_ID_KEY_FILE, "
          "or the key itself in env THAKSA_CITIZEN_ID_KEY). Required.");
ABSL_FLAG(bool, migrate_only, false, "Apply database migrations and exit.");
ABSL_FLAG(absl::Duration, token_cache_lifetime, thaksa::CachingPrincipalResolver::kDefaultLifetime,
          "How long a resolved bearer token is remembered (0: look every token up on every "
          "call); a token revoked through another process stops working here within this time.");
ABSL_FLAG(std::string, create_admin_token, "",
          "Create an ADMIN token, write it to this file (mode 0600) and exit.");
ABSL_FLAG(std::string, tls_cert_file, "", "Server certificate chain (PEM) for TLS.");
ABSL_FLAG(std::string, tls_key_file, "", "Private key (PEM) of the server certificate.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "CA (PEM) that client certificates must be signed by; setting it requires mutual TLS.");
ABSL_FLAG(std::string, peer_address, "",
          "Where the other services are when this binary does not host them all (host:port); "
          "empty: this process (in-process channel).");
ABSL_FLAG(int, max_message_bytes, thaksa::CallLimits().max_message_bytes,
          "Largest request message accepted, in bytes (larger: RESOURCE_EXHAUSTED).");
ABSL_FLAG(int, costly_calls_per_minute, thaksa::CallLimits().costly_calls_per_minute,
          "Costly calls (exports, figures worked out when asked) a token may start per minute.");
ABSL_FLAG(int, costly_calls_at_once, thaksa::CallLimits().costly_calls_at_once,
          "Costly calls running at once in this server, whoever makes them; keep it below the "
          "database pool's size so that other calls find connections.");
ABSL_FLAG(int, streams_per_token, thaksa::CallLimits().streams_per_token,
          "Bulk streams one token may have open at once.");
ABSL_FLAG(int, streams_at_once, thaksa::CallLimits().streams_at_once,
          "Bulk streams open at once in this server, whoever opens them.");
ABSL_FLAG(int64_t, max_stream_records, thaksa::CallLimits().max_stream_records,
          "Records one bulk stream may send (a longer load opens another stream).");
ABSL_FLAG(absl::Duration, stream_idle_timeout, thaksa::CallLimits().stream_idle_timeout,
          "A bulk stream over which no record arrives for this long is ended.");
ABSL_FLAG(absl::Duration, max_call_duration, thaksa::CallLimits().max_call_duration,
          "Work done in chunks for one call (another day's figures, closing a year) stops after "
          "this long.");
ABSL_FLAG(bool, behind_tls_proxy, false,
          "Allow plaintext beyond loopback because a proxy in front terminates TLS.");

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
    ASSIGN_OR_RETURN(std::string content, ReadFileContents(file));
    key = std::string(absl::StripAsciiWhitespace(content));
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

// Writes `token` to `path`, readable by the owner only.
absl::Status WriteSecretFile(const std::string& path, absl::string_view token) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  fchmod(fd, 0600);
  const std::string line = absl::StrCat(token, "\n");
  const bool written = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  close(fd);
  return written ? absl::OkStatus()
                 : absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
}

}  // namespace

void PeerChannel::Set(std::shared_ptr<grpc::Channel> channel) {
  absl::MutexLock lock(&mutex_);
  channel_ = std::move(channel);
}

std::shared_ptr<grpc::Channel> PeerChannel::Get() const {
  absl::MutexLock lock(&mutex_);
  return channel_;
}

std::shared_ptr<grpc::Channel> CreatePeerChannel(const std::string& address) {
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
}

absl::Status PrepareDatabase(ConnectionPool& pool) {
  RETURN_IF_ERROR(CreateDatabaseIfMissing(pool.config()));
  return ApplyMigrations(pool, BundledMigrations());
}

int ServerMain(int argc, char** argv, const ServerSpec& spec) {
  if (!spec.principal_resolver) {
    return Fail("config", absl::InternalError("this binary has no resolver of bearer tokens"));
  }
  absl::SetProgramUsageMessage("Thaksa gRPC server.");
  absl::ParseCommandLine(argc, argv);
  BlockShutdownSignals();
  // Debian's Abseil is built with Mutex deadlock detection on, which records every lock taken in
  // a graph: a cost on every call of a server. The tests keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  const std::string listen = FlagOrEnv(FLAGS_listen, "THAKSA_LISTEN", "127.0.0.1:50051");
  absl::StatusOr<DbConfig> db = ParseDbUrl(
      FlagOrEnv(FLAGS_db_url, "THAKSA_DB_URL", "mysql://root@127.0.0.1:3306/thaksa"));
  if (!db.ok()) return Fail("config", db.status());
  absl::StatusOr<std::string> key = CitizenIdKey();
  if (!key.ok()) return Fail("config", key.status());
  ServerTls tls;
  tls.cert_file = absl::GetFlag(FLAGS_tls_cert_file);
  tls.key_file = absl::GetFlag(FLAGS_tls_key_file);
  tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file);
  tls.behind_tls_proxy = absl::GetFlag(FLAGS_behind_tls_proxy);
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials(tls, listen);
  if (!credentials.ok()) return Fail("tls", credentials.status());

  ConnectionPool pool(*db);
  if (absl::Status prepared = PrepareDatabase(pool); !prepared.ok()) {
    return Fail("migrations", prepared);
  }
  if (absl::GetFlag(FLAGS_migrate_only)) return 0;

  SystemClock clock;
  if (const std::string file = absl::GetFlag(FLAGS_create_admin_token); !file.empty()) {
    if (!spec.create_admin_token) {
      return Fail("admin_token", absl::UnimplementedError("this binary does not manage tokens"));
    }
    absl::StatusOr<std::string> token = spec.create_admin_token(pool, clock);
    if (!token.ok()) return Fail("admin_token", token.status());
    if (absl::Status written = WriteSecretFile(file, *token); !written.ok()) {
      return Fail("admin_token", written);
    }
    LogEvent("admin_token_created", {{"file", file}});
    return 0;
  }

  CitizenIdHasher hasher(*key);
  // The citizen-ID key is the secret every binary of a deployment shares: the service token is
  // derived from it (see common/auth/service_credential.h).
  const ServiceCredential service_credential(*key);
  const std::unique_ptr<PrincipalResolver> tokens = spec.principal_resolver(pool);
  CachingPrincipalResolver resolver(*tokens, absl::GetFlag(FLAGS_token_cache_lifetime));
  AuditLog audit_log(pool);
  const CallLimits limits{absl::GetFlag(FLAGS_max_message_bytes),
                          absl::GetFlag(FLAGS_costly_calls_per_minute),
                          absl::GetFlag(FLAGS_costly_calls_at_once),
                          absl::GetFlag(FLAGS_streams_per_token),
                          absl::GetFlag(FLAGS_streams_at_once),
                          absl::GetFlag(FLAGS_max_stream_records),
                          absl::GetFlag(FLAGS_stream_idle_timeout),
                          absl::GetFlag(FLAGS_max_call_duration)};
  if (absl::Status checked = CheckCallLimits(limits); !checked.ok()) {
    return Fail("flags", checked);
  }
  CallLimiter limiter(limits, clock);
  CallGuard guard(resolver, audit_log, clock, service_credential, limiter);
  PeerChannel peers;
  const ServiceDeps deps{pool, clock, hasher, guard, peers, service_credential};
  std::vector<std::unique_ptr<HostedService>> hosted;
  std::vector<grpc::Service*> services;
  for (const ServiceFactory& factory : spec.services) {
    hosted.push_back(factory(deps));
    services.push_back(&hosted.back()->service());
  }
  OpsService ops(pool, guard, hosted);
  services.push_back(&ops);
  int port = 0;
  absl::StatusOr<std::unique_ptr<grpc::Server>> server =
      StartServer(services, listen, *credentials, limits, &port);
  if (!server.ok()) return Fail("listen", server.status());
  if (const std::string peer = absl::GetFlag(FLAGS_peer_address); !peer.empty()) {
    peers.Set(CreatePeerChannel(peer));
  } else {
    peers.Set((*server)->InProcessChannel(grpc::ChannelArguments()));
  }
  LogEvent("listening", {{"address", listen}, {"port", absl::StrCat(port)}});
  std::unique_ptr<http::HttpDoor> http_door;
  if (const std::string http_listen =
          FlagOrEnv(FLAGS_http_listen, "THAKSA_HTTP_LISTEN", spec.default_http_listen);
      !http_listen.empty() && http_listen != "off") {
    http::HttpDoorOptions options;
    options.listen = http_listen;
    options.tls = tls;
    options.max_message_bytes = limits.max_message_bytes;
    options.max_bulk_body_bytes = absl::GetFlag(FLAGS_max_bulk_body_bytes);
    options.max_stream_records = limits.max_stream_records;
    // The door calls this process's services (a binary of one service answers only its own).
    std::shared_ptr<grpc::Channel> own = (*server)->InProcessChannel(grpc::ChannelArguments());
    absl::StatusOr<std::unique_ptr<http::HttpDoor>> started = http::HttpDoor::Start(
        options, [own] { return own; }, [&pool] { return pool.Ping(); },
        [&ops] { return ops.MetricsText(); });
    if (!started.ok()) return Fail("http_listen", started.status());
    http_door = *std::move(started);
    LogEvent("http_listening", {{"address", http_listen}, {"port", absl::StrCat(http_door->port())}});
  }
  ServeUntilSignal(**server, [&hosted, &http_door] {
    http_door.reset();  // no new calls from the HTTP door while the server stops
    for (const std::unique_ptr<HostedService>& service : hosted) service->StopTasks();
  });
  return 0;
}

}  // namespace thaksa
