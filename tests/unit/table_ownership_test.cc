// Every table has one owning service, declared in docs/ARCHITECTURE.md ("Table ownership"); the
// SQL of a service (or of common/) may name only tables it owns or is declared a reader of.
// Tools and tests are outside the rule (benchmarks and tests look at the store directly).
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"

namespace thaksa {
namespace {

namespace fs = std::filesystem;

struct Ownership {
  std::string owner;
  std::set<std::string> readers;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rows of the "Table ownership" section: | `table` | owner | reader, reader (why) |.
std::map<std::string, Ownership> DeclaredOwnership() {
  std::map<std::string, Ownership> tables;
  std::istringstream doc(ReadFile(fs::path(THAKSA_SOURCE_DIR) / "docs/ARCHITECTURE.md"));
  bool in_section = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## Table ownership";
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    if (cells.size() < 4) continue;
    std::string table(absl::StripAsciiWhitespace(cells[1]));
    table = std::string(absl::StripSuffix(absl::StripPrefix(table, "`"), "`"));
    Ownership& ownership = tables[table];
    ownership.owner = std::string(absl::StripAsciiWhitespace(cells[2]));
    // Readers: comma-separated, each a name optionally followed by its reason in parentheses.
    static const std::regex reader(R"((?:^|,)\s*([a-z]+))");
    std::string readers = std::regex_replace(cells[3], std::regex(R"(\([^)]*\))"), "");
    for (std::sregex_iterator it(readers.begin(), readers.end(), reader), end; it != end; ++it) {
      ownership.readers.insert((*it)[1]);
    }
  }
  return tables;
}

std::set<std::string> TablesCreatedByMigrations() {
  std::set<std::string> tables;
  static const std::regex create(R"(CREATE TABLE (?:IF NOT EXISTS )?`?([a-z_]+))");
  for (const auto& entry : fs::directory_iterator(fs::path(THAKSA_SOURCE_DIR) / "deploy/sql")) {
    const std::string sql = ReadFile(entry.path());
    for (std::sregex_iterator it(sql.begin(), sql.end(), create), end; it != end; ++it) {
      tables.insert((*it)[1]);
    }
  }
  return tables;
}

// The tables named after an SQL keyword inside the string literals of a C++ source.
std::set<std::string> TablesNamedBySql(const std::string& source,
                                       const std::map<std::string, Ownership>& known) {
  static const std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
  std::string sql;
  for (std::sregex_iterator it(source.begin(), source.end(), literal), end; it != end; ++it) {
    sql += (*it)[1];
    sql += ' ';
  }
  static const std::regex named(R"(\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+`?([a-z_]+))");
  std::set<std::string> tables;
  for (std::sregex_iterator it(sql.begin(), sql.end(), named), end; it != end; ++it) {
    if (known.count((*it)[1])) tables.insert((*it)[1]);
  }
  return tables;
}

TEST(TableOwnershipTest, EveryTableHasExactlyOneDeclaredOwner) {
  const std::map<std::string, Ownership> declared = DeclaredOwnership();
  ASSERT_FALSE(declared.empty()) << "no Table ownership section in docs/ARCHITECTURE.md";
  for (const std::string& table : TablesCreatedByMigrations()) {
    auto found = declared.find(table);
    ASSERT_NE(found, declared.end()) << "table " << table << " has no owner in the doc";
    EXPECT_FALSE(found->second.owner.empty()) << table;
  }
  for (const auto& [table, ownership] : declared) {
    EXPECT_TRUE(TablesCreatedByMigrations().count(table))
        << "the doc declares " << table << ", which no migration creates";
  }
}

TEST(TableOwnershipTest, ServicesNameOnlyTablesTheyOwnOrAreDeclaredReadersOf) {
  const std::map<std::string, Ownership> declared = DeclaredOwnership();
  ASSERT_FALSE(declared.empty());
  const fs::path root(THAKSA_SOURCE_DIR);
  std::map<std::string, fs::path> code_of;  // owner name -> its code
  code_of["common"] = root / "common";
  for (const auto& entry : fs::directory_iterator(root / "services")) {
    if (entry.is_directory() && entry.path().filename() != "server") {
      code_of[entry.path().filename().string()] = entry.path();
    }
  }
  int files = 0;
  for (const auto& [name, dir] : code_of) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string extension = entry.path().extension().string();
      if (extension != ".cc" && extension != ".h") continue;
      ++files;
      for (const std::string& table : TablesNamedBySql(ReadFile(entry.path()), declared)) {
        const Ownership& ownership = declared.at(table);
        EXPECT_TRUE(ownership.owner == name || ownership.readers.count(name))
            << fs::relative(entry.path(), root).string() << " (" << name << ") names table "
            << table << ", owned by " << ownership.owner
            << ": read it through the owner's published reads";
      }
    }
  }
  EXPECT_GT(files, 50);
}

TEST(TableOwnershipTest, TheScanReadsSqlSplitAcrossLiteralsAndSkipsComments) {
  const std::map<std::string, Ownership> known = {
      {"person", {}}, {"agency", {}}, {"plan", {}}, {"course", {}}};
  const std::string source =
      "Query(c, \"SELECT p.id FROM person p\"\n"
      "         \" JOIN agency a ON a.id = p.agency_id\", {});  // FROM course\n"
      "Execute(c, \"INSERT INTO\"\n"
      "           \" plan (id) VALUES (?)\", {1});\n";
  EXPECT_EQ(TablesNamedBySql(source, known), (std::set<std::string>{"agency", "person", "plan"}));
}

}  // namespace
}  // namespace thaksa
