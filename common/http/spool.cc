#include "common/http/spool.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace thaksa::http {

absl::StatusOr<std::shared_ptr<Spool>> Spool::Create() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = absl::StrCat(dir != nullptr && *dir != '\0' ? dir : "/tmp", "/thaksa-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::UnavailableError("no room for a temporary file; retry later");
  unlink(path.c_str());  // the file lives as long as the descriptor
  return std::shared_ptr<Spool>(new Spool(fd));
}

Spool::~Spool() { close(fd_); }

bool Spool::Append(absl::string_view data) {
  while (!data.empty()) {
    const ssize_t written = pwrite(fd_, data.data(), data.size(), size_);
    if (written <= 0) return false;
    size_ += written;
    data.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

std::string Spool::Read(int64_t offset, size_t length) const {
  std::string out(length, '\0');
  size_t got = 0;
  while (got < length) {
    const ssize_t n = pread(fd_, out.data() + got, length - got, offset + static_cast<int64_t>(got));
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  out.resize(got);
  return out;
}

Spool::Reader::Reader(const Spool& spool) : std::istream(this), spool_(spool) {}

std::streambuf::int_type Spool::Reader::underflow() {
  constexpr size_t kChunk = 1 << 16;
  buffer_ = spool_.Read(offset_, kChunk);
  if (buffer_.empty()) return std::streambuf::traits_type::eof();
  offset_ += static_cast<int64_t>(buffer_.size());
  setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
  return std::streambuf::traits_type::to_int_type(buffer_[0]);
}

}  // namespace thaksa::http
