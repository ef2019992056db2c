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

std::vector<Region> backend_regions(uint64_t n, uint64_t chunk_points, unsigned c, unsigned windows_per_pass,
                                    bool scalars_in_place, const DeviceModel& device) {
  if (device.backend == Backend::cuda)
    return cuda_regions(n, chunk_points, c, windows_per_pass, scalars_in_place, device);
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
    offset += aligned_bytes(r.bytes);
  }
  return offset;
}

struct Shape {
  unsigned c, passes, chunks;
};

// Points per chunk when n points are cut into k chunks (the last may be shorter).
uint64_t points_per_chunk(uint64_t n, unsigned k) { return (n + k - 1) / k; }

Plan plan_for(uint64_t n, const Shape& shape, const MsmConfig& config, const DeviceModel& device) {
  Plan p;
  p.n = n;
  p.c = shape.c;
  p.windows = window_count(shape.c);
  p.window_passes = shape.passes;
  p.windows_per_pass = (p.windows + shape.passes - 1) / shape.passes;
  // Chunks of ceil(n / k) points; the count is that of the nonempty ones (fewer than k when k ∤ n
  // leaves whole chunks empty, e.g. n = 1000, k = 64: 63 chunks of ≤ 16 points).
  const uint64_t chunk = n ? points_per_chunk(n, shape.chunks) : 1;
  p.point_chunks = n ? static_cast<unsigned>((n + chunk - 1) / chunk) : 1;
  p.threads = device.threads;
  p.backend = device.backend;
  p.device = device.name;
  p.budget_bytes = config.memory_budget_bytes;
  p.scalars_in_place = config.scalars_in_place && device.backend == Backend::cuda;
  p.regions = backend_regions(n, p.chunk_points(), p.c, p.windows_per_pass, p.scalars_in_place, device);
  p.peak_bytes = lay_out(p.regions);
  return p;
}

std::string mib(uint64_t bytes) { return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20)); }

// Point chunk counts to try: the forced one, else 1 (CPU) or 1, 2, 4, … kMaxPointChunks (CUDA), no
// two of them with the same chunk size. CUDA starts at 2 from kStreamFromPoints on and at 4 from
// kStreamInFourFromPoints: an MSM call takes its scalars from the host, and chunks overlap the copy
// of one (through pinned staging) with the work on the one before. H100, 2026-11-26 21:47 UTC (d6b7d23),
// time with the copy from pageable memory for 1 (in one piece) / 2 / 4 / 8 chunks: 2^19 4.60 / 4.54 /
// 5.35 / 6.65 ms, 2^20 7.01 / 6.77 / 7.83 / 9.58, 2^21 12.3 / 11.7 / 12.5 / 14.6, 2^22 22.1 / 20.9 /
// 21.9 / 25.3, 2^23 39.4 / 39.5 / 40.7 / 45.7, 2^24 78.6 / 73.0 / 72.7 / 78.4 (scalars resident: 2^20
// 5.20, 2^24 60.5). At 2^23, 4 chunks cost 3 % over 2 for 22 % less memory.
constexpr uint64_t kStreamFromPoints = uint64_t{1} << 19;
constexpr uint64_t kStreamInFourFromPoints = uint64_t{1} << 23;

// Estimated times within this fraction of each other are a tie, which the order of preference breaks.
// H100, 2^20 under 131 MiB: 14 / 1 × 4 chunks and 13 / 1 × 4 are estimated 0.4 % apart and measured
// 7.5–7.6 against 8.3–8.7 ms; under 104 MiB, 14 / 1 × 8 and 13 / 1 × 8: 8.8 against 10.2.
constexpr double kEstimateTie = 0.03;

std::vector<unsigned> chunk_counts(uint64_t n, const MsmConfig& config, const DeviceModel& device) {
  if (config.point_chunks) return {config.point_chunks};
  if (device.backend != Backend::cuda || config.scalars_in_place) return {1};
  std::vector<unsigned> out = {n >= kStreamInFourFromPoints ? 4u : n >= kStreamFromPoints ? 2u : 1u};
  for (unsigned k = 2 * out.back(); k <= kMaxPointChunks; k *= 2)
    if (points_per_chunk(n, k) < points_per_chunk(n, out.back())) out.push_back(k);
  return out;
}

// The (c, window passes, point chunks) shapes the planner may choose, in order of preference: the
// best c first; for each c the fewest passes first; for each pass count the fewest chunks first
// (for CUDA, make_plan ranks all but the first by estimated time instead).
Status shapes(uint64_t n, const MsmConfig& config, const DeviceModel& device, std::vector<Shape>& out) {
  if (n >= (uint64_t{1} << 31)) return Status::InvalidArgument(fmt::format("n = {} is too large (limit 2^31 − 1)", n));
  std::vector<unsigned> cs;
  if (config.c) {
    if (config.c < kMinC || config.c > kMaxC)
      return Status::InvalidArgument(fmt::format("c = {} is outside [{}, {}]", config.c, kMinC, kMaxC));
    cs = {config.c};
  } else {
    cs = candidate_c(n, device);
  }
  if (config.point_chunks > 1 && device.backend != Backend::cuda)
    return Status::InvalidArgument("point chunks stream scalars to a GPU: the CPU backend takes 1");
  if (config.point_chunks > 1 && config.scalars_in_place)
    return Status::InvalidArgument("scalars read in place from device memory are taken in one piece (point chunks 1)");
  if (config.point_chunks > kMaxPointChunks || (n && config.point_chunks > n))
    return Status::InvalidArgument(fmt::format("point chunks = {} is outside 1..{}", config.point_chunks,
                                               std::min<uint64_t>(kMaxPointChunks, std::max<uint64_t>(n, 1))));
  const std::vector<unsigned> chunks = chunk_counts(n, config, device);
  const unsigned forced = config.window_passes;
  unsigned most_windows = 0;
  for (unsigned c : cs) {
    const unsigned windows = window_count(c);
    most_windows = std::max(most_windows, windows);
    if (forced > windows) continue;
    for (unsigned passes = forced ? forced : 1; passes <= (forced ? forced : windows); ++passes) {
      const uint64_t windows_per_pass = (windows + passes - 1) / passes;
      for (unsigned k : chunks)
        if (windows_per_pass * points_per_chunk(n, k) <= kMaxPassDigits) out.push_back({c, passes, k});
    }
  }
  if (forced > most_windows)
    return Status::InvalidArgument(
        config.c
            ? fmt::format("window passes = {} is outside 1..{} (the windows of c = {})", forced, most_windows, config.c)
            : fmt::format("window passes = {} exceeds the {} windows of the narrowest window tried", forced,
                          most_windows));
  if (out.empty())
    return Status::InvalidArgument(
        fmt::format("n = {} needs more window passes than allowed (a pass holds < 2^32 digits)", n));
  return Status::Ok();
}

}  // namespace
}  // namespace plan

Status make_plan(uint64_t n, const MsmConfig& config, const DeviceModel& device, Plan& out) {
  std::vector<plan::Shape> shapes;
  if (Status s = plan::shapes(n, config, device, shapes); !s.ok()) return s;
  // The device's memory caps the budget: an unbounded plan must still fit the device.
  const uint64_t budget = config.memory_budget_bytes;
  const bool device_binds = device.memory_bytes && (budget == 0 || device.memory_bytes < budget);
  const uint64_t limit = device_binds ? device.memory_bytes : budget;
  // The preferred shape when it fits. Else the CPU takes the next in order of preference and CUDA the
  // one of least estimated time (passes and chunks cost more than their order says: measured at 2^20
  // under 93.8 MiB, 2 passes × 64 chunks of c = 15 took 29.8 ms, 3 × 16 of c = 14 18.6 ms). The
  // estimate is fitted on c = 10..17 at 2^18..2^24 and extrapolates outside; it only ranks shapes
  // that fit, and within kEstimateTie of the least estimate the order of preference decides (the
  // model's error is ~7 %). Shapes go in that order, so only the first few are laid out (each
  // plan_for is µs, and make_plan runs on every MSM call).
  std::vector<std::pair<double, const plan::Shape*>> order;
  for (const plan::Shape& shape : shapes) {
    const bool by_time = device.backend == Backend::cuda && &shape != &shapes.front();
    order.emplace_back(by_time ? plan::cuda_estimated_ms(n, shape.c, shape.passes, shape.chunks) : 0.0, &shape);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const plan::Shape* chosen = nullptr;  // shapes are in order of preference: a lower address is preferred
  double least_ms = 0;
  for (const auto& [ms, shape] : order) {
    if (chosen && ms > least_ms * (1 + plan::kEstimateTie)) break;
    if (chosen && shape > chosen) continue;
    Plan p = plan::plan_for(n, *shape, config, device);
    if (limit && p.peak_bytes > limit) continue;
    if (!chosen) least_ms = ms;
    chosen = shape;
    out = std::move(p);
  }
  if (chosen) return Status::Ok();
  uint64_t least = 0;
  if (Status s = smallest_peak(n, config, device, least); !s.ok()) return s;
  const std::string what = config.window_passes ? fmt::format("n = {} in {} window passes", n, config.window_passes)
                                                : fmt::format("n = {}", n);
  const std::string too_small =
      device_binds ? fmt::format("{} does not fit the {} of device {}", what, plan::mib(limit), device.name)
                   : fmt::format("memory budget {} ({} bytes) is too small for {}", plan::mib(limit), limit, what);
  return Status::OutOfMemory(
      fmt::format("{}: the smallest feasible peak is {} ({} bytes)", too_small, plan::mib(least), least));
}

Status smallest_peak(uint64_t n, const MsmConfig& config, const DeviceModel& device, uint64_t& out_bytes) {
  std::vector<plan::Shape> shapes;
  if (Status s = plan::shapes(n, config, device, shapes); !s.ok()) return s;
  out_bytes = UINT64_MAX;
  for (const plan::Shape& shape : shapes)
    out_bytes = std::min(out_bytes, plan::plan_for(n, shape, config, device).peak_bytes);
  return Status::Ok();
}

}  // namespace zkmsm
