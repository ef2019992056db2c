// zkmsm plan: the memory map for (n, config, device model), without running anything or needing a GPU.
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm::cli {

namespace {

// The device model named, or the one the backend implies (cuda → h100; auto → h100 when a GPU is here).
DeviceModel device_model(const std::string& name, const MsmConfig& config) {
  if (name == "h100") return DeviceModel::h100();
  if (name == "cpu" || name == "host") return DeviceModel::cpu(config.threads);
  const bool gpu = config.backend == Backend::cuda || (config.backend == Backend::automatic && cuda_available());
  return gpu ? DeviceModel::h100() : DeviceModel::cpu(config.threads);
}

}  // namespace

void add_plan(CLI::App& app, Action& action) {
  struct Options {
    CommonOptions common;
    std::string device_model;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("plan", "print the plan and memory map (no GPU needed)");
  o->common.add_to(*cmd, true);
  cmd->add_option("--device-model", o->device_model, "cpu (this host's threads) or h100 (default: from --backend)")
      ->check(CLI::IsMember({"cpu", "host", "h100"}));
  cmd->callback([&action, o] {
    action = [o] {
      MsmConfig config;
      if (std::string e = o->common.to_config(config); !e.empty()) return report(Status::InvalidArgument(e));
      uint64_t n = 0;
      std::string error;
      if (!o->common.size(n, error))
        return report(Status::InvalidArgument(error.empty() ? "give --n or --log-n" : error));
      const DeviceModel device = device_model(o->device_model, config);
      Plan plan;
      uint64_t floor_bytes = 0;
      if (Status s = make_plan(n, config, device, plan); !s.ok()) return report(s);
      if (Status s = smallest_peak(n, config, device, floor_bytes); !s.ok()) return report(s);
      std::fputs(plan_table(plan).c_str(), stderr);
      std::fprintf(stderr, "%-22s %12.3f %16llu  (the least --memory-budget accepted for this n and config)\n",
                   "smallest feasible", floor_bytes / 1048576.0, static_cast<unsigned long long>(floor_bytes));
      if (o->common.json) {
        nlohmann::json j = nlohmann::json::parse(plan_json(plan));
        j["smallest_feasible_bytes"] = floor_bytes;
        std::printf("%s\n", j.dump().c_str());
      }
      return kExitOk;
    };
  });
}

}  // namespace zkmsm::cli
