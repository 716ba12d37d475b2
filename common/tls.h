// TLS for servers and clients: certificates from PEM files, mutual TLS when a client CA is
// given, and the rule that plaintext is for loopback only.
#ifndef THAKSA_COMMON_TLS_H_
#define THAKSA_COMMON_TLS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace thaksa {

struct ServerTls {
  std::string cert_file;       // server certificate chain (PEM)
  std::string key_file;        // its private key (PEM)
  std::string client_ca_file;  // when set, clients must present a certificate signed by it
  bool behind_tls_proxy = false;  // plaintext beyond loopback is allowed: a proxy terminates TLS
};

struct ClientTls {
  std::string ca_file;    // CA that signed the server's certificate; empty: plaintext
  std::string cert_file;  // client certificate for mutual TLS (with key_file)
  std::string key_file;
};

// True if `address` ("host:port") listens on loopback only.
bool IsLoopbackAddress(absl::string_view address);

// OK if a server may listen on `address` with `tls`: a certificate and key given together, a
// client CA only with them, and plaintext (no certificate) only on loopback unless
// behind_tls_proxy.
absl::Status CheckServerTls(const ServerTls& tls, absl::string_view address);

// Credentials for a server listening on `address`. Without a certificate the server is
// plaintext, which is refused (FAILED_PRECONDITION) beyond loopback unless behind_tls_proxy.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTls& tls, absl::string_view address);

// Credentials for a client: TLS when a CA is given (and mutual TLS with a certificate),
// plaintext otherwise.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTls& tls);

// The contents of a file, or FAILED_PRECONDITION naming it.
absl::StatusOr<std::string> ReadFileContents(const std::string& path);

}  // namespace thaksa

#endif  // THAKSA_COMMON_TLS_H_
