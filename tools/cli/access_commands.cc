// thaksa token ... and thaksa audit ...
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/time/time.h"
#include "thaksa/access/v1/access.grpc.pb.h"
#include "tools/cli/cli.h"
#include "tools/cli/enum_names.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::access::v1;

std::string Time(int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  return absl::FormatTime("%Y-%m-%d %H:%M", absl::FromUnixSeconds(unix_seconds),
                          absl::FixedTimeZone(7 * 60 * 60));
}

void PrintToken(const pb::TokenInfo& t) {
  std::cout << t.id() << "\t" << EnumName(pb::Role_descriptor(), "ROLE_", t.role()) << "\t"
            << (!t.agency_code().empty()      ? t.agency_code()
                : !t.institute_code().empty() ? t.institute_code()
                : t.person_id() != 0          ? "person " + std::to_string(t.person_id())
                                              : "-")
            << "\texpires " << Time(t.expires_at_unix())
            << (t.revoked_at_unix() != 0 ? "\trevoked " + Time(t.revoked_at_unix()) : "") << "\t"
            << t.description() << "\n";
}

int Create(const Cli& cli) {
  pb::CreateTokenRequest request;
  pb::TokenInfo* token = request.mutable_token();
  token->set_role(static_cast<pb::Role>(
      EnumValue(pb::Role_descriptor(), "ROLE_", absl::GetFlag(FLAGS_role))));
  token->set_agency_code(absl::GetFlag(FLAGS_agency));
  token->set_institute_code(absl::GetFlag(FLAGS_institute));
  token->set_person_id(absl::GetFlag(FLAGS_person));
  token->set_description(absl::GetFlag(FLAGS_description));
  request.set_valid_days(absl::GetFlag(FLAGS_valid_days));
  pb::CreateTokenResponse response;
  grpc::Status s = pb::AccessService::NewStub(cli.channel)
                       ->CreateToken(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  PrintToken(response.info());
  std::cout << "token (shown only now; keep it secret):\n" << response.token() << "\n";
  return 0;
}

int List(const Cli& cli) {
  auto stub = pb::AccessService::NewStub(cli.channel);
  pb::ListTokensRequest request;
  request.set_include_inactive(absl::GetFlag(FLAGS_all));
  request.set_page_size(1000);
  do {
    pb::ListTokensResponse response;
    grpc::Status s = stub->ListTokens(NewContext(cli.options).get(), request, &response);
    if (!s.ok()) return Fail(s);
    for (const pb::TokenInfo& token : response.tokens()) PrintToken(token);
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return 0;
}

int Revoke(const Cli& cli, const std::string& which) {
  pb::RevokeTokenRequest request;
  int64_t id = 0;
  if (!absl::SimpleAtoi(which, &id)) return Fail("token revoke: give a token id");
  request.set_id(id);
  pb::TokenInfo token;
  grpc::Status s = pb::AccessService::NewStub(cli.channel)
                       ->RevokeToken(NewContext(cli.options).get(), request, &token);
  if (!s.ok()) return Fail(s);
  PrintToken(token);
  return 0;
}

int AuditList(const Cli& cli) {
  pb::ListAuditEventsRequest request;
  request.set_entity_type(absl::GetFlag(FLAGS_entity_type));
  request.set_entity_id(absl::GetFlag(FLAGS_entity_id));
  request.set_method(absl::GetFlag(FLAGS_method));
  request.set_principal_token_id(absl::GetFlag(FLAGS_principal));
  request.set_page_size(100);
  pb::ListAuditEventsResponse response;
  grpc::Status s = pb::AccessService::NewStub(cli.channel)
                       ->ListAuditEvents(NewContext(cli.options).get(), request, &response);
  if (!s.ok()) return Fail(s);
  for (const pb::AuditEvent& e : response.events()) {
    std::cout << e.id() << "\t" << Time(e.occurred_at_unix_micros() / 1000000) << "\ttoken "
              << e.principal_token_id() << "\t"
              << EnumName(pb::Role_descriptor(), "ROLE_", e.principal_role()) << "\t" << e.method()
              << "\t" << e.entity_type() << " " << e.entity_id() << "\t" << e.outcome() << "\n";
  }
  return 0;
}

}  // namespace

int RunAccessCommand(const Cli& cli, const std::vector<std::string>& args) {
  const std::string group = args[0];
  const std::string verb = args.size() > 1 ? args[1] : "";
  if (group == "token" && verb == "create" && args.size() == 2) return Create(cli);
  if (group == "token" && verb == "list" && args.size() == 2) return List(cli);
  if (group == "token" && verb == "revoke" && args.size() == 3) return Revoke(cli, args[2]);
  if (group == "audit" && verb == "list" && args.size() == 2) return AuditList(cli);
  return -1;
}

}  // namespace thaksa::cli
