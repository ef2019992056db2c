// zkmsm check: the self-check suite. Every available backend × sizes × scalar distributions × pass
// counts (1, 2, all windows) × plain and edge-case bases, each against the known-discrete-log oracle.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "api/backend.hpp"
#include "workload.hpp"

namespace zkmsm::cli {

namespace {

int check(const CommonOptions& common) {
  MsmConfig base;
  if (std::string e = common.to_config(base); !e.empty()) return report(Status::InvalidArgument(e));
  std::vector<Backend> backends = {Backend::cpu};
  if (cuda_available()) backends.push_back(Backend::cuda);
  const uint64_t sizes[] = {0, 1, 2, 31, 33, 1000, 4097};
  unsigned cases = 0, failures = 0;
  nlohmann::json failed = nlohmann::json::array();
  for (uint64_t n : sizes) {
    for (io::ScalarDist dist : io::kAllDists) {
      for (bool edge : {false, true}) {
        const Workload w = Workload::synthetic(n, dist, 1000 + n, base.threads, edge);
        const AffinePoint expected = *w.expected();
        for (Backend backend : backends) {
          MsmConfig config = base;
          config.backend = backend;
          std::unique_ptr<Context> ctx;
          if (Status s = Context::create(w.points.data(), n, config, ctx); !s.ok()) return report(s);
          Plan plan;
          if (Status s = make_plan(n, config, ctx->impl().device_model(config), plan); !s.ok()) return report(s);
          for (unsigned passes : {1u, 2u, plan.windows}) {
            config.window_passes = passes;
            AffinePoint q;
            Status s = ctx->msm(w.scalars.data(), n, config, q);
            ++cases;
            if (s.ok() && q == expected) continue;
            ++failures;
            const std::string what = fmt::format("{} n={} {} passes={}: {}", backend_name(backend), n, w.source, passes,
                                                 s.ok() ? "MISMATCH" : s.message());
            std::fprintf(stderr, "zkmsm check: FAIL %s\n", what.c_str());
            failed.push_back(what);
          }
        }
      }
    }
  }
  std::fprintf(stderr, "zkmsm check: %u cases, %u failed\n", cases, failures);
  if (common.json) std::printf("%s\n", nlohmann::json{{"cases", cases}, {"failed", failed}}.dump().c_str());
  return failures ? kExitFailure : kExitOk;
}

}  // namespace

void add_check(CLI::App& app, Action& action) {
  auto o = std::make_shared<CommonOptions>();
  CLI::App* cmd = app.add_subcommand("check", "run the self-check suite against the oracle");
  o->add_to(*cmd, false);
  cmd->callback([&action, o] { action = [o] { return check(*o); }; });
}

}  // namespace zkmsm::cli
