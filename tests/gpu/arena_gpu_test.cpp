// Memory exactly as planned: the context's one device allocation is the plan's peak, nothing is
// allocated during an MSM, a bigger plan grows the arena and a budget shrinks it to exactly the plan,
// and a budget that cannot fit is refused before any allocation.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include "gpu_env.hpp"
#include "gpu_inputs.hpp"

namespace zkmsm {
namespace {

using gpu_test::check_msm;
using gpu_test::cuda_config;
using gpu_test::inputs;
using gpu_test::make_context;

uint64_t free_device_bytes() {
  size_t free_bytes = 0, total = 0;
  EXPECT_EQ(cudaMemGetInfo(&free_bytes, &total), cudaSuccess);
  return free_bytes;
}

// cudaMemGetInfo counts whole pages of the driver's allocation granularity (2 MiB).
constexpr uint64_t kGranularity = uint64_t{2} << 20;

// The first MSMs of a process load their kernels, which takes device memory outside any arena: run a
// resident and a streamed one before measuring.
void warm_up() {
  const auto& in = inputs(20, false);
  for (unsigned chunks : {1u, 2u}) {
    auto ctx = make_context(in, 1000, cuda_config(0, 0, chunks));
    ASSERT_TRUE(ctx);
    EXPECT_EQ(check_msm(*ctx, in, 1000, io::ScalarDist::uniform, 1, cuda_config(0, 0, chunks)), "");
  }
}

TEST(CudaArena, MeasuredEqualsPlanned) {
  ZK_REQUIRE_GPU();
  warm_up();
  const auto& in = inputs(20, false);
  for (unsigned log_n : {10u, 16u, 18u, 20u}) {
    const uint64_t n = uint64_t{1} << log_n;
    for (unsigned passes : {1u, 2u, 5u}) {
      const uint64_t before = free_device_bytes();
      auto ctx = make_context(in, n, cuda_config(passes));
      ASSERT_TRUE(ctx);
      const uint64_t after_create = free_device_bytes();
      MsmStats stats;
      EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, passes, cuda_config(passes), &stats), "");
      EXPECT_EQ(stats.peak_bytes_measured, stats.plan.peak_bytes) << "n=2^" << log_n << " passes=" << passes;
      // Warmed up (kernels loaded): a second MSM takes no device memory at all.
      const uint64_t before_msm = free_device_bytes();
      EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::sparse, passes, cuda_config(passes), &stats), "");
      EXPECT_EQ(free_device_bytes(), before_msm) << "device memory taken during an MSM";
      const uint64_t taken = before - after_create;
      EXPECT_GE(taken + kGranularity, stats.plan.peak_bytes);
      EXPECT_LE(taken, stats.plan.peak_bytes + kGranularity);
      std::printf("n=2^%u passes=%u planned=%llu measured(arena)=%llu cudaMemGetInfo delta=%llu\n", log_n, passes,
                  static_cast<unsigned long long>(stats.plan.peak_bytes),
                  static_cast<unsigned long long>(stats.peak_bytes_measured),
                  static_cast<unsigned long long>(taken));
    }
  }
}

TEST(CudaArena, StreamedPlansTakeExactlyThePlannedBytes) {
  ZK_REQUIRE_GPU();
  warm_up();
  const auto& in = inputs(20, false);
  for (unsigned log_n : {16u, 20u}) {
    const uint64_t n = uint64_t{1} << log_n;
    for (unsigned chunks : {2u, 8u}) {
      const MsmConfig config = cuda_config(0, 0, chunks);
      const uint64_t before = free_device_bytes();
      auto ctx = make_context(in, n, config);
      ASSERT_TRUE(ctx);
      const uint64_t taken = before - free_device_bytes();
      MsmStats stats;
      EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, chunks, config, &stats), "");
      EXPECT_EQ(stats.plan.point_chunks, chunks);
      EXPECT_EQ(stats.peak_bytes_measured, stats.plan.peak_bytes) << "n=2^" << log_n << " chunks=" << chunks;
      const uint64_t before_msm = free_device_bytes();
      EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::half_ones, chunks, config, &stats), "");
      EXPECT_EQ(free_device_bytes(), before_msm) << "device memory taken during an MSM";
      EXPECT_GE(taken + kGranularity, stats.plan.peak_bytes);
      EXPECT_LE(taken, stats.plan.peak_bytes + kGranularity);
      std::printf("n=2^%u chunks=%u planned=%llu cudaMemGetInfo delta=%llu\n", log_n, chunks,
                  static_cast<unsigned long long>(stats.plan.peak_bytes), static_cast<unsigned long long>(taken));
    }
  }
}

TEST(CudaArena, GrowsForABiggerPlanShrinksForABudget) {
  ZK_REQUIRE_GPU();
  const auto& in = inputs(20, false);
  const uint64_t n = 1 << 16;
  auto ctx = make_context(in, n, cuda_config(8));
  ASSERT_TRUE(ctx);
  MsmStats small, big, again, budgeted;
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 1, cuda_config(8), &small), "");
  EXPECT_EQ(small.peak_bytes_measured, small.plan.peak_bytes);
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 2, cuda_config(1), &big), "");
  EXPECT_GT(big.plan.peak_bytes, small.plan.peak_bytes);
  EXPECT_EQ(big.peak_bytes_measured, big.plan.peak_bytes);
  // No budget: the bigger arena is kept for smaller plans.
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 3, cuda_config(8), &again), "");
  EXPECT_EQ(again.peak_bytes_measured, big.plan.peak_bytes);
  // A budget below the arena: shrunk to exactly the budgeted plan.
  MsmConfig config = cuda_config();
  config.memory_budget_bytes = small.plan.peak_bytes;
  EXPECT_EQ(check_msm(*ctx, in, n, io::ScalarDist::uniform, 4, config, &budgeted), "");
  EXPECT_LE(budgeted.plan.peak_bytes, small.plan.peak_bytes);
  EXPECT_EQ(budgeted.peak_bytes_measured, budgeted.plan.peak_bytes);
}

TEST(CudaArena, BudgetTooSmallIsRefusedBeforeAllocating) {
  ZK_REQUIRE_GPU();
  const auto& in = inputs(20, false);
  const uint64_t n = 1 << 16;
  MsmConfig config = cuda_config();
  config.memory_budget_bytes = 1 << 20;
  const uint64_t before = free_device_bytes();
  std::unique_ptr<Context> ctx;
  const Status s = Context::create(in.bytes.data(), n, config, ctx);
  EXPECT_EQ(s.code(), StatusCode::out_of_memory);
  EXPECT_NE(s.message().find("smallest feasible"), std::string::npos) << s.message();
  EXPECT_EQ(free_device_bytes(), before);
}

}  // namespace
}  // namespace zkmsm
