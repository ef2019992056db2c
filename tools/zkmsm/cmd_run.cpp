// zkmsm run: one MSM on synthetic input or raw files, optionally checked independently.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "workload.hpp"

namespace zkmsm::cli {

namespace {

struct RunOptions {
  CommonOptions common;
  std::string points, scalars, dist = "uniform";
  uint64_t seed = 1;
  bool check = false;
};

nlohmann::json result_json(const AffinePoint& q) {
  nlohmann::json j = {{"infinity", q.infinity}};
  if (!q.infinity) {
    j["x"] = q.x_hex();
    j["y"] = q.y_hex();
  }
  return j;
}

int run(const RunOptions& o) {
  MsmConfig config;
  if (std::string e = o.common.to_config(config); !e.empty()) return report(Status::InvalidArgument(e));
  Workload w;
  if (!o.points.empty() || !o.scalars.empty()) {
    if (o.points.empty() || o.scalars.empty())
      return report(Status::InvalidArgument("--points and --scalars go together"));
    if (Status s = Workload::from_files(o.points, o.scalars, w); !s.ok()) return report(s);
  } else {
    uint64_t n = 1 << 16;
    std::string error;
    if (!o.common.size(n, error) && !error.empty()) return report(Status::InvalidArgument(error));
    io::ScalarDist dist;
    if (!io::parse_dist(o.dist, dist)) return report(Status::InvalidArgument("--dist: unknown distribution " + o.dist));
    w = Workload::synthetic(n, dist, o.seed, o.common.threads);
  }

  std::unique_ptr<Context> ctx;
  if (Status s = Context::create(w.points.data(), w.n, config, ctx); !s.ok())
    return report(Status(s.code(), (o.points.empty() ? "" : o.points + ": ") + s.message()));
  AffinePoint q;
  MsmStats stats;
  if (Status s = ctx->msm(w.scalars.data(), w.n, q, &stats); !s.ok())
    return report(Status(s.code(), (o.scalars.empty() ? "" : o.scalars + ": ") + s.message()));

  nlohmann::json j = result_json(q);
  j["n"] = w.n;
  j["backend"] = backend_name(ctx->backend());
  j["threads"] = stats.plan.threads;
  j["c"] = stats.plan.c;
  j["window_passes"] = stats.plan.window_passes;
  j["peak_bytes_planned"] = stats.plan.peak_bytes;
  j["peak_bytes_measured"] = stats.peak_bytes_measured;
  j["time_ms"] = stats.wall_ms;
  std::fprintf(stderr, "zkmsm: n = %llu (%s), backend %s, c = %u, %u window pass(es), peak %.1f MiB, %.2f ms\n",
               static_cast<unsigned long long>(w.n), w.source.c_str(), backend_name(ctx->backend()), stats.plan.c,
               stats.plan.window_passes, stats.plan.peak_bytes / 1048576.0, stats.wall_ms);
  std::fprintf(stderr, "zkmsm: result %s\n", q.infinity ? "infinity" : (q.x_hex() + ", " + q.y_hex()).c_str());

  int code = kExitOk;
  if (o.check) {
    const std::optional<AffinePoint> expected = w.expected();
    if (!expected)
      return report(Status::InvalidArgument(fmt::format(
          "--check on file input uses the GMP reference, limited to n ≤ {}", Workload::kReferenceLimit)));
    const bool ok = *expected == q;
    j["check"] = w.check_method();
    j["check_ok"] = ok;
    std::fprintf(stderr, "zkmsm: check against the %s: %s\n", w.check_method(), ok ? "ok" : "MISMATCH");
    if (!ok) code = kExitFailure;
  }
  if (o.common.json) std::printf("%s\n", j.dump().c_str());
  return code;
}

}  // namespace

void add_run(CLI::App& app, Action& action) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "compute one MSM on synthetic input or on files");
  o->common.add_to(*cmd, true);
  cmd->add_option("--points", o->points, "points file (raw: n × 64 bytes)");
  cmd->add_option("--scalars", o->scalars, "scalars file (raw: n × 32 bytes)");
  cmd->add_option("--dist", o->dist, "synthetic scalars: uniform, small, all-equal, sparse, half-ones, max");
  cmd->add_option("--seed", o->seed, "synthetic input seed");
  cmd->add_flag("--check", o->check, "verify against the oracle (synthetic) or the GMP reference (files)");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace zkmsm::cli
