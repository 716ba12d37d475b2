// Unit tests of access control: every RPC has a rule, tokens, scopes, token specs, the token
// cache and the plaintext-beyond-loopback rule.
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/auth/access_rules.h"
#include "common/auth/principal.h"
#include "common/auth/principal_cache.h"
#include "common/auth/service_credential.h"
#include "common/auth/tokens.h"
#include "common/clock.h"
#include "common/tls.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "services/access/domain/token_rules.h"
#include "services/access/token_issuance.h"
#include "tests/support/fake_access_store.h"
#include "thaksa/access/v1/access.pb.h"
#include "thaksa/assessment/v1/assessment.pb.h"
#include "thaksa/learning/v1/learning.pb.h"
#include "thaksa/ops/v1/ops.pb.h"
#include "thaksa/readiness/v1/readiness.pb.h"
#include "thaksa/personnel/v1/personnel.pb.h"

namespace thaksa {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

// Every method of every service declared in the project's proto files (THAKSA_PROTO_FILES is
// set by the build from proto/thaksa/**/*.proto).
std::vector<std::string> AllMethods() {
  // Make sure the generated descriptors are linked in and registered.
  access::v1::TokenInfo::descriptor();
  personnel::v1::Person::descriptor();
  assessment::v1::Framework::descriptor();
  learning::v1::Plan::descriptor();
  readiness::v1::Readiness::descriptor();
  ops::v1::ServerStatus::descriptor();
  std::vector<std::string> methods;
  for (absl::string_view file : absl::StrSplit(THAKSA_PROTO_FILES, ',')) {
    const google::protobuf::FileDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindFileByName(std::string(file));
    EXPECT_NE(descriptor, nullptr) << file << " is not linked into the test";
    if (descriptor == nullptr) continue;
    for (int s = 0; s < descriptor->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service = descriptor->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.push_back("/" + service->full_name() + "/" + service->method(m)->name());
      }
    }
  }
  return methods;
}

TEST(AccessRulesTest, EveryMethodOfEveryServiceHasARule) {
  const std::vector<std::string> methods = AllMethods();
  EXPECT_GE(methods.size(), 15u);
  for (const std::string& method : methods) {
    const AccessRule* rule = FindAccessRule(method);
    ASSERT_NE(rule, nullptr) << method << " has no access rule in common/auth/access_rules.cc";
    EXPECT_FALSE(rule->roles.empty()) << method;
  }
}

TEST(AccessRulesTest, EveryRuleNamesARealMethod) {
  const std::vector<std::string> methods = AllMethods();
  for (const std::string& method : MethodsWithAccessRules()) {
    EXPECT_THAT(methods, Contains(method)) << "stale rule";
  }
}

TEST(AccessRulesTest, AdminOnlyForTokensAndAudit) {
  for (const char* method : {"/thaksa.access.v1.AccessService/CreateToken",
                             "/thaksa.access.v1.AccessService/ListAuditEvents"}) {
    const AccessRule* rule = FindAccessRule(method);
    ASSERT_NE(rule, nullptr);
    EXPECT_TRUE(rule->Allows(Role::kAdmin));
    EXPECT_FALSE(rule->Allows(Role::kHrSystem));
  }
}

TEST(AccessRulesTest, TheServicePrincipalMayOnlyDeliverAssessments) {
  std::vector<std::string> allowed;
  for (const std::string& method : MethodsWithAccessRules()) {
    if (FindAccessRule(method)->Allows(Role::kService)) allowed.push_back(method);
  }
  EXPECT_THAT(allowed,
              ElementsAre("/thaksa.assessment.v1.AssessmentService/BulkRecordAssessments"));
}

TEST(ServiceCredentialTest, IsDerivedFromTheDeploymentKeyAndMatchesOnlyItself) {
  const ServiceCredential one("deployment-key-0123456789"), same("deployment-key-0123456789"),
      other("deployment-key-9876543210");
  EXPECT_EQ(one.token(), same.token()) << "every binary of a deployment derives the same token";
  EXPECT_NE(one.token(), other.token());
  EXPECT_EQ(one.token().rfind("svc_", 0), 0u);
  EXPECT_GE(one.token().size() - 4, 43u);  // 256 bits
  EXPECT_EQ(one.token().find("deployment-key"), std::string::npos);
  EXPECT_TRUE(one.Matches(same.token()));
  EXPECT_FALSE(one.Matches(other.token()));
  EXPECT_FALSE(one.Matches(one.token().substr(0, one.token().size() - 1)));
  EXPECT_FALSE(one.Matches(""));
  EXPECT_FALSE(one.Matches(NewBearerToken()));
}

TEST(TokensTest, AreLongRandomAndHashed) {
  const std::string a = NewBearerToken(), b = NewBearerToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("thk_", 0), 0u);
  EXPECT_GE(a.size() - 4, 43u);  // 32 bytes = 256 bits in base64
  EXPECT_EQ(HashBearerToken(a).size(), 32u);
  EXPECT_EQ(HashBearerToken(a), HashBearerToken(a));
  EXPECT_NE(HashBearerToken(a), HashBearerToken(b));
}

TEST(PrincipalTest, AgencyScopeIsASubtree) {
  Principal hr;
  hr.role = Role::kHrSystem;
  hr.agency_path = "/1/7/";
  EXPECT_TRUE(CoversAgency(hr, "/1/7/"));
  EXPECT_TRUE(CoversAgency(hr, "/1/7/42/"));
  EXPECT_FALSE(CoversAgency(hr, "/1/"));
  EXPECT_FALSE(CoversAgency(hr, "/1/70/"));
  Principal person;
  person.role = Role::kPerson;
  EXPECT_FALSE(CoversAgency(person, "/1/7/"));
  Principal admin;
  admin.role = Role::kAdmin;
  EXPECT_TRUE(CoversAgency(admin, "/9/"));
}

std::vector<FieldViolation> SpecViolations(Role role, const std::string& agency,
                                           int64_t person, int valid_days = 0) {
  TokenRecord token;
  token.role = role;
  token.agency_code = agency;
  token.person_id = person;
  FieldErrors errors;
  access::ValidateTokenSpec(token, valid_days, errors);
  return errors.violations();
}

TEST(TokenRulesTest, EachRoleTakesExactlyItsScope) {
  EXPECT_THAT(SpecViolations(Role::kAdmin, "", 0), IsEmpty());
  EXPECT_THAT(SpecViolations(Role::kHrSystem, "TMD", 0), IsEmpty());
  EXPECT_THAT(SpecViolations(Role::kPerson, "", 5), IsEmpty());
  EXPECT_THAT(SpecViolations(Role::kHrSystem, "", 0),
              Contains(Field(&FieldViolation::field, "token.agency_code")));
  EXPECT_THAT(SpecViolations(Role::kAdmin, "TMD", 0),
              Contains(Field(&FieldViolation::field, "token.agency_code")));
  EXPECT_THAT(SpecViolations(Role::kSupervisor, "", 0),
              Contains(Field(&FieldViolation::field, "token.person_id")));
  EXPECT_THAT(SpecViolations(Role::kUnspecified, "", 0),
              Contains(Field(&FieldViolation::field, "token.role")));
  EXPECT_THAT(SpecViolations(Role::kAdmin, "", 0, 99999),
              Contains(Field(&FieldViolation::field, "valid_days")));
}

TEST(TokenRulesTest, TheServiceRoleIsNeverIssued) {
  EXPECT_THAT(SpecViolations(Role::kService, "", 0),
              Contains(Field(&FieldViolation::field, "token.role")));
  EXPECT_EQ(RoleName(Role::kService), "SERVICE");
  EXPECT_EQ(static_cast<int>(Role::kService), access::v1::ROLE_SERVICE);
}

TEST(TokenRulesTest, ASessionLastsItsHoursButNeverPastItsToken) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const absl::Time in_a_year = now + absl::Hours(24 * 365);
  EXPECT_EQ(*access::SessionExpiry(0, now, in_a_year), now + absl::Hours(8));
  EXPECT_EQ(*access::SessionExpiry(12, now, in_a_year), now + absl::Hours(12));
  EXPECT_EQ(*access::SessionExpiry(8, now, now + absl::Hours(3)), now + absl::Hours(3));
  for (int hours : {-1, 13}) {
    absl::StatusOr<absl::Time> refused = access::SessionExpiry(hours, now, in_a_year);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(FieldViolationsOf(refused.status()),
                ElementsAre(Field(&FieldViolation::field, "hours")));
  }
}

TEST(TlsTest, PlaintextOnlyOnLoopbackUnlessBehindAProxy) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackAddress("localhost:1"));
  EXPECT_TRUE(IsLoopbackAddress("[::1]:50051"));
  EXPECT_FALSE(IsLoopbackAddress("0.0.0.0:50051"));
  EXPECT_FALSE(IsLoopbackAddress("[::]:50051"));
  EXPECT_TRUE(MakeServerCredentials({}, "127.0.0.1:50051").ok());
  EXPECT_EQ(MakeServerCredentials({}, "0.0.0.0:50051").status().code(),
            absl::StatusCode::kFailedPrecondition);
  ServerTls proxied;
  proxied.behind_tls_proxy = true;
  EXPECT_TRUE(MakeServerCredentials(proxied, "0.0.0.0:50051").ok());
  ServerTls half;
  half.cert_file = "server.pem";
  EXPECT_EQ(MakeServerCredentials(half, "127.0.0.1:1").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TokenIssuanceTest, OnlyTheHashOfTheSecretIsStoredAndTheDefaultValidityIsAYear) {
  testing::FakeAccessStore store;
  TokenRecord spec;
  spec.role = Role::kTrainingInstitute;
  spec.institute_code = "DGA";
  AuditCall audit;
  audit.at = absl::FromUnixSeconds(1'800'000'000);
  audit.token_id = 7;
  absl::StatusOr<access::IssuedToken> issued = access::IssueToken(store, spec, 0, audit);
  ASSERT_TRUE(issued.ok()) << issued.status();
  EXPECT_FALSE(issued->secret.empty());
  EXPECT_EQ(store.HashOf(issued->info.id), HashBearerToken(issued->secret));
  for (const std::string& hash : store.StoredHashes()) EXPECT_NE(hash, issued->secret);
  EXPECT_EQ(issued->info.expires_at, audit.at + absl::Hours(24 * access::kDefaultValidDays));
  EXPECT_EQ(issued->info.created_by_token_id, 7);

  absl::StatusOr<access::IssuedToken> week = access::IssueToken(store, spec, 7, audit);
  ASSERT_TRUE(week.ok());
  EXPECT_NE(week->secret, issued->secret) << "every token has its own secret";
  EXPECT_EQ(week->info.expires_at, audit.at + absl::Hours(24 * 7));
}

TEST(TokenIssuanceTest, TheBootstrapTokenIsAnAdminAuditedAsBootstrap) {
  testing::FakeAccessStore store;
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  absl::StatusOr<std::string> secret = access::CreateBootstrapAdminToken(store, clock);
  ASSERT_TRUE(secret.ok());
  absl::StatusOr<std::vector<TokenRecord>> tokens = store.ListTokens(false, clock.Now(), 10, 0);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ(tokens->front().role, Role::kAdmin);
  EXPECT_EQ(store.HashOf(tokens->front().id), HashBearerToken(*secret));
  ASSERT_EQ(store.events().size(), 1u);
  EXPECT_EQ(store.events().front().method, "bootstrap");
}

// A resolver that knows tokens by hash and counts the look-ups.
class CountingResolver final : public PrincipalResolver {
 public:
  absl::StatusOr<Principal> Resolve(absl::string_view token_hash, absl::Time now) override {
    ++lookups;
    auto found = tokens.find(std::string(token_hash));
    if (found == tokens.end() || found->second.expires_at <= now) {
      return absl::UnauthenticatedError("the token is unknown, expired or revoked");
    }
    return found->second;
  }
  std::map<std::string, Principal> tokens;
  int lookups = 0;
};

Principal TokenPrincipal(int64_t id, absl::Time expires_at = absl::InfiniteFuture()) {
  Principal principal;
  principal.token_id = id;
  principal.role = Role::kHrSystem;
  principal.expires_at = expires_at;
  return principal;
}

TEST(PrincipalCacheTest, ATokenIsLookedUpOncePerLifetimeAndNeverPastItsExpiry) {
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  CountingResolver tokens;
  tokens.tokens["a"] = TokenPrincipal(1);
  tokens.tokens["b"] = TokenPrincipal(2, t0 + absl::Seconds(3));
  CachingPrincipalResolver cache(tokens, absl::Seconds(10));

  for (int i = 0; i < 5; ++i) ASSERT_TRUE(cache.Resolve("a", t0 + absl::Seconds(i)).ok());
  EXPECT_EQ(tokens.lookups, 1);
  ASSERT_TRUE(cache.Resolve("a", t0 + absl::Seconds(10)).ok());
  EXPECT_EQ(tokens.lookups, 2) << "looked up again once the lifetime is over";

  ASSERT_TRUE(cache.Resolve("b", t0).ok());
  EXPECT_EQ(cache.Resolve("b", t0 + absl::Seconds(3)).status().code(),
            absl::StatusCode::kUnauthenticated)
      << "remembered only until the token itself expires";
}

TEST(PrincipalCacheTest, ARevokedTokenIsForgottenAtOnceAndRefusalsAreNotRemembered) {
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  CountingResolver tokens;
  tokens.tokens["a"] = TokenPrincipal(1);
  tokens.tokens["b"] = TokenPrincipal(2);
  CachingPrincipalResolver cache(tokens, absl::Seconds(10));
  ASSERT_TRUE(cache.Resolve("a", t0).ok());
  ASSERT_TRUE(cache.Resolve("b", t0).ok());

  tokens.tokens.erase("a");  // revoked in the database
  cache.Forget(1);           // by this process
  EXPECT_EQ(cache.Resolve("a", t0).status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(cache.size(), 1u) << "the other token stays";

  const int lookups = tokens.lookups;
  EXPECT_FALSE(cache.Resolve("unknown", t0).ok());
  EXPECT_FALSE(cache.Resolve("unknown", t0).ok());
  EXPECT_EQ(tokens.lookups, lookups + 2) << "an unknown token is asked each time";
  tokens.tokens["unknown"] = TokenPrincipal(3);
  EXPECT_TRUE(cache.Resolve("unknown", t0).ok()) << "a token made since works at once";
}

TEST(PrincipalCacheTest, ATokenRevokedWhileItIsBeingLookedUpIsNotRemembered) {
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  // The look-up answers from before the revocation, which lands while it is under way.
  class RevokedMidway final : public PrincipalResolver {
   public:
    absl::StatusOr<Principal> Resolve(absl::string_view token_hash, absl::Time now) override {
      ++lookups;
      if (revoked) return absl::UnauthenticatedError("revoked");
      if (cache != nullptr) cache->Forget(1);
      revoked = true;
      return TokenPrincipal(1);
    }
    CachingPrincipalResolver* cache = nullptr;
    bool revoked = false;
    int lookups = 0;
  } tokens;
  CachingPrincipalResolver cache(tokens, absl::Seconds(10));
  tokens.cache = &cache;
  ASSERT_TRUE(cache.Resolve("a", t0).ok()) << "the answer read before the revocation";
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Resolve("a", t0).status().code(), absl::StatusCode::kUnauthenticated)
      << "refused at once afterwards";
  EXPECT_EQ(tokens.lookups, 2);
}

TEST(PrincipalCacheTest, TheCacheStaysWithinItsCapacityAndZeroLifetimeRemembersNothing) {
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);
  CountingResolver tokens;
  for (int i = 0; i < 50; ++i) tokens.tokens[absl::StrCat("t", i)] = TokenPrincipal(i + 1);
  CachingPrincipalResolver cache(tokens, absl::Seconds(10), /*capacity=*/8);
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(cache.Resolve(absl::StrCat("t", i), t0).ok());
    EXPECT_LE(cache.size(), 8u);
  }
  CachingPrincipalResolver uncached(tokens, absl::ZeroDuration());
  const int lookups = tokens.lookups;
  ASSERT_TRUE(uncached.Resolve("t1", t0).ok());
  ASSERT_TRUE(uncached.Resolve("t1", t0).ok());
  EXPECT_EQ(tokens.lookups, lookups + 2);
  EXPECT_EQ(uncached.size(), 0u);
}

}  // namespace
}  // namespace thaksa
