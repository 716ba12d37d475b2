// For ThreadSanitizer builds only. Debian's Abseil is not built with ThreadSanitizer, so its
// absl::Mutex is invisible to it and every piece of data the project guards with one looks
// racy. This library stands in for the public locking functions of absl::Mutex and
// absl::CondVar, tells ThreadSanitizer about each acquire and release (as Abseil's own
// annotated build does), and calls Debian's function. Conditions are evaluated with the mutex
// held in fact, by whichever thread evaluates them; they are wrapped so that ThreadSanitizer
// knows that too. tools/test --sanitize=thread preloads it into every process of the tests, so
// into some without ThreadSanitizer too: it is built without it, and where the runtime is
// missing it only passes the calls on.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

#include "absl/synchronization/mutex.h"

extern "C" {
// ThreadSanitizer's runtime, in the executable when it is built with it.
__attribute__((weak)) void __tsan_mutex_pre_lock(void* addr, unsigned flags);
__attribute__((weak)) void __tsan_mutex_post_lock(void* addr, unsigned flags, int recursion);
__attribute__((weak)) int __tsan_mutex_pre_unlock(void* addr, unsigned flags);
__attribute__((weak)) void __tsan_mutex_post_unlock(void* addr, unsigned flags);
}

namespace {

void PreLock(void* mu, unsigned flags) {
  if (__tsan_mutex_pre_lock != nullptr) __tsan_mutex_pre_lock(mu, flags);
}
void PostLock(void* mu, unsigned flags) {
  if (__tsan_mutex_post_lock != nullptr) __tsan_mutex_post_lock(mu, flags, 0);
}
void PreUnlock(void* mu, unsigned flags) {
  if (__tsan_mutex_pre_unlock != nullptr) __tsan_mutex_pre_unlock(mu, flags);
}
void PostUnlock(void* mu, unsigned flags) {
  if (__tsan_mutex_post_unlock != nullptr) __tsan_mutex_post_unlock(mu, flags);
}

constexpr unsigned kReadLock = 1 << 3;       // __tsan_mutex_read_lock
constexpr unsigned kTryLock = 1 << 4;        // __tsan_mutex_try_lock
constexpr unsigned kTryLockFailed = 1 << 5;  // __tsan_mutex_try_lock_failed

// Debian's definition of the function `mangled` (the next one after this library's).
template <typename Function>
Function Real(const char* mangled) {
  void* found = dlsym(RTLD_NEXT, mangled);
  if (found == nullptr) {
    std::fprintf(stderr, "tsan_absl_mutex: no %s in Abseil\n", mangled);
    std::abort();
  }
  return reinterpret_cast<Function>(found);
}

// What the calling thread is doing to a mutex while Abseil may evaluate conditions in it.
enum class Operation { kNone, kLocking, kUnlocking };
thread_local Operation operation = Operation::kNone;

struct Scope {
  explicit Scope(Operation now) : before(operation) { operation = now; }
  ~Scope() { operation = before; }
  Operation before;
};

// Abseil's functions call each other (AwaitWithTimeout calls AwaitWithDeadline, ...), through
// this library too: only the outermost call of a thread is annotated.
thread_local bool inside = false;

struct Outermost {
  Outermost() : outermost(!inside) { inside = true; }
  ~Outermost() {
    if (outermost) inside = false;
  }
  const bool outermost;
};

struct AnnotatedCondition {
  const absl::Condition* condition;
  absl::Mutex* mutex;
};

// Evaluates a condition inside the bracket of the operation under way, as Abseil's annotated
// build does: pretend the operation finished, take the mutex, evaluate, and start it again.
bool EvaluateAnnotated(AnnotatedCondition* c) {
  void* mu = c->mutex;
  switch (operation) {
    case Operation::kLocking: {
      PostLock(mu, 0);
      const bool result = c->condition->Eval();
      PreUnlock(mu, 0);
      PostUnlock(mu, 0);
      PreLock(mu, 0);
      return result;
    }
    case Operation::kUnlocking: {
      PostUnlock(mu, 0);
      PreLock(mu, 0);
      PostLock(mu, 0);
      const bool result = c->condition->Eval();
      PreUnlock(mu, 0);
      return result;
    }
    case Operation::kNone:
      break;
  }
  return c->condition->Eval();
}

// Runs `real` as a lock operation on `mu` (acquiring it; reading for kReadLock).
template <typename Call>
void Locking(absl::Mutex* mu, unsigned flags, Call real) {
  Outermost call;
  if (!call.outermost) return real();
  PreLock(mu, flags);
  {
    Scope scope(Operation::kLocking);
    real();
  }
  PostLock(mu, flags);
}

template <typename Call>
void Unlocking(absl::Mutex* mu, unsigned flags, Call real) {
  Outermost call;
  if (!call.outermost) return real();
  PreUnlock(mu, flags);
  {
    Scope scope(Operation::kUnlocking);
    real();
  }
  PostUnlock(mu, flags);
}

// Runs `real`, which releases `mu`, waits, and takes it again.
template <typename Call>
auto Waiting(absl::Mutex* mu, unsigned flags, Call real) {
  Outermost call;
  if (!call.outermost) return real();
  PreUnlock(mu, flags);
  PostUnlock(mu, flags);
  PreLock(mu, flags);
  Scope scope(Operation::kLocking);
  auto result = real();
  PostLock(mu, flags);
  return result;
}

}  // namespace

namespace absl {

using Plain = void (*)(Mutex*);
using Try = bool (*)(Mutex*);
using When = void (*)(Mutex*, const Condition&);
using AwaitPlain = void (*)(Mutex*, const Condition&);
using WhenTimeout = bool (*)(Mutex*, const Condition&, Duration);
using WhenDeadline = bool (*)(Mutex*, const Condition&, Time);

void Mutex::Lock() {
  static const auto real = Real<Plain>("_ZN4absl7debian35Mutex4LockEv");
  Locking(this, 0, [&] { real(this); });
}

void Mutex::ReaderLock() {
  static const auto real = Real<Plain>("_ZN4absl7debian35Mutex10ReaderLockEv");
  Locking(this, kReadLock, [&] { real(this); });
}

void Mutex::Unlock() {
  static const auto real = Real<Plain>("_ZN4absl7debian35Mutex6UnlockEv");
  Unlocking(this, 0, [&] { real(this); });
}

void Mutex::ReaderUnlock() {
  static const auto real = Real<Plain>("_ZN4absl7debian35Mutex12ReaderUnlockEv");
  Unlocking(this, kReadLock, [&] { real(this); });
}

bool Mutex::TryLock() {
  static const auto real = Real<Try>("_ZN4absl7debian35Mutex7TryLockEv");
  Outermost call;
  if (!call.outermost) return real(this);
  PreLock(this, kTryLock);
  const bool locked = real(this);
  PostLock(this, locked ? kTryLock : kTryLock | kTryLockFailed);
  return locked;
}

bool Mutex::ReaderTryLock() {
  static const auto real = Real<Try>("_ZN4absl7debian35Mutex13ReaderTryLockEv");
  const unsigned flags = kReadLock | kTryLock;
  Outermost call;
  if (!call.outermost) return real(this);
  PreLock(this, flags);
  const bool locked = real(this);
  PostLock(this, locked ? flags : flags | kTryLockFailed);
  return locked;
}

void Mutex::LockWhen(const Condition& condition) {
  static const auto real = Real<When>("_ZN4absl7debian35Mutex8LockWhenERKNS0_9ConditionE");
  if (inside) return real(this, condition);
  AnnotatedCondition annotated{&condition, this};
  Locking(this, 0, [&] { real(this, Condition(&EvaluateAnnotated, &annotated)); });
}

void Mutex::ReaderLockWhen(const Condition& condition) {
  static const auto real =
      Real<When>("_ZN4absl7debian35Mutex14ReaderLockWhenERKNS0_9ConditionE");
  if (inside) return real(this, condition);
  AnnotatedCondition annotated{&condition, this};
  Locking(this, kReadLock, [&] { real(this, Condition(&EvaluateAnnotated, &annotated)); });
}

bool Mutex::LockWhenWithTimeout(const Condition& condition, Duration timeout) {
  static const auto real = Real<WhenTimeout>(
      "_ZN4absl7debian35Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  if (inside) return real(this, condition, timeout);
  AnnotatedCondition annotated{&condition, this};
  bool result = false;
  Locking(this, 0, [&] { result = real(this, Condition(&EvaluateAnnotated, &annotated), timeout); });
  return result;
}

bool Mutex::LockWhenWithDeadline(const Condition& condition, Time deadline) {
  static const auto real = Real<WhenDeadline>(
      "_ZN4absl7debian35Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  if (inside) return real(this, condition, deadline);
  AnnotatedCondition annotated{&condition, this};
  bool result = false;
  Locking(this, 0,
          [&] { result = real(this, Condition(&EvaluateAnnotated, &annotated), deadline); });
  return result;
}

void Mutex::Await(const Condition& condition) {
  static const auto real = Real<AwaitPlain>("_ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE");
  if (inside) return real(this, condition);
  AnnotatedCondition annotated{&condition, this};
  Waiting(this, 0, [&] {
    real(this, Condition(&EvaluateAnnotated, &annotated));
    return true;
  });
}

bool Mutex::AwaitWithTimeout(const Condition& condition, Duration timeout) {
  static const auto real = Real<WhenTimeout>(
      "_ZN4absl7debian35Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE");
  if (inside) return real(this, condition, timeout);
  AnnotatedCondition annotated{&condition, this};
  return Waiting(this, 0,
                 [&] { return real(this, Condition(&EvaluateAnnotated, &annotated), timeout); });
}

bool Mutex::AwaitWithDeadline(const Condition& condition, Time deadline) {
  static const auto real = Real<WhenDeadline>(
      "_ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE");
  if (inside) return real(this, condition, deadline);
  AnnotatedCondition annotated{&condition, this};
  return Waiting(this, 0,
                 [&] { return real(this, Condition(&EvaluateAnnotated, &annotated), deadline); });
}

void CondVar::Wait(Mutex* mu) {
  static const auto real =
      Real<void (*)(CondVar*, Mutex*)>("_ZN4absl7debian37CondVar4WaitEPNS0_5MutexE");
  Waiting(mu, 0, [&] {
    real(this, mu);
    return true;
  });
}

bool CondVar::WaitWithTimeout(Mutex* mu, Duration timeout) {
  static const auto real = Real<bool (*)(CondVar*, Mutex*, Duration)>(
      "_ZN4absl7debian37CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE");
  return Waiting(mu, 0, [&] { return real(this, mu, timeout); });
}

bool CondVar::WaitWithDeadline(Mutex* mu, Time deadline) {
  static const auto real = Real<bool (*)(CondVar*, Mutex*, Time)>(
      "_ZN4absl7debian37CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE");
  return Waiting(mu, 0, [&] { return real(this, mu, deadline); });
}

}  // namespace absl
