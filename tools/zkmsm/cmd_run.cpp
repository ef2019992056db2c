// zkmsm run: one MSM (or a batch over the same bases) on synthetic input or on files in any supported
// format (raw, ptau, wtns, bb, arkworks, gnark), optionally checked independently.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "workload.hpp"

namespace zkmsm::cli {

namespace {

struct RunOptions {
  CommonOptions common;
  std::string points, scalars, dist = "uniform", ptau_bases = "tau";
  uint64_t seed = 1, bases_offset = 0, batch = 1;
  bool check = false, scalars_montgomery = false;
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
  if (o.batch == 0) return report(Status::InvalidArgument("--batch must be at least 1"));
  if (!o.points.empty() || !o.scalars.empty()) {
    if (o.points.empty() || o.scalars.empty())
      return report(Status::InvalidArgument("--points and --scalars go together"));
    FileInputs in;
    in.points = o.points;
    in.scalars = o.scalars;
    in.bases_offset = o.bases_offset;
    in.ptau_bases = o.ptau_bases == "lagrange" ? io::PtauBases::lagrange : io::PtauBases::tau;
    in.batch = o.batch;
    in.scalars_montgomery = o.scalars_montgomery;
    std::string error;
    if (!o.common.size(in.n, error) && !error.empty()) return report(Status::InvalidArgument(error));
    if (Status s = Workload::from_files(in, w); !s.ok()) return report(s);
  } else {
    if (o.bases_offset || o.ptau_bases != "tau" || o.scalars_montgomery)
      return report(Status::InvalidArgument("--bases-offset, --ptau-bases and --scalars-montgomery apply to files"));
    uint64_t n = 1 << 16;
    std::string error;
    if (!o.common.size(n, error) && !error.empty()) return report(Status::InvalidArgument(error));
    io::ScalarDist dist;
    if (!io::parse_dist(o.dist, dist)) return report(Status::InvalidArgument("--dist: unknown distribution " + o.dist));
    w = Workload::synthetic(n, dist, o.seed, o.common.threads, false, o.batch);
  }

  std::unique_ptr<Context> ctx;
  if (Status s = Context::create(w.points.data(), w.n, config, ctx); !s.ok())
    return report(Status(s.code(), (o.points.empty() ? "" : o.points + ": ") + s.message()));
  std::vector<AffinePoint> results;
  MsmStats stats;
  if (Status s = ctx->msm_batch(w.scalars.data(), w.n, w.batch, results, &stats); !s.ok())
    return report(Status(s.code(), (o.scalars.empty() ? "" : o.scalars + ": ") + s.message()));
  const AffinePoint& q = results.front();

  // Batch item 0 at the top level (the single-MSM shape); every item under "results" when batched.
  nlohmann::json j = result_json(q);
  j["n"] = w.n;
  j["source"] = w.source;
  if (w.batch > 1) {
    j["batch"] = w.batch;
    j["results"] = nlohmann::json::array();
    for (const AffinePoint& r : results) j["results"].push_back(result_json(r));
  }
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
  for (size_t b = 0; b < results.size(); ++b)
    std::fprintf(stderr, "zkmsm: result%s %s\n", w.batch > 1 ? fmt::format(" {}", b).c_str() : "",
                 results[b].infinity ? "infinity" : (results[b].x_hex() + ", " + results[b].y_hex()).c_str());

  int code = kExitOk;
  if (o.check) {
    bool ok = true;
    for (uint64_t b = 0; b < w.batch; ++b) {
      const std::optional<AffinePoint> expected = w.expected(b);
      if (!expected)
        return report(Status::InvalidArgument(fmt::format(
            "--check on file input uses the GMP reference, limited to n ≤ {}", Workload::kReferenceLimit)));
      if (*expected != results[b]) {
        ok = false;
        if (w.batch > 1) std::fprintf(stderr, "zkmsm: batch item %llu MISMATCH\n", static_cast<unsigned long long>(b));
      }
    }
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
  cmd->add_option("--points", o->points,
                  "points FILE[:format], format raw|ptau|bb|arkworks|gnark (guessed from header/extension if absent)");
  cmd->add_option("--scalars", o->scalars, "scalars FILE[:format], format raw|wtns|arkworks|gnark; n = scalars ÷ batch");
  cmd->add_option("--bases-offset", o->bases_offset, "use points K .. K+n−1 of the points file (default 0)");
  cmd->add_option("--ptau-bases", o->ptau_bases, ".ptau: tau (section 2) or lagrange (section 12, domain size n)")
      ->check(CLI::IsMember({"tau", "lagrange"}));
  cmd->add_flag("--scalars-montgomery", o->scalars_montgomery,
                "raw scalars are in Montgomery form (s·2^256 mod r, as ffjavascript keeps them)");
  cmd->add_option("--batch", o->batch, "MSMs over the same bases: the scalars hold batch × n values (synthetic: "
                                      "one vector per seed)");
  cmd->add_option("--dist", o->dist, "synthetic scalars: uniform, small, all-equal, sparse, half-ones, max");
  cmd->add_option("--seed", o->seed, "synthetic input seed");
  cmd->add_flag("--check", o->check, "verify against the oracle (synthetic) or the GMP reference (files)");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace zkmsm::cli
