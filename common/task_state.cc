#include "common/task_state.h"

namespace thaksa {

TaskState::TaskState(const std::string& name) { state_.set_name(name); }

void TaskState::Record(const absl::Status& error, int64_t progress, absl::Time at) {
  absl::MutexLock lock(&mutex_);
  state_.set_progress(state_.progress() + progress);
  if (!error.ok()) {
    state_.set_consecutive_failures(state_.consecutive_failures() + 1);
    state_.set_last_error(error.ToString());
    return;
  }
  state_.set_consecutive_failures(0);
  state_.clear_last_error();
  state_.set_last_success_unix(absl::ToUnixSeconds(at));
}

ops::v1::BackgroundTask TaskState::Snapshot() const {
  absl::MutexLock lock(&mutex_);
  return state_;
}

}  // namespace thaksa
