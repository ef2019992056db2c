// zkmsm info: version, build options, backends and devices.
#include <nlohmann/json.hpp>
#include <thread>

#include "cli.hpp"
#include "zkmsm/msm.hpp"

namespace zkmsm::cli {

void add_info(CLI::App& app, Action& action) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("info", "version, build options, backends and devices");
  cmd->add_flag("--json", *json, "print one JSON object on stdout");
  cmd->callback([&action, json] {
    action = [json] {
#if defined(ZKMSM_HAVE_CUDA)
      const bool built_cuda = true;
#else
      const bool built_cuda = false;
#endif
      const bool gpu = cuda_available();
      nlohmann::json j = {{"version", version()},
                          {"curve", "BN254 (alt_bn128) G1"},
                          {"cuda_built", built_cuda},
                          {"cuda_device", gpu},
                          {"cpu_threads", std::thread::hardware_concurrency()},
                          {"backends", built_cuda ? nlohmann::json{"cpu", "cuda"} : nlohmann::json{"cpu"}}};
      std::fprintf(stderr, "zkmsm %s — BN254 G1 MSM\nbackends: cpu%s\nCUDA device: %s\nCPU threads: %u\n",
                   version().c_str(), built_cuda ? ", cuda" : "", gpu ? "yes" : "none found",
                   std::thread::hardware_concurrency());
      if (*json) std::printf("%s\n", j.dump().c_str());
      return kExitOk;
    };
  });
}

}  // namespace zkmsm::cli
