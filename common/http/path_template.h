// The URL path template of a google.api.http rule, e.g. "/v1/agencies/{code}" or
// "/v1/plans/{plan_id}/items/{item_id}:complete": literal segments, variables naming request
// fields (each matching one segment), and an optional custom verb after the last ':'.
#ifndef THAKSA_COMMON_HTTP_PATH_TEMPLATE_H_
#define THAKSA_COMMON_HTTP_PATH_TEMPLATE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace thaksa::http {

// A variable's request field path (e.g. "agency.code") and the path segment it matched.
using PathVariables = std::vector<std::pair<std::string, std::string>>;

class PathTemplate final {
 public:
  // INVALID_ARGUMENT naming what is wrong with `text`.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables' values when `path` (already percent-decoded) matches; nullopt otherwise.
  std::optional<PathVariables> Match(absl::string_view path) const;

  const std::string& text() const { return text_; }
  // The variables' field paths, in order.
  std::vector<std::string> Variables() const;

 private:
  struct Segment {
    std::string literal;   // set for a literal segment
    std::string variable;  // set for a variable (its field path)
  };
  std::string text_;
  std::vector<Segment> segments_;
  std::string verb_;
};

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_PATH_TEMPLATE_H_
