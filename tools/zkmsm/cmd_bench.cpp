// zkmsm bench: option parsing; the work is in bench_throughput.cpp and bench_sweep.cpp.
#include "bench.hpp"

namespace zkmsm::cli {

void add_bench(CLI::App& app, Action& action) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "time MSMs over sizes and distributions, or sweep memory budgets");
  o->common.add_to(*cmd, true);
  cmd->add_option("--sweep", o->sweep, "memory: run the ladder of budgets from unbounded to the smallest feasible")
      ->check(CLI::IsMember({"memory"}));
  cmd->add_option("--out", o->out, "append one JSON row per measurement to this JSONL file");
  cmd->add_option("--dist", o->dists, "scalar distributions (repeatable)");
  cmd->add_option("--repetitions", o->repetitions, "timed runs per row, after a warm-up")->check(CLI::Range(1, 1000));
  cmd->add_option("--seed", o->seed, "synthetic input seed");
  cmd->callback([&action, o] {
    action = [o] { return o->sweep == "memory" ? bench_memory_sweep(*o) : bench_throughput(*o); };
  });
}

}  // namespace zkmsm::cli
