#include "zkmsm/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "plan/regions.hpp"

namespace zkmsm {

const char* backend_name(Backend b) {
  switch (b) {
    case Backend::cpu: return "cpu";
    case Backend::cuda: return "cuda";
    case Backend::automatic: return "auto";
  }
  return "?";
}

const char* lifetime_name(Lifetime l) {
  switch (l) {
    case Lifetime::context: return "context";
    case Lifetime::msm: return "msm";
    case Lifetime::pass: return "pass";
  }
  return "?";
}

DeviceModel DeviceModel::cpu(unsigned threads) {
  DeviceModel d;
  d.backend = Backend::cpu;
  d.name = "cpu";
  d.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  return d;
}

DeviceModel DeviceModel::h100() {
  DeviceModel d;
  d.backend = Backend::cuda;
  d.name = "h100";
  d.threads = 1;
  d.sm_count = 132;
  d.compute_capability = 90;
  d.memory_bytes = uint64_t{80} << 30;
  return d;
}

unsigned Plan::pass_window_count(unsigned pass) const {
  const unsigned base = windows / window_passes, extra = windows % window_passes;
  return base + (pass < extra ? 1 : 0);
}

unsigned Plan::pass_first_window(unsigned pass) const {
  const unsigned base = windows / window_passes, extra = windows % window_passes;
  return pass * base + std::min(pass, extra);
}

const Region* Plan::find(const std::string& name) const {
  for (const Region& r : regions)
    if (r.name == name) return &r;
  return nullptr;
}

uint64_t Plan::context_bytes() const {
  for (const Region& r : regions)
    if (r.lifetime != Lifetime::context) return r.offset;
  return peak_bytes;
}

namespace plan {

std::vector<unsigned> candidate_c(uint64_t n, const DeviceModel& device) {
  return device.backend == Backend::cuda ? cuda_candidate_c(n, device) : cpu_candidate_c(n);
}

std::vector<Region> backend_regions(uint64_t n, unsigned c, unsigned windows_per_pass, const DeviceModel& device) {
  if (device.backend == Backend::cuda) return cuda_regions(n, c, windows_per_pass, device);
  return cpu_regions(n, c, windows_per_pass, device.threads);
}

namespace {

// Lays regions out end to end (context-lifetime regions first) and returns the arena size.
uint64_t lay_out(std::vector<Region>& regions) {
  std::stable_sort(regions.begin(), regions.end(),
                   [](const Region& a, const Region& b) { return a.lifetime < b.lifetime; });
  uint64_t offset = 0;
  for (Region& r : regions) {
    r.offset = offset;
    offset += (r.bytes + kRegionAlign - 1) / kRegionAlign * kRegionAlign;
  }
  return offset;
}

Plan plan_for(uint64_t n, unsigned c, unsigned passes, const MsmConfig& config, const DeviceModel& device) {
  Plan p;
  p.n = n;
  p.c = c;
  p.windows = window_count(c);
  p.window_passes = passes;
  p.windows_per_pass = (p.windows + passes - 1) / passes;
  p.threads = device.threads;
  p.backend = device.backend;
  p.device = device.name;
  p.budget_bytes = config.memory_budget_bytes;
  p.regions = backend_regions(n, c, p.windows_per_pass, device);
  p.peak_bytes = lay_out(p.regions);
  return p;
}

std::string mib(uint64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

}  // namespace
}  // namespace plan

Status make_plan(uint64_t n, const MsmConfig& config, const DeviceModel& device, Plan& out) {
  if (n >= (uint64_t{1} << 31)) return Status::InvalidArgument(fmt::format("n = {} is too large (limit 2^31 − 1)", n));
  std::vector<unsigned> cs;
  if (config.c) {
    if (config.c < plan::kMinC || config.c > plan::kMaxC)
      return Status::InvalidArgument(fmt::format("c = {} is outside [{}, {}]", config.c, plan::kMinC, plan::kMaxC));
    cs = {config.c};
  } else {
    cs = plan::candidate_c(n, device);
  }
  uint64_t smallest_peak = UINT64_MAX;
  for (unsigned c : cs) {
    const unsigned windows = plan::window_count(c);
    if (config.window_passes > windows)
      return Status::InvalidArgument(
          fmt::format("window passes = {} exceeds the {} windows of c = {}", config.window_passes, windows, c));
    const unsigned first = config.window_passes ? config.window_passes : 1;
    const unsigned last = config.window_passes ? config.window_passes : windows;
    for (unsigned passes = first; passes <= last; ++passes) {
      Plan p = plan::plan_for(n, c, passes, config, device);
      smallest_peak = std::min(smallest_peak, p.peak_bytes);
      if (config.memory_budget_bytes == 0 || p.peak_bytes <= config.memory_budget_bytes) {
        out = std::move(p);
        return Status::Ok();
      }
    }
  }
  return Status::OutOfMemory(fmt::format(
      "memory budget {} ({} bytes) is too small for n = {}: the smallest feasible peak is {} ({} bytes)",
      plan::mib(config.memory_budget_bytes), config.memory_budget_bytes, n, plan::mib(smallest_peak), smallest_peak));
}

}  // namespace zkmsm
