// Learning's published read of its catalogue for other services' use-case code: the trust of a
// registered institute. Learning owns the institute table; the assessment service checks what
// institutes (and the relay acting for one) record against this read, never the table.
// MySqlCatalogue (mysql_catalogue.h) implements it; unit tests use tests/support/fake_catalogue.h.
#ifndef THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_H_
#define THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace thaksa::learning {

class Catalogue {
 public:
  virtual ~Catalogue() = default;
  // The highest level the institute with `code` may assess (Institute.max_assessed_level, 0-10)
  // as it is registered now; nullopt if no institute has that code.
  virtual absl::StatusOr<std::optional<int>> MaxAssessedLevel(const std::string& code) = 0;
};

}  // namespace thaksa::learning

#endif  // THAKSA_SERVICES_LEARNING_CATALOGUE_CATALOGUE_H_
