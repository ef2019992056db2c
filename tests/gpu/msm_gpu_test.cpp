// The CUDA backend against the known-discrete-log oracle: sizes, every pass count, skewed scalars,
// edge-case bases, small and odd n, forced window widths, and agreement with the CPU backend.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "gpu_env.hpp"
#include "gpu_inputs.hpp"

namespace zkmsm {
namespace {

using gpu_test::check_msm;
using gpu_test::cuda_config;
using gpu_test::inputs;
using gpu_test::make_context;

unsigned windows_of(uint64_t n, const MsmConfig& config, Context& ctx) {
  Plan plan;
  EXPECT_TRUE(make_plan(n, config, ctx.impl().device_model(config), plan).ok());
  return plan.windows;
}

TEST(CudaMsm, OracleAtPowersOfTwo) {
  ZK_REQUIRE_GPU();
  for (unsigned log_n : {10u, 16u, 20u}) {
    const uint64_t n = uint64_t{1} << log_n;
    auto ctx = make_context(inputs(20, false), n, cuda_config());
    ASSERT_TRUE(ctx);
    EXPECT_EQ(check_msm(*ctx, inputs(20, false), n, io::ScalarDist::uniform, log_n, cuda_config()), "");
  }
}

TEST(CudaMsm, EveryPassCountAt2to16) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 1 << 16;
  const auto& in = inputs(20, false);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  const unsigned windows = windows_of(n, cuda_config(), *ctx);
  for (unsigned p = 1; p <= windows; ++p) EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, p, cuda_config(p)), "");
}

TEST(CudaMsm, SampledPassCountsAt2to20) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 1 << 20;
  const auto& in = inputs(20, true);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  const unsigned windows = windows_of(n, cuda_config(), *ctx);
  for (unsigned p : {1u, 2u, windows / 2, windows})
    EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 100 + p, cuda_config(p)), "");
}

TEST(CudaMsm, SkewedDistributions) {
  ZK_REQUIRE_GPU();
  for (unsigned log_n : {16u, 20u})
    for (bool edge : {false, true}) {
      const uint64_t n = uint64_t{1} << log_n;
      const auto& in = inputs(20, edge);
      auto ctx = make_context(in, n, cuda_config());
      ASSERT_TRUE(ctx);
      for (io::ScalarDist dist : io::kAllDists) {
        EXPECT_EQ(check_msm(*ctx, in, n, dist, 7, cuda_config()), "") << "edge=" << edge;
        EXPECT_EQ(check_msm(*ctx, in, n, dist, 8, cuda_config(3)), "") << "edge=" << edge;
      }
    }
}

// Scalars streamed in chunks (running bucket sums, double-buffered copies): every chunk count from 2
// to one point per chunk, with one and several passes, on skewed scalars and edge-case bases.
TEST(CudaMsm, PointChunksMatchTheOracle) {
  ZK_REQUIRE_GPU();
  for (uint64_t n : {5ull, 1000ull, 65537ull, 1ull << 18})
    for (bool edge : {false, true}) {
      const auto& in = inputs(20, edge);
      auto ctx = make_context(in, n, cuda_config());
      ASSERT_TRUE(ctx);
      for (unsigned chunks : {2u, 3u, 8u, 64u}) {  // n = 1000 in 64: 63 chunks of ≤ 16 points
        if (chunks > n) continue;
        for (unsigned passes : {1u, 3u})
          for (io::ScalarDist dist : {io::ScalarDist::uniform, io::ScalarDist::all_equal, io::ScalarDist::sparse,
                                      io::ScalarDist::half_ones})
            EXPECT_EQ(check_msm(*ctx, in, n, dist, n + chunks, cuda_config(passes, 0, chunks)), "")
                << "edge=" << edge << " chunks=" << chunks << " passes=" << passes;
      }
    }
}

// Scalars in one piece of 16 MiB or more go through the pinned staging, each piece's DMA issued as it
// lands; calls in one piece and in chunks alternate on the same staging.
TEST(CudaMsm, StagedUploadsInOnePieceAndInChunks) {
  ZK_REQUIRE_GPU();
  const uint64_t n = (uint64_t{1} << 19) + 12345;  // 17.2 MB of scalars, not a whole number of pieces
  const auto& in = inputs(20, false);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 31, cuda_config(0, 0, 1)), "");
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::half_ones, 32, cuda_config(3, 0, 1)), "");
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 33, cuda_config(0, 0, 4)), "");
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::all_equal, 34, cuda_config(0, 0, 1)), "");
}

TEST(CudaMsm, SmallAndOddSizes) {
  ZK_REQUIRE_GPU();
  for (uint64_t n : {0ull, 1ull, 2ull, 3ull, 31ull, 33ull, 255ull, 1000ull, 4097ull, 65537ull, 100003ull})
    for (bool edge : {false, true}) {
      const auto& in = inputs(20, edge);
      auto ctx = make_context(in, n, cuda_config());
      ASSERT_TRUE(ctx);
      const unsigned windows = windows_of(n, cuda_config(), *ctx);
      for (io::ScalarDist dist : {io::ScalarDist::uniform, io::ScalarDist::all_equal, io::ScalarDist::max,
                                  io::ScalarDist::half_ones})
        for (unsigned p : {1u, windows})
          EXPECT_EQ(check_msm(*ctx, in, n, dist, n + p, cuda_config(p)), "") << "edge=" << edge;
    }
}

TEST(CudaMsm, ForcedWindowWidths) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 5003;
  const auto& in = inputs(20, true);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  for (unsigned c : {1u, 2u, 3u, 5u, 8u, 11u, 13u, 16u, 18u})
    for (unsigned p : {1u, 3u})
      for (io::ScalarDist dist : {io::ScalarDist::uniform, io::ScalarDist::small})
        EXPECT_EQ(check_msm(*ctx, in, n, dist, c * 10 + p, cuda_config(p, c)), "");
}

TEST(CudaMsm, MatchesCpuBackend) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 4096;
  const auto& in = inputs(20, true);
  MsmConfig cpu;
  cpu.backend = Backend::cpu;
  auto gpu_ctx = make_context(in, n, cuda_config());
  auto cpu_ctx = make_context(in, n, cpu);
  ASSERT_TRUE(gpu_ctx && cpu_ctx);
  for (io::ScalarDist dist : io::kAllDists) {
    const std::vector<uint8_t> scalars = io::scalars_to_bytes(io::synthetic_scalars(n, dist, 77));
    AffinePoint a, b;
    ASSERT_TRUE(gpu_ctx->msm(scalars.data(), n, a).ok());
    ASSERT_TRUE(cpu_ctx->msm(scalars.data(), n, b).ok());
    EXPECT_EQ(a, b) << io::dist_name(dist);
  }
}

// Scalars ≥ r are refused on the device (the digit count checks them; Context does not read them on
// the host for this backend), naming the least bad index, whether the scalars come in one piece or
// in chunks and passes; the context stays usable.
TEST(CudaMsm, RefusesScalarsNotBelowR) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 70001;
  const auto& in = inputs(17, false);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  const std::vector<uint64_t> limbs = io::synthetic_scalars(n, io::ScalarDist::uniform, 9);
  std::vector<uint8_t> scalars = io::scalars_to_bytes(limbs);
  const std::vector<uint8_t> good = scalars;
  for (int i = 0; i < 4; ++i)  // r itself at 65537, 2^256 − 1 at 70000
    for (int k = 0; k < 8; ++k) scalars[65537 * 32 + 8 * i + k] = static_cast<uint8_t>(math::FrParams::kModulus[i] >> (8 * k));
  std::fill(scalars.end() - 32, scalars.end(), uint8_t{0xff});
  auto refused_at = [&](const std::string& index) {
    for (const MsmConfig& config : {cuda_config(0, 0, 1), cuda_config(0, 0, 4), cuda_config(3, 0, 8)}) {
      AffinePoint q;
      const Status s = ctx->msm(scalars.data(), n, config, q);
      EXPECT_EQ(s.code(), StatusCode::invalid_argument) << s.message();
      EXPECT_NE(s.message().find("scalar " + index + ": not below r"), std::string::npos) << s.message();
    }
  };
  refused_at("65537");
  std::fill(scalars.begin() + 40000 * 32, scalars.begin() + 40001 * 32, uint8_t{0xff});  // an earlier chunk
  refused_at("40000");
  std::vector<AffinePoint> batch;
  const Status s = ctx->msm_batch(scalars.data() + 32 * (n - 3), 1, 3, batch);
  EXPECT_NE(s.message().find("batch item 2: scalar 0: not below r"), std::string::npos) << s.message();
  AffinePoint a, b;
  ASSERT_TRUE(ctx->msm(good.data(), n, cuda_config(0, 0, 4), a).ok());
  EXPECT_EQ(a, encode_point(io::oracle_expected(in.dlogs, limbs.data(), n)));
  MsmConfig cpu;
  cpu.backend = Backend::cpu;
  auto cpu_ctx = make_context(in, n, cpu);
  ASSERT_TRUE(cpu_ctx && cpu_ctx->msm(good.data(), n, b).ok());
  EXPECT_EQ(a, b);
}

// Scalars already in device memory (e.g. a GPU NTT's output) are read in place (no scalars region) and
// checked there: the same result as from host memory, with one pass or several; a host pointer, a
// misaligned one, a chunked plan and a scalar ≥ r are refused.
TEST(CudaMsm, ScalarsInDeviceMemory) {
  ZK_REQUIRE_GPU();
  const uint64_t n = 65537;
  const auto& in = inputs(17, true);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  const std::vector<uint64_t> limbs = io::synthetic_scalars(n, io::ScalarDist::half_ones, 4);
  const std::vector<uint8_t> scalars = io::scalars_to_bytes(limbs);
  void* d_scalars = nullptr;
  ASSERT_EQ(cudaMalloc(&d_scalars, scalars.size()), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(d_scalars, scalars.data(), scalars.size(), cudaMemcpyHostToDevice), cudaSuccess);
  AffinePoint from_host, from_device;
  ASSERT_TRUE(ctx->msm(scalars.data(), n, from_host).ok());
  EXPECT_EQ(from_host, encode_point(io::oracle_expected(in.dlogs, limbs.data(), n)));
  for (unsigned passes : {0u, 3u}) {
    MsmStats stats;
    const Status s = ctx->msm_device(d_scalars, n, cuda_config(passes), from_device, &stats);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(from_device, from_host) << passes;
    EXPECT_TRUE(stats.plan.scalars_in_place);
    EXPECT_EQ(stats.plan.find("scalars")->bytes, 0u);
  }
  EXPECT_NE(ctx->msm_device(static_cast<uint8_t*>(d_scalars) + 8, n - 1, from_device).message().find("aligned"),
            std::string::npos);
  EXPECT_NE(ctx->msm_device(scalars.data(), n, from_device).message().find("not CUDA device memory"),
            std::string::npos);
  EXPECT_NE(ctx->msm_device(d_scalars, n, cuda_config(0, 0, 2), from_device).message().find("one piece"),
            std::string::npos);
  ASSERT_EQ(cudaMemset(static_cast<uint8_t*>(d_scalars) + 1234 * 32, 0xff, 32), cudaSuccess);
  EXPECT_NE(ctx->msm_device(d_scalars, n, from_device).message().find("scalar 1234: not below r"), std::string::npos);
  cudaFree(d_scalars);
}

// 2^24: run with --gtest_also_run_disabled_tests (needs ~1.2 GiB of host memory and a minute of setup).
TEST(CudaMsm, DISABLED_OracleAt2to24) {
  ZK_REQUIRE_GPU();
  const uint64_t n = uint64_t{1} << 24;
  const auto& in = inputs(24, false);
  auto ctx = make_context(in, n, cuda_config());
  ASSERT_TRUE(ctx);
  const unsigned windows = windows_of(n, cuda_config(), *ctx);
  for (io::ScalarDist dist : {io::ScalarDist::uniform, io::ScalarDist::all_equal, io::ScalarDist::half_ones})
    EXPECT_EQ(check_msm(*ctx, in, n, dist, 24, cuda_config()), "");
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 25, cuda_config(windows)), "");
}

}  // namespace
}  // namespace zkmsm
