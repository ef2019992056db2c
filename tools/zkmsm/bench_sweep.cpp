// zkmsm bench --sweep memory: the memory/time trade of window passes. One synthetic input, run at
// the unbounded plan, then at a ladder of budgets down to the smallest feasible peak (the planner
// picks c, passes and, on CUDA, point chunks), then at every forced pass count of the unbounded
// plan's c (without a budget the CUDA arena keeps its size: those rows' measured peak is the
// arena's). Every run is checked against the oracle; one JSON row per plan.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/backend.hpp"
#include "bench.hpp"
#include "workload.hpp"

namespace zkmsm::cli {

namespace {

constexpr unsigned kLadderSteps = 8;  // budgets between the unbounded peak and the floor, evenly in log

struct Step {
  const char* sweep;  // "budget" or "passes"
  MsmConfig config;
};

std::string host_cpu_name() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown cpu";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// Unbounded, the budget ladder (geometric, ending exactly at the floor), then forced passes 1..T.
std::vector<Step> sweep_steps(const MsmConfig& base, const Plan& unbounded, uint64_t floor_bytes) {
  std::vector<Step> steps = {{"budget", base}};
  for (unsigned i = 1; i <= kLadderSteps; ++i) {
    const double ratio = std::pow(static_cast<double>(floor_bytes) / unbounded.peak_bytes, double(i) / kLadderSteps);
    Step s{"budget", base};
    s.config.memory_budget_bytes =
        i == kLadderSteps ? floor_bytes : static_cast<uint64_t>(unbounded.peak_bytes * ratio);
    steps.push_back(s);
  }
  for (unsigned k = 1; k <= unbounded.windows; ++k) {
    Step s{"passes", base};
    s.config.c = unbounded.c;
    s.config.window_passes = k;
    steps.push_back(s);
  }
  return steps;
}

}  // namespace

int bench_memory_sweep(const BenchOptions& o) {
  MsmConfig base;
  if (std::string e = o.common.to_config(base); !e.empty()) return report(Status::InvalidArgument(e));
  if (base.memory_budget_bytes || base.window_passes)
    return report(Status::InvalidArgument("the memory sweep chooses budgets and passes itself"));
  uint64_t n = 1 << 16;
  std::string error;
  if (!o.common.size(n, error) && !error.empty()) return report(Status::InvalidArgument(error));
  io::ScalarDist dist;
  if (o.dists.size() != 1 || !io::parse_dist(o.dists[0], dist))
    return report(Status::InvalidArgument("the memory sweep takes one known --dist"));

  const Workload w = Workload::synthetic(n, dist, o.seed, base.threads);
  const AffinePoint expected = *w.expected();
  std::unique_ptr<Context> ctx;
  if (Status s = Context::create(w.points.data(), n, base, ctx); !s.ok()) return report(s);
  base.backend = ctx->backend();
  const DeviceModel device = ctx->impl().device_model(base);
  Plan unbounded;
  uint64_t floor_bytes = 0;
  if (Status s = make_plan(n, base, device, unbounded); !s.ok()) return report(s);
  if (Status s = smallest_peak(n, base, device, floor_bytes); !s.ok()) return report(s);
  const std::string device_name =
      base.backend == Backend::cpu ? fmt::format("{} ({})", device.name, host_cpu_name()) : device.name;

  std::ofstream out;
  if (!o.out.empty()) {
    out.open(o.out, std::ios::app);
    if (!out) return report(Status::IoError("cannot open " + o.out));
  }
  const bool tty = isatty(STDERR_FILENO);
  const std::vector<Step> steps = sweep_steps(base, unbounded, floor_bytes);
  std::fprintf(stderr, "zkmsm bench: memory sweep, n = 2^%.0f, %s, %s, %u timed rounds over all plans\n",
               std::log2(double(n)), backend_name(base.backend), device_name.c_str(), o.repetitions);
  std::fprintf(stderr, "%-7s %3s %6s %6s %12s %12s %12s %10s %6s  %s\n", "sweep", "c", "passes", "chunks",
               "budget MiB", "planned MiB", "measured MiB", "median ms", "×", "check");
  // CPU: rounds over all rows, not rows one after another, so that drift in the machine's speed lands
  // on every row alike. CUDA: row after row, since each budget's plan re-sizes the context's device
  // arena (a ~60 ms re-upload of the bases that interleaved rounds would time in every run). Round 0
  // is the warm-up. Every run is checked.
  std::vector<std::vector<double>> samples(steps.size());
  std::vector<MsmStats> stats(steps.size());
  std::vector<char> ok(steps.size(), 1);
  auto run = [&](size_t i, unsigned round) -> Status {
    if (tty) std::fprintf(stderr, "\r[round %u/%u, plan %zu/%zu]", round, o.repetitions, i + 1, steps.size());
    AffinePoint q;
    if (Status s = ctx->msm(w.scalars.data(), n, steps[i].config, q, &stats[i]); !s.ok()) return s;
    ok[i] = ok[i] && q == expected;
    if (round) samples[i].push_back(stats[i].wall_ms);
    return Status::Ok();
  };
  if (base.backend == Backend::cuda) {
    for (size_t i = 0; i < steps.size(); ++i)
      for (unsigned round = 0; round <= o.repetitions; ++round)
        if (Status s = run(i, round); !s.ok()) return report(s);
  } else {
    for (unsigned round = 0; round <= o.repetitions; ++round)
      for (size_t i = 0; i < steps.size(); ++i)
        if (Status s = run(i, round); !s.ok()) return report(s);
  }
  if (tty) std::fputs("\r\033[K", stderr);
  const double unbounded_ms = median(samples[0]);
  bool all_ok = true;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    const Plan& plan = stats[i].plan;
    const double ms = median(samples[i]);
    all_ok = all_ok && ok[i];
    const nlohmann::json row = {{"log_n", std::log2(double(n))},
                                {"n", n},
                                {"c", plan.c},
                                {"backend", backend_name(plan.backend)},
                                {"device", device_name},
                                {"threads", plan.threads},
                                {"dist", io::dist_name(dist)},
                                {"sweep", step.sweep},
                                {"budget_bytes", step.config.memory_budget_bytes},
                                {"window_passes", plan.window_passes},
                                {"point_chunks", plan.point_chunks},
                                {"peak_bytes_planned", plan.peak_bytes},
                                {"peak_bytes_measured", stats[i].peak_bytes_measured},
                                {"wall_ms_median", ms},
                                {"wall_ms_min", *std::min_element(samples[i].begin(), samples[i].end())},
                                {"wall_ms_samples", samples[i]},
                                {"time_vs_unbounded", ms / unbounded_ms},
                                {"cross_ok", bool(ok[i])}};
    if (out.is_open()) out << row.dump() << '\n';
    if (o.common.json) std::printf("%s\n", row.dump().c_str());
    std::fprintf(stderr, "%-7s %3u %6u %6u %12.2f %12.2f %12.2f %10.2f %6.2f  %s\n", step.sweep, plan.c,
                 plan.window_passes, plan.point_chunks, step.config.memory_budget_bytes / 1048576.0, plan.peak_bytes / 1048576.0,
                 stats[i].peak_bytes_measured / 1048576.0, ms, ms / unbounded_ms, ok[i] ? "ok" : "MISMATCH");
  }
  if (!all_ok) std::fprintf(stderr, "zkmsm bench: some rows disagree with the oracle\n");
  return all_ok ? kExitOk : kExitFailure;
}

}  // namespace zkmsm::cli
