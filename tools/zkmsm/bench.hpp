// zkmsm bench: throughput over sizes and scalar distributions, or the memory/time sweep.
#pragma once
#include <string>
#include <vector>

#include "cli.hpp"

namespace zkmsm::cli {

struct BenchOptions {
  CommonOptions common;
  std::string sweep;                 // "" = throughput; "memory" = the budget ladder
  std::string out;                   // JSONL rows are appended here (also printed with --json)
  std::vector<std::string> dists = {"uniform"};
  unsigned repetitions = 5;          // timed runs per row (median reported), after one warm-up
  uint64_t seed = 1;
};

int bench_throughput(const BenchOptions& o);    // bench_throughput.cpp
int bench_memory_sweep(const BenchOptions& o);  // bench_sweep.cpp

}  // namespace zkmsm::cli
