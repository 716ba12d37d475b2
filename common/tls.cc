#include "common/tls.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status.h"

namespace thaksa {

absl::StatusOr<std::string> ReadFileContents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read ", path));
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

bool IsLoopbackAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  absl::string_view host = colon == absl::string_view::npos ? address : address.substr(0, colon);
  return host == "localhost" || host == "[::1]" || absl::StartsWith(host, "127.");
}

absl::Status CheckServerTls(const ServerTls& tls, absl::string_view address) {
  if (tls.cert_file.empty() != tls.key_file.empty()) {
    return absl::InvalidArgumentError("give both a TLS certificate and its key, or neither");
  }
  if (tls.cert_file.empty() && !tls.client_ca_file.empty()) {
    return absl::InvalidArgumentError("a client CA needs a server certificate and key too");
  }
  if (tls.cert_file.empty() && !IsLoopbackAddress(address) && !tls.behind_tls_proxy) {
    return absl::FailedPreconditionError(absl::StrCat(
        "refusing to serve plaintext on ", address,
        ": give a TLS certificate and key, or say the server is behind a TLS-terminating proxy"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTls& tls, absl::string_view address) {
  RETURN_IF_ERROR(CheckServerTls(tls, address));
  if (tls.cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  ASSIGN_OR_RETURN(std::string cert, ReadFileContents(tls.cert_file));
  ASSIGN_OR_RETURN(std::string key, ReadFileContents(tls.key_file));
  options.pem_key_cert_pairs.push_back({key, cert});
  if (!tls.client_ca_file.empty()) {
    ASSIGN_OR_RETURN(options.pem_root_certs, ReadFileContents(tls.client_ca_file));
    options.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTls& tls) {
  if (tls.ca_file.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  ASSIGN_OR_RETURN(options.pem_root_certs, ReadFileContents(tls.ca_file));
  if (!tls.cert_file.empty()) {
    ASSIGN_OR_RETURN(options.pem_cert_chain, ReadFileContents(tls.cert_file));
    ASSIGN_OR_RETURN(options.pem_private_key, ReadFileContents(tls.key_file));
  }
  return grpc::SslCredentials(options);
}

}  // namespace thaksa
