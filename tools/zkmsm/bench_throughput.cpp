// zkmsm bench (throughput): median MSM time over sizes × scalar distributions on synthetic input.
//   zkmsm bench --log-n 20 --threads 2 --dist uniform --dist all-equal --repetitions 5
//   zkmsm bench --n 2^10..2^20 --json          sizes: one, a comma list (2^16,2^20) or a range of powers
// Bases are generated once per size (not timed); each distribution's scalars are drawn separately and every
// run is checked against the known-discrete-log oracle. One JSON row per (size, distribution).
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/backend.hpp"
#include "bench.hpp"
#include "io/synthetic.hpp"

namespace zkmsm::cli {

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::string cpu_name() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown cpu";
}

uint64_t max_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<uint64_t>(u.ru_maxrss) * 1024;
}

// "--n A..B" (powers of two from A to B), "--n A,B,C", "--n A" or "--log-n k".
bool sizes_from(const CommonOptions& c, std::vector<uint64_t>& out, std::string& error) {
  const std::string& text = c.n;
  if (const size_t dots = text.find(".."); dots != std::string::npos) {
    uint64_t lo = 0, hi = 0;
    if (!parse_count(text.substr(0, dots), lo) || !parse_count(text.substr(dots + 2), hi) || lo == 0 || lo > hi) {
      error = "--n range must read like 2^10..2^20";
      return false;
    }
    for (uint64_t n = lo; n <= hi; n *= 2) out.push_back(n);
    return true;
  }
  if (text.find(',') != std::string::npos) {
    size_t start = 0;
    while (start <= text.size()) {
      const size_t comma = std::min(text.find(',', start), text.size());
      uint64_t n = 0;
      if (!parse_count(text.substr(start, comma - start), n)) {
        error = "cannot read the size list " + text;
        return false;
      }
      out.push_back(n);
      start = comma + 1;
    }
    return true;
  }
  uint64_t n = 0;
  if (!c.size(n, error)) {
    if (!error.empty()) return false;
    n = uint64_t{1} << 16;  // default size
  }
  out.push_back(n);
  return true;
}

}  // namespace

int bench_throughput(const BenchOptions& o) {
  MsmConfig config;
  if (std::string e = o.common.to_config(config); !e.empty()) return report(Status::InvalidArgument(e));
  std::vector<uint64_t> sizes;
  std::string error;
  if (!sizes_from(o.common, sizes, error)) return report(Status::InvalidArgument(error));
  std::vector<io::ScalarDist> dists;
  for (const std::string& name : o.dists) {
    io::ScalarDist d;
    if (!io::parse_dist(name, d)) return report(Status::InvalidArgument("unknown --dist " + name));
    dists.push_back(d);
  }
  std::ofstream out;
  if (!o.out.empty()) {
    out.open(o.out, std::ios::app);
    if (!out) return report(Status::IoError("cannot open " + o.out));
  }
  const bool tty = isatty(STDERR_FILENO);
  const unsigned threads = config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
  std::fprintf(stderr, "zkmsm bench: %s backend, %u thread(s), %s, median of %u after a warm-up\n",
               backend_name(config.backend), threads, cpu_name().c_str(), o.repetitions);
  std::fprintf(stderr, "%8s %10s %3s %6s %12s %12s %10s %12s  %s\n", "log n", "dist", "c", "passes", "planned MiB",
               "max RSS MiB", "median ms", "points/s", "check");
  const size_t total_rows = sizes.size() * dists.size();
  size_t row_index = 0;
  bool all_ok = true;
  for (uint64_t n : sizes) {
    if (tty) std::fprintf(stderr, "\r[%zu/%zu] generating %llu bases…", row_index + 1, total_rows,
                          static_cast<unsigned long long>(n));
    std::vector<math::G1Affine> bases;
    std::vector<uint64_t> dlogs;
    io::synthetic_bases(n, o.seed, threads, bases, dlogs);
    const std::vector<uint8_t> points = io::points_to_bytes(bases);
    bases.clear();
    bases.shrink_to_fit();
    std::unique_ptr<Context> ctx;
    if (Status s = Context::create(points.data(), n, config, ctx); !s.ok()) return report(s);
    for (io::ScalarDist dist : dists) {
      ++row_index;
      const std::vector<uint64_t> scalars = io::synthetic_scalars(n, dist, o.seed + 1);
      const std::vector<uint8_t> scalar_bytes = io::scalars_to_bytes(scalars);
      const math::G1Affine expected_point = io::oracle_expected(dlogs, scalars.data(), n);
      std::vector<double> samples;
      MsmStats stats;
      bool ok = true;
      const AffinePoint expected = encode_point(expected_point);
      for (unsigned r = 0; r < 1 + o.repetitions; ++r) {
        if (tty)
          std::fprintf(stderr, "\r\033[K[%zu/%zu] 2^%.0f %s run %u/%u…", row_index, total_rows, std::log2(double(n)),
                       io::dist_name(dist), r + 1, 1 + o.repetitions);
        AffinePoint q;
        if (Status s = ctx->msm(scalar_bytes.data(), n, q, &stats); !s.ok()) return report(s);
        ok = ok && q == expected;
        if (r >= 1) samples.push_back(stats.wall_ms);
      }
      all_ok = all_ok && ok;
      const double ms = median(samples);
      const Plan& plan = stats.plan;
      const uint64_t rss = max_rss_bytes();
      const nlohmann::json row = {{"log_n", std::log2(double(n))},
                                  {"n", n},
                                  {"backend", backend_name(plan.backend)},
                                  {"device", plan.backend == Backend::cpu ? cpu_name() : plan.device},
                                  {"threads", plan.threads},
                                  {"dist", io::dist_name(dist)},
                                  {"c", plan.c},
                                  {"window_passes", plan.window_passes},
                                  {"peak_bytes_planned", plan.peak_bytes},
                                  {"peak_bytes_measured", stats.peak_bytes_measured},
                                  {"max_rss_bytes", rss},
                                  {"wall_ms_median", ms},
                                  {"wall_ms_samples", samples},
                                  {"points_per_s", n / (ms / 1e3)},
                                  {"check_ok", ok}};
      if (out.is_open()) out << row.dump() << '\n';
      if (o.common.json) std::printf("%s\n", row.dump().c_str());
      if (tty) std::fputs("\r\033[K", stderr);
      std::fprintf(stderr, "%8.0f %10s %3u %6u %12.2f %12.2f %10.2f %12.3g  %s\n", std::log2(double(n)),
                   io::dist_name(dist), plan.c, plan.window_passes, plan.peak_bytes / 1048576.0, rss / 1048576.0, ms,
                   n / (ms / 1e3), ok ? "ok" : "MISMATCH");
    }
  }
  if (!all_ok) std::fprintf(stderr, "zkmsm bench: some results disagree with the oracle\n");
  return all_ok ? kExitOk : kExitFailure;
}

}  // namespace zkmsm::cli
