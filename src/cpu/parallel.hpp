// Fork-join over a small pool of worker threads that lives for one MSM call: the workers start once
// (not once per step), and each parallel_for hands them fn(task, worker) for task in [0, tasks) from a
// shared counter. Worker 0 is the calling thread. Nothing is allocated per parallel_for.
#pragma once
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace zkmsm::cpu {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads) : threads_(std::max(1u, threads)) {
    workers_.reserve(threads_ - 1);
    for (unsigned w = 1; w < threads_; ++w) workers_.emplace_back([this, w] { serve(w); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
      ++generation_;
    }
    wake_.notify_all();
    workers_.clear();  // joins
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned threads() const { return threads_; }

  template <class Fn>
  void parallel_for(size_t tasks, Fn&& fn) {
    const unsigned workers = static_cast<unsigned>(std::min<size_t>(threads_, tasks));
    if (workers <= 1) {
      for (size_t t = 0; t < tasks; ++t) fn(t, 0u);
      return;
    }
    using F = std::remove_reference_t<Fn>;
    auto call = [](void* f, size_t task, unsigned worker) { (*static_cast<F*>(f))(task, worker); };
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = call;
      job_ctx_ = const_cast<void*>(static_cast<const void*>(&fn));
      tasks_ = tasks;
      next_.store(0, std::memory_order_relaxed);
      active_ = workers - 1;
      helpers_ = workers - 1;
      ++generation_;
    }
    wake_.notify_all();
    run(0);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return active_ == 0; });
  }

 private:
  void run(unsigned worker) {
    for (size_t t; (t = next_.fetch_add(1, std::memory_order_relaxed)) < tasks_;) job_(job_ctx_, t, worker);
  }
  void serve(unsigned worker) {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stop_) return;
        if (worker > helpers_) continue;  // this fork-join uses fewer workers
      }
      run(worker);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (--active_ == 0) done_.notify_one();
      }
    }
  }

  unsigned threads_;
  std::vector<std::jthread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  uint64_t generation_ = 0;
  bool stop_ = false;
  void (*job_)(void*, size_t, unsigned) = nullptr;
  void* job_ctx_ = nullptr;
  size_t tasks_ = 0;
  std::atomic<size_t> next_{0};
  unsigned active_ = 0, helpers_ = 0;
};

// One-off fork-join (a pool for this call only), for code outside the MSM's pool.
template <class Fn>
void parallel_for(unsigned threads, size_t tasks, Fn&& fn) {
  const unsigned workers = static_cast<unsigned>(std::min<size_t>(threads, tasks));
  if (workers <= 1) {
    for (size_t t = 0; t < tasks; ++t) fn(t, 0u);
    return;
  }
  WorkerPool pool(workers);
  pool.parallel_for(tasks, fn);
}

}  // namespace zkmsm::cpu
