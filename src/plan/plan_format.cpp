// Plan as a human-readable table and as one JSON object.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "zkmsm/plan.hpp"

namespace zkmsm {

std::string plan_table(const Plan& plan) {
  std::string s = fmt::format("n = {}, c = {}, windows = {}, window passes = {} (≤ {} windows each), backend {} ({})\n",
                              plan.n, plan.c, plan.windows, plan.window_passes, plan.windows_per_pass,
                              backend_name(plan.backend), plan.device);
  if (plan.point_chunks > 1)
    s += fmt::format("scalars streamed in {} chunks of ≤ {} points\n", plan.point_chunks, plan.chunk_points());
  if (plan.scalars_in_place) s += "scalars read in place from device memory\n";
  s += fmt::format("{:<22} {:>12} {:>16}  {}\n", "region", "MiB", "bytes", "lifetime");
  for (const Region& r : plan.regions)
    s += fmt::format("{:<22} {:>12.3f} {:>16}  {}\n", r.name, r.bytes / 1048576.0, r.bytes, lifetime_name(r.lifetime));
  s += fmt::format("{:<22} {:>12.3f} {:>16}  (aligned arena: {} context + {} per MSM call)\n", "peak",
                   plan.peak_bytes / 1048576.0, plan.peak_bytes, plan.context_bytes(), plan.working_bytes());
  if (plan.budget_bytes)
    s += fmt::format("{:<22} {:>12.3f} {:>16}\n", "budget", plan.budget_bytes / 1048576.0, plan.budget_bytes);
  return s;
}

std::string plan_json(const Plan& plan) {
  nlohmann::json regions = nlohmann::json::array();
  for (const Region& r : plan.regions)
    regions.push_back({{"name", r.name}, {"bytes", r.bytes}, {"offset", r.offset}, {"lifetime", lifetime_name(r.lifetime)}});
  nlohmann::json pass_windows = nlohmann::json::array();
  for (unsigned p = 0; p < plan.window_passes; ++p) pass_windows.push_back(plan.pass_window_count(p));
  nlohmann::json j = {{"n", plan.n},
                      {"c", plan.c},
                      {"windows", plan.windows},
                      {"window_passes", plan.window_passes},
                      {"windows_per_pass", plan.windows_per_pass},
                      {"pass_windows", pass_windows},
                      {"point_chunks", plan.point_chunks},
                      {"chunk_points", plan.chunk_points()},
                      {"scalars_in_place", plan.scalars_in_place},
                      {"backend", backend_name(plan.backend)},
                      {"device", plan.device},
                      {"threads", plan.threads},
                      {"budget_bytes", plan.budget_bytes},
                      {"peak_bytes", plan.peak_bytes},
                      {"context_bytes", plan.context_bytes()},
                      {"working_bytes", plan.working_bytes()},
                      {"regions", regions}};
  return j.dump();
}

}  // namespace zkmsm
