// A temporary file, gone when closed, that holds a request body or the answers of a call while
// they are worked through, so that neither is held in memory whole.
#ifndef THAKSA_COMMON_HTTP_SPOOL_H_
#define THAKSA_COMMON_HTTP_SPOOL_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace thaksa::http {

class Spool final {
 public:
  // A new empty spool in $TMPDIR (or /tmp); UNAVAILABLE if no file can be made.
  static absl::StatusOr<std::shared_ptr<Spool>> Create();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  // Adds `data` at the end; false if the disk refused it.
  bool Append(absl::string_view data);
  int64_t size() const { return size_; }
  // Up to `length` bytes from `offset` (fewer at the end).
  std::string Read(int64_t offset, size_t length) const;

  // Reads the spool from its start as a stream (one reader at a time).
  class Reader final : private std::streambuf, public std::istream {
   public:
    explicit Reader(const Spool& spool);

   private:
    std::streambuf::int_type underflow() override;
    const Spool& spool_;
    int64_t offset_ = 0;
    std::string buffer_;
  };

 private:
  explicit Spool(int fd) : fd_(fd) {}
  int fd_;
  int64_t size_ = 0;
};

}  // namespace thaksa::http

#endif  // THAKSA_COMMON_HTTP_SPOOL_H_
