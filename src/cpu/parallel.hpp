// Minimal fork-join: runs fn(task, worker) for task in [0, tasks) on `threads` workers.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace zkmsm::cpu {

template <class Fn>
void parallel_for(unsigned threads, size_t tasks, Fn&& fn) {
  const unsigned workers = static_cast<unsigned>(std::min<size_t>(threads, tasks));
  if (workers <= 1) {
    for (size_t t = 0; t < tasks; ++t) fn(t, 0u);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&](unsigned worker) {
    for (size_t t; (t = next.fetch_add(1, std::memory_order_relaxed)) < tasks;) fn(t, worker);
  };
  std::vector<std::jthread> pool;
  pool.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
}

}  // namespace zkmsm::cpu
