// The figures of an agency as CSV (ExportReadiness): a header row in Thai or English, the
// children's rows (the directly attached under "<agency> (direct)"), then the agency's own.
#ifndef THAKSA_SERVICES_READINESS_READINESS_EXPORT_H_
#define THAKSA_SERVICES_READINESS_READINESS_EXPORT_H_

#include <string>
#include <vector>

#include "services/readiness/domain/figures.h"

namespace thaksa::readiness {

// UTF-8 CSV (RFC 4180 quoting) of `figures`, the header in Thai when `thai`, else English.
std::string ReadinessCsv(const ReadinessFigures& figures, bool thai);

// `text` cut into pieces of at most `size` bytes, in order.
std::vector<std::string> Chunks(const std::string& text, size_t size);

}  // namespace thaksa::readiness

#endif  // THAKSA_SERVICES_READINESS_READINESS_EXPORT_H_
