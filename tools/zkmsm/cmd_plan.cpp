// zkmsm plan: the memory map for (n, config, device model), without running anything.
#include "cli.hpp"

namespace zkmsm::cli {

void add_plan(CLI::App& app, Action& action) {
  struct Options {
    CommonOptions common;
    std::string device_model = "host";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("plan", "print the plan and memory map (no GPU needed)");
  o->common.add_to(*cmd, true);
  cmd->add_option("--device-model", o->device_model, "host (this CPU) or h100")->check(CLI::IsMember({"host", "h100"}));
  cmd->callback([&action, o] {
    action = [o] {
      MsmConfig config;
      if (std::string e = o->common.to_config(config); !e.empty()) return report(Status::InvalidArgument(e));
      uint64_t n = 0;
      std::string error;
      if (!o->common.size(n, error)) return report(Status::InvalidArgument(error.empty() ? "give --n or --log-n" : error));
      const bool gpu = o->device_model == "h100" || config.backend == Backend::cuda;
      const DeviceModel device = gpu ? DeviceModel::h100() : DeviceModel::cpu(config.threads);
      Plan plan;
      if (Status s = make_plan(n, config, device, plan); !s.ok()) return report(s);
      std::fputs(plan_table(plan).c_str(), stderr);
      if (o->common.json) std::printf("%s\n", plan_json(plan).c_str());
      return kExitOk;
    };
  });
}

}  // namespace zkmsm::cli
