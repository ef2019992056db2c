#include "gpu_inputs.hpp"

#include <fmt/format.h>

#include <map>
#include <thread>

namespace zkmsm::gpu_test {

const Inputs& inputs(unsigned log_n, bool edge) {
  static std::map<std::pair<unsigned, bool>, Inputs> cache;
  auto [it, fresh] = cache.try_emplace({log_n, edge});
  if (fresh) {
    Inputs& in = it->second;
    io::synthetic_bases(uint64_t{1} << log_n, 1234, std::max(1u, std::thread::hardware_concurrency()), in.bases,
                        in.dlogs);
    if (edge) io::mix_in_edge_cases(in.bases, in.dlogs, 99);
    in.bytes = io::points_to_bytes(in.bases);
  }
  return it->second;
}

std::unique_ptr<Context> make_context(const Inputs& in, uint64_t n, const MsmConfig& config) {
  std::unique_ptr<Context> ctx;
  const Status s = Context::create(in.bytes.data(), n, config, ctx);
  if (!s.ok()) ADD_FAILURE() << s.message();
  return ctx;
}

std::string check_msm(Context& ctx, const Inputs& in, uint64_t n, io::ScalarDist dist, uint64_t seed,
                      const MsmConfig& config, MsmStats* stats) {
  const std::vector<uint64_t> scalars = io::synthetic_scalars(n, dist, seed);
  const std::vector<uint8_t> bytes = io::scalars_to_bytes(scalars);
  AffinePoint q;
  MsmStats local;
  MsmStats& st = stats ? *stats : local;
  const Status s = ctx.msm(bytes.data(), n, config, q, &st);
  const std::string what =
      fmt::format("n={} dist={} c={} passes={}", n, io::dist_name(dist), st.plan.c, st.plan.window_passes);
  if (!s.ok()) return what + ": " + s.message();
  if (q != encode_point(io::oracle_expected(in.dlogs, scalars.data(), n))) return what + ": MISMATCH";
  return {};
}

MsmConfig cuda_config(unsigned passes, unsigned c, unsigned point_chunks) {
  MsmConfig config;
  config.backend = Backend::cuda;
  config.window_passes = passes;
  config.c = c;
  config.point_chunks = point_chunks;
  return config;
}

}  // namespace zkmsm::gpu_test
