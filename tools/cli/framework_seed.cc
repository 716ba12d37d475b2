#include "tools/cli/framework_seed.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/csv.h"
#include "common/grpc_status.h"
#include "common/learning_mix.h"
#include "common/status.h"
#include "common/tls.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/assessment/domain/competency_units.h"

namespace thaksa::cli {
namespace {

namespace pb = ::thaksa::assessment::v1;

std::vector<std::string> JsonFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

absl::Status Parse(const std::string& path, google::protobuf::Message* message) {
  ASSIGN_OR_RETURN(std::string json, ReadFileContents(path));
  auto status = google::protobuf::util::JsonStringToMessage(json, message);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", std::string(status.message())));
  }
  return absl::OkStatus();
}

// The framework as stored, or nullopt if there is none with its code.
absl::StatusOr<std::optional<pb::Framework>> Existing(pb::AssessmentService::Stub& stub,
                                                      const std::string& code,
                                                      const CallOptions& options) {
  pb::GetFrameworkRequest request;
  request.set_code(code);
  pb::Framework framework;
  grpc::Status status = stub.GetFramework(NewContext(options).get(), request, &framework);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) return std::nullopt;
  if (!status.ok()) return FromGrpcStatus(status);
  return framework;
}

absl::Status Publish(pb::AssessmentService::Stub& stub, const std::string& code,
                     const CallOptions& options) {
  pb::SetFrameworkStatusRequest request;
  request.set_code(code);
  request.set_status(pb::FRAMEWORK_STATUS_PUBLISHED);
  pb::Framework published;
  return FromGrpcStatus(stub.SetFrameworkStatus(NewContext(options).get(), request, &published));
}

int GroupOfAnnexCode(const std::string& code) {
  if (code == "EXEC") return common::v1::PERSONNEL_GROUP_EXECUTIVE;
  if (code == "MGMT") return common::v1::PERSONNEL_GROUP_MANAGEMENT;
  if (code == "ACAD") return common::v1::PERSONNEL_GROUP_ACADEMIC;
  if (code == "SERV") return common::v1::PERSONNEL_GROUP_SERVICE;
  if (code == "TECH") return common::v1::PERSONNEL_GROUP_TECHNOLOGY;
  return common::v1::PERSONNEL_GROUP_OTHERS;
}

}  // namespace

absl::Status SeedFrameworks(pb::AssessmentService::Stub& stub, const std::string& dir,
                            std::ostream& report, const CallOptions& options) {
  for (const std::string& path : JsonFiles(dir)) {
    pb::Framework framework;
    RETURN_IF_ERROR(Parse(path, &framework));
    ASSIGN_OR_RETURN(std::optional<pb::Framework> existing,
                     Existing(stub, framework.code(), options));
    report << framework.code() << "\t";
    if (!existing.has_value()) {
      pb::CreateFrameworkRequest create;
      *create.mutable_framework() = framework;
      pb::Framework created;
      RETURN_IF_ERROR(FromGrpcStatus(stub.CreateFramework(NewContext(options).get(), create, &created)));
      RETURN_IF_ERROR(Publish(stub, framework.code(), options));
      report << "CREATED and PUBLISHED\n";
      continue;
    }
    if (existing->status() == pb::FRAMEWORK_STATUS_DRAFT) {
      pb::UpdateFrameworkRequest update;
      *update.mutable_framework() = framework;
      update.set_expected_version(existing->version());
      pb::Framework updated;
      RETURN_IF_ERROR(FromGrpcStatus(stub.UpdateFramework(NewContext(options).get(), update, &updated)));
      RETURN_IF_ERROR(Publish(stub, framework.code(), options));
      report << "UPDATED and PUBLISHED\n";
      continue;
    }
    pb::Framework stored = *existing;
    stored.clear_status();
    stored.clear_version();
    // A learning-mix rule stored before versions stated theirs is the guideline's, as the file's
    // may be: compared as they apply.
    pb::Framework given = framework;
    for (pb::Framework* version : {&stored, &given}) {
      *version->mutable_learning_mix() = LearningMixRuleOf(version->learning_mix());
    }
    const bool same = google::protobuf::util::MessageDifferencer::Equals(stored, given);
    report << (same ? "UNCHANGED\n"
                    : "DIFFERS from the published version, which is immutable: give the file a "
                      "new code\n");
  }
  for (const std::string& path : JsonFiles(dir + "/crosswalks")) {
    pb::Crosswalk crosswalk;
    RETURN_IF_ERROR(Parse(path, &crosswalk));
    pb::Crosswalk stored;
    RETURN_IF_ERROR(FromGrpcStatus(stub.PutCrosswalk(NewContext(options).get(), crosswalk, &stored)));
    report << crosswalk.from_framework() << " -> " << crosswalk.to_framework() << "\tSTORED\n";
  }
  return absl::OkStatus();
}

absl::Status LoadCompetencyUnits(pb::AssessmentService::Stub& stub, const std::string& path,
                                 std::ostream& report, const CallOptions& options) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  CsvReader reader(file);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"code", "skill_set_code", "provisional"}));
  pb::PutCompetencyUnitsRequest request;
  std::vector<std::string> row;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    pb::CompetencyUnit* unit = request.add_units();
    unit->set_code(header.Get(row, "code"));
    unit->set_skill_set_code(header.Get(row, "skill_set_code"));
    unit->set_provisional(header.Get(row, "provisional") == "true");
    unit->mutable_name()->set_th(header.Get(row, "name_th"));
    unit->mutable_name()->set_en(header.Get(row, "name_en"));
  }
  pb::PutCompetencyUnitsResponse response;
  RETURN_IF_ERROR(
      FromGrpcStatus(stub.PutCompetencyUnits(NewContext(options).get(), request, &response)));
  report << "competency units\t" << response.stored() << " stored\n";
  return absl::OkStatus();
}

absl::Status LoadBehaviours(pb::AssessmentService::Stub& stub, const std::string& path,
                            std::ostream& report, const CallOptions& options) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  CsvReader reader(file);
  ASSIGN_OR_RETURN(const CsvHeader header,
                   ReadCsvHeader(reader, {"driver", "stage_key", "stage_order", "stage_th",
                                          "group_code", "seq_in_cell", "text_th", "codes"}));
  pb::PutBehavioursRequest request;
  std::vector<std::string> row;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    pb::Behaviour* b = request.add_behaviours();
    b->set_code(absl::StrCat(header.Get(row, "stage_key"), "-", header.Get(row, "group_code"),
                             "-", header.Get(row, "seq_in_cell")));
    int stage = 0;  // the annex's stages 1-3 are the periods EARLY, DEVELOPING, MATURING
    (void)absl::SimpleAtoi(header.Get(row, "stage_order"), &stage);
    b->set_period(static_cast<common::v1::Period>(stage));
    b->set_driver(header.Get(row, "driver"));
    b->set_stage(header.Get(row, "stage_th"));
    b->set_personnel_group(
        static_cast<common::v1::PersonnelGroup>(GroupOfAnnexCode(header.Get(row, "group_code"))));
    b->mutable_text()->set_th(header.Get(row, "text_th"));
    b->mutable_text()->set_en(header.Get(row, "text_en"));
    absl::StatusOr<assessment::AnnexCodes> codes =
        assessment::ParseAnnexCodes(header.Get(row, "codes"));
    if (!codes.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, " row ", request.behaviours_size(),
                                                     ": ", codes.status().message()));
    }
    for (const std::string& code : codes->unit_codes) b->add_unit_codes(code);
    for (assessment::Component component : codes->components) {
      b->add_components(static_cast<pb::UnitComponent>(component));
    }
  }
  pb::PutBehavioursResponse response;
  RETURN_IF_ERROR(FromGrpcStatus(stub.PutBehaviours(NewContext(options).get(), request, &response)));
  report << "behaviours\t" << response.stored() << " stored\n";
  return absl::OkStatus();
}

}  // namespace thaksa::cli
