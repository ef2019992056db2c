// zkmsm_cuda_bench: times the CUDA engine on synthetic inputs and checks every result against the
// known-discrete-log oracle. Bases are uploaded once (resident); per (n, distribution):
//   resident  scalars already in the arena: host clock around run() (passes + copy back + host fold)
//             and CUDA events around the passes (gpu_ms);
//   with copy the same plus the host → device scalar copy from pageable memory.
// With --chunks K > 1 the plans stream the scalars in K chunks (copy overlapped with the work): such
// rows have only the with-copy time (host_ms = copy_ms; gpu_ms includes waiting for the copies).
// --chunks 0 takes the planner's default (2 chunks from 2^19 points, 4 from 2^23; 1 below).
// Warm-up 2 runs, then the median of --reps. One JSON object per line on stdout, a table on stderr.
//
//   zkmsm_cuda_bench [--log-n 16,18,20] [--dists uniform,all-equal] [--reps 7] [--c 0] [--passes 0]
//                    [--chunks 1] [--c-sweep 10-18]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cuda/engine.hpp"
#include "io/synthetic.hpp"

namespace {

using namespace zkmsm;

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Options {
  std::vector<unsigned> log_ns = {16, 18, 20};
  std::vector<io::ScalarDist> dists = {io::ScalarDist::uniform};
  unsigned reps = 7, c = 0, passes = 0, chunks = 1, sweep_lo = 0, sweep_hi = 0;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--log-n") {
      o.log_ns.clear();
      for (const auto& x : split(v)) o.log_ns.push_back(std::stoul(x));
    } else if (k == "--dists") {
      o.dists.clear();
      for (const auto& x : split(v)) {
        io::ScalarDist d;
        if (!io::parse_dist(x, d)) return false;
        o.dists.push_back(d);
      }
    } else if (k == "--reps") {
      o.reps = std::stoul(v);
    } else if (k == "--c") {
      o.c = std::stoul(v);
    } else if (k == "--passes") {
      o.passes = std::stoul(v);
    } else if (k == "--chunks") {
      o.chunks = std::stoul(v);
    } else if (k == "--c-sweep") {
      o.sweep_lo = std::stoul(v.substr(0, v.find('-')));
      o.sweep_hi = std::stoul(v.substr(v.find('-') + 1));
    } else {
      return false;
    }
  }
  return (argc % 2) == 1;
}

int fail(const Status& s) {
  std::fprintf(stderr, "zkmsm_cuda_bench: %s\n", s.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fprintf(stderr, "usage: zkmsm_cuda_bench [--log-n 16,20] [--dists uniform,...] [--reps 7] [--c C] "
                         "[--passes P] [--chunks K] [--c-sweep LO-HI]\n");
    return 2;
  }
  cuda::DeviceInfo info;
  if (Status s = cuda::query_device(info); !s.ok()) return fail(s);
  const DeviceModel model = cuda::device_model(info);
  const unsigned max_log = *std::max_element(o.log_ns.begin(), o.log_ns.end());
  const uint64_t n_max = uint64_t{1} << max_log;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  double t0 = now_ms();
  std::vector<math::G1Affine> bases;
  std::vector<uint64_t> dlogs;
  io::synthetic_bases(n_max, 42, threads, bases, dlogs);
  std::fprintf(stderr, "%s, %u SMs; %llu synthetic bases in %.1f s\n", info.name.c_str(), info.sm_count,
               static_cast<unsigned long long>(n_max), (now_ms() - t0) / 1000);
  MsmConfig config;
  config.backend = Backend::cuda;
  config.c = o.c;
  config.window_passes = o.passes;
  config.point_chunks = o.chunks;
  Plan initial;
  if (Status s = make_plan(n_max, config, model, initial); !s.ok()) return fail(s);
  std::unique_ptr<cuda::Engine> engine;
  if (Status s = cuda::Engine::create(bases, initial, engine); !s.ok()) return fail(s);

  std::vector<unsigned> cs = {o.c};
  if (o.sweep_lo)
    for (unsigned c = o.sweep_lo, first = 1; c <= o.sweep_hi; ++c, first = 0) {
      if (first) cs.clear();
      cs.push_back(c);
    }
  std::fprintf(stderr, "%-6s %-10s %3s %3s %10s %10s %10s %12s %9s %-5s %s\n", "log_n", "dist", "c", "P", "host_ms",
               "gpu_ms", "copy_ms", "peak_MiB", "vs_unif", "ok", "pass 0: sort/accumulate/reduce ms");
  int failures = 0;
  for (unsigned log_n : o.log_ns) {
    const uint64_t n = uint64_t{1} << log_n;
    for (unsigned c : cs) {
      double uniform_ms = 0;
      for (io::ScalarDist dist : o.dists) {
        MsmConfig cfg = config;
        cfg.c = c;
        Plan plan;
        if (Status s = make_plan(n, cfg, model, plan); !s.ok()) return fail(s);
        const std::vector<uint64_t> scalars = io::synthetic_scalars(n, dist, 7 + log_n);
        const math::G1Affine expected = io::oracle_expected(dlogs, scalars.data(), n);
        math::G1Affine q;
        cuda::RunTimings tm;
        // Streamed plans (point chunks) always copy: their rows time msm() only.
        const bool streamed = plan.point_chunks > 1;
        if (Status s = engine->msm(plan, scalars.data(), q, &tm); !s.ok()) return fail(s);  // warm-up
        if (!streamed)
          if (Status s = engine->run(plan, q, &tm); !s.ok()) return fail(s);
        bool ok = q == expected;
        std::vector<double> host, gpu, with_copy, sort_ms, acc_ms, red_ms;
        for (unsigned r = 0; r < (streamed ? 0 : o.reps); ++r) {
          const double start = now_ms();
          if (Status s = engine->run(plan, q, &tm); !s.ok()) return fail(s);
          host.push_back(now_ms() - start);
          gpu.push_back(tm.gpu_ms);
          sort_ms.push_back(tm.sort_ms), acc_ms.push_back(tm.accumulate_ms), red_ms.push_back(tm.reduce_ms);
          ok = ok && q == expected;
        }
        for (unsigned r = 0; r < o.reps; ++r) {
          const double start = now_ms();
          if (Status s = engine->msm(plan, scalars.data(), q, &tm); !s.ok()) return fail(s);
          with_copy.push_back(now_ms() - start);
          if (streamed) gpu.push_back(tm.gpu_ms);
          ok = ok && q == expected;
        }
        failures += !ok;
        const double host_ms = streamed ? median(with_copy) : median(host);
        if (dist == io::ScalarDist::uniform) uniform_ms = host_ms;
        std::fprintf(stderr, "%-6u %-10s %3u %3u %10.3f %10.3f %10.3f %12.1f %9s %-5s %.3f/%.3f/%.3f\n", log_n,
                     io::dist_name(dist), plan.c, plan.window_passes, host_ms, median(gpu), median(with_copy),
                     plan.peak_bytes / 1048576.0,
                     uniform_ms > 0 ? fmt::format("{:.2f}x", host_ms / uniform_ms).c_str() : "-", ok ? "ok" : "WRONG",
                     median(sort_ms), median(acc_ms), median(red_ms));
        nlohmann::json j = {{"device", info.name},      {"log_n", log_n},         {"dist", io::dist_name(dist)},
                            {"c", plan.c},              {"passes", plan.window_passes},
                            {"point_chunks", plan.point_chunks}, {"resident_ms", streamed ? nlohmann::json() : nlohmann::json(host_ms)},
                            {"gpu_ms", median(gpu)},    {"with_copy_ms", median(with_copy)},
                            {"peak_bytes", plan.peak_bytes}, {"arena_bytes", engine->arena_bytes()},
                            {"reps", o.reps},           {"correct", ok},
                            {"pass0_sort_ms", median(sort_ms)}, {"pass0_accumulate_ms", median(acc_ms)},
                            {"pass0_reduce_ms", median(red_ms)}};
        std::printf("%s\n", j.dump().c_str());
        std::fflush(stdout);
      }
    }
  }
  return failures ? 1 : 0;
}
