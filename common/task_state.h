// The state of a background task as OpsService.GetServerStatus reports it
// (thaksa.ops.v1.BackgroundTask): kept by the task's thread, read by status calls on others.
#ifndef THAKSA_COMMON_TASK_STATE_H_
#define THAKSA_COMMON_TASK_STATE_H_

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "thaksa/ops/v1/ops.pb.h"

namespace thaksa {

class TaskState final {
 public:
  explicit TaskState(const std::string& name);

  // Records one pass of the task, finished at `at`, that did `progress` units of work and ended
  // with `error`: failures in a row and the last error, or the time of the last success.
  void Record(const absl::Status& error, int64_t progress, absl::Time at);
  // The state as reported.
  ops::v1::BackgroundTask Snapshot() const;

 private:
  mutable absl::Mutex mutex_;
  ops::v1::BackgroundTask state_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace thaksa

#endif  // THAKSA_COMMON_TASK_STATE_H_
