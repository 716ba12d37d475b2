// End-to-end tests of TLS and mutual TLS with throw-away certificates made by the openssl
// command: the right client gets in, a plaintext client or one without the right certificate
// does not.
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/health_client.h"
#include "common/tls.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_server.h"
#include "thaksa/personnel/v1/personnel.grpc.pb.h"

namespace thaksa {
namespace {

namespace pb = ::thaksa::personnel::v1;

// A folder of certificates: a CA, a server certificate for localhost/127.0.0.1 and a client
// certificate signed by it, and a client certificate signed by an unrelated CA.
class Certificates {
 public:
  Certificates() {
    std::string pattern = (std::filesystem::temp_directory_path() / "thaksa-tls-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    Run("printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext");
    MakeCa("ca");
    MakeCa("rogue-ca");
    MakeSigned("server", "ca", "-extfile san.ext");
    MakeSigned("client", "ca", "");
    MakeSigned("rogue", "rogue-ca", "");
  }
  ~Certificates() { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return absl::StrCat(dir_, "/", name); }

 private:
  void Run(const std::string& command) {
    const std::string line = absl::StrCat("cd '", dir_, "' && (", command, ") >/dev/null 2>&1");
    ASSERT_EQ(std::system(line.c_str()), 0) << command;
  }
  void MakeCa(const std::string& name) {
    Run(absl::StrCat("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                     "-keyout ", name, ".key -out ", name, ".pem -days 2 -subj '/CN=", name, "'"));
  }
  void MakeSigned(const std::string& name, const std::string& ca, const std::string& extra) {
    Run(absl::StrCat("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ",
                     name, ".key -out ", name, ".csr -subj '/CN=", name, "'"));
    Run(absl::StrCat("openssl x509 -req -in ", name, ".csr -CA ", ca, ".pem -CAkey ", ca,
                     ".key -CAcreateserial -out ", name, ".pem -days 2 ", extra));
  }

  std::string dir_;
};

class TlsE2eTest : public ::testing::Test {
 protected:
  std::unique_ptr<testing::TestServer> Serve(bool require_client_certificate) {
    ServerTls tls;
    tls.cert_file = certificates_.Path("server.pem");
    tls.key_file = certificates_.Path("server.key");
    if (require_client_certificate) tls.client_ca_file = certificates_.Path("ca.pem");
    auto credentials = MakeServerCredentials(tls, "127.0.0.1:0");
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    return std::make_unique<testing::TestServer>(testing::FreshDatabase(), *credentials);
  }

  // The status of an authenticated call over a channel made with `tls`.
  grpc::StatusCode Call(const testing::TestServer& server, const ClientTls& tls) {
    auto credentials = MakeChannelCredentials(tls);
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    // gRPC 1.51 matches host names, not IP addresses, against the certificate.
    std::string address = server.address();
    address.replace(0, address.find(':'), "localhost");
    auto stub = pb::PersonnelService::NewStub(grpc::CreateChannel(address, *credentials));
    cli::CallOptions options = server.admin();
    options.timeout = absl::Seconds(5);
    pb::ListAgenciesRequest request;
    pb::ListAgenciesResponse response;
    return stub->ListAgencies(cli::NewContext(options).get(), request, &response).error_code();
  }

  ClientTls Client(const std::string& cert) {
    ClientTls tls;
    tls.ca_file = certificates_.Path("ca.pem");
    if (!cert.empty()) {
      tls.cert_file = certificates_.Path(cert + ".pem");
      tls.key_file = certificates_.Path(cert + ".key");
    }
    return tls;
  }

  Certificates certificates_;
};

TEST_F(TlsE2eTest, TlsServerAnswersTlsClientsOnly) {
  auto server = Serve(/*require_client_certificate=*/false);
  EXPECT_EQ(Call(*server, Client("")), grpc::StatusCode::OK);
  EXPECT_NE(Call(*server, ClientTls{}), grpc::StatusCode::OK) << "plaintext is refused";
  ClientTls wrong_ca;
  wrong_ca.ca_file = certificates_.Path("rogue-ca.pem");
  EXPECT_NE(Call(*server, wrong_ca), grpc::StatusCode::OK) << "the server is not trusted";
}

TEST_F(TlsE2eTest, MutualTlsRequiresAClientCertificateFromTheCa) {
  auto server = Serve(/*require_client_certificate=*/true);
  EXPECT_EQ(Call(*server, Client("client")), grpc::StatusCode::OK);
  EXPECT_NE(Call(*server, Client("")), grpc::StatusCode::OK) << "no client certificate";
  EXPECT_NE(Call(*server, Client("rogue")), grpc::StatusCode::OK) << "certificate of another CA";
}

}  // namespace
}  // namespace thaksa
