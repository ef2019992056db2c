// GCC 12 flags its own AVX-512 gather intrinsics as uninitialised.
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// Google Benchmark micro benches for the CPU backend: field arithmetic and whole MSMs over sizes,
// thread counts and scalar distributions. Run with --benchmark_format=json for machine-readable rows.
// Sizes 2^21 and 2^22 are registered as BM_MsmLarge and run only when a filter names them.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cpu/ifma.hpp"
#include "cpu/msm_cpu.hpp"
#include "io/synthetic.hpp"
#include "math/bn254.hpp"
#include "zkmsm/plan.hpp"

namespace {

using zkmsm::math::Fp;
using zkmsm::math::G1Affine;

Fp random_fp(std::mt19937_64& rng) {
  uint64_t v[4] = {rng(), rng(), rng(), rng() >> 3};
  return Fp::from_canonical(v);
}

void BM_FpMul(benchmark::State& state) {
  std::mt19937_64 rng(1);
  Fp x[4] = {random_fp(rng), random_fp(rng), random_fp(rng), random_fp(rng)};
  const Fp y = random_fp(rng);
  for (auto _ : state) {
    for (int k = 0; k < 4; ++k) x[k] = x[k] * y;  // four independent chains: throughput
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(4 * state.iterations());
}
BENCHMARK(BM_FpMul);

void BM_FpMulLatency(benchmark::State& state) {
  std::mt19937_64 rng(2);
  Fp x = random_fp(rng);
  const Fp y = random_fp(rng);
  for (auto _ : state) {
    x = x * y;
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FpMulLatency);

void BM_FpSqr(benchmark::State& state) {
  std::mt19937_64 rng(3);
  Fp x[4] = {random_fp(rng), random_fp(rng), random_fp(rng), random_fp(rng)};
  for (auto _ : state) {
    for (int k = 0; k < 4; ++k) x[k] = x[k].sqr();
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(4 * state.iterations());
}
BENCHMARK(BM_FpSqr);

void BM_FpInverse(benchmark::State& state) {
  std::mt19937_64 rng(4);
  Fp x = random_fp(rng);
  for (auto _ : state) {
    x = x.inverse() + Fp::one();
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FpInverse);

// The 8-lane AVX-512 IFMA multiplication (src/cpu/ifma.hpp): four independent vectors, time per lane.
__attribute__((target("avx512f,avx512ifma,avx512vl,avx512dq,avx512bw"))) void ifma_mul_loop(benchmark::State& state) {
  std::mt19937_64 rng(5);
  alignas(64) Fp a[32], b[8];
  for (Fp& x : a) x = random_fp(rng);
  for (Fp& x : b) x = random_fp(rng);
  const __m512i off = _mm512_set_epi64(7 * 32, 6 * 32, 5 * 32, 4 * 32, 3 * 32, 2 * 32, 32, 0);
  zkmsm::cpu::ifma::V x[4], y = zkmsm::cpu::ifma::load(b, off);
  for (int k = 0; k < 4; ++k) x[k] = zkmsm::cpu::ifma::load(a + 8 * k, off);
  for (auto _ : state) {
    for (int k = 0; k < 4; ++k) x[k] = zkmsm::cpu::ifma::mul(x[k], y);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(32 * state.iterations());
}
void BM_FpMulIfma8(benchmark::State& state) {
  if (!zkmsm::cpu::ifma::available()) {
    state.SkipWithError("no AVX-512 IFMA on this CPU");
    return;
  }
  ifma_mul_loop(state);
}
BENCHMARK(BM_FpMulIfma8);

// Bases for n points: the synthetic generator's kᵢ·G, cached on disk per power of two.
const std::vector<G1Affine>& bases_for(uint64_t n) {
  static std::map<uint64_t, std::vector<G1Affine>> cache;
  uint64_t size = 1024;
  while (size < n) size *= 2;
  auto it = cache.find(size);
  if (it != cache.end()) return it->second;
  std::vector<G1Affine>& bases = cache[size];
  const char* dir_env = std::getenv("ZKMSM_BENCH_CACHE");
  const std::filesystem::path dir = dir_env ? dir_env : "/tmp/zkmsm-bench";
  const std::filesystem::path file = dir / ("bases-" + std::to_string(size) + ".bin");
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) == size * sizeof(G1Affine)) {
    bases.resize(size);
    std::ifstream in(file, std::ios::binary);
    in.read(reinterpret_cast<char*>(bases.data()), static_cast<std::streamsize>(size * sizeof(G1Affine)));
    if (in) return bases;
  }
  std::fprintf(stderr, "zkmsm_bench: generating %llu bases (cached in %s)\n", static_cast<unsigned long long>(size),
               dir.c_str());
  std::vector<uint64_t> dlogs;
  zkmsm::io::synthetic_bases(size, 1, std::max(1u, std::thread::hardware_concurrency()), bases, dlogs);
  std::filesystem::create_directories(dir, ec);
  std::ofstream out(file, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bases.data()), static_cast<std::streamsize>(size * sizeof(G1Affine)));
  return bases;
}

// Args: log n, threads, distribution index (io::kAllDists).
void BM_Msm(benchmark::State& state) {
  const uint64_t n = uint64_t{1} << state.range(0);
  const unsigned threads = static_cast<unsigned>(state.range(1));
  const zkmsm::io::ScalarDist dist = zkmsm::io::kAllDists[state.range(2)];
  const std::vector<G1Affine>& bases_all = bases_for(n);
  const std::vector<uint64_t> scalars = zkmsm::io::synthetic_scalars(n, dist, 7);
  zkmsm::MsmConfig config;
  config.threads = threads;
  zkmsm::Plan plan;
  if (!zkmsm::make_plan(n, config, zkmsm::DeviceModel::cpu(threads), plan).ok()) {
    state.SkipWithError("planning failed");
    return;
  }
  // The backend keeps its bases and arena 256-byte aligned (src/api/cpu_backend.cpp); do the same here.
  auto aligned = [](uint64_t bytes) {
    return std::unique_ptr<std::byte[], void (*)(std::byte*)>(
        static_cast<std::byte*>(::operator new[](std::max<uint64_t>(bytes, 1), std::align_val_t{256})),
        [](std::byte* p) { ::operator delete[](p, std::align_val_t{256}); });
  };
  auto arena = aligned(plan.working_bytes());
  auto base_block = aligned(n * sizeof(G1Affine));
  std::memcpy(base_block.get(), bases_all.data(), n * sizeof(G1Affine));
  const G1Affine* bases = reinterpret_cast<const G1Affine*>(base_block.get());
  for (auto _ : state) {
    G1Affine q = zkmsm::cpu::msm(plan, bases, scalars.data(), arena.get());
    benchmark::DoNotOptimize(q);
  }
  state.SetLabel(std::string(zkmsm::io::dist_name(dist)) + " c=" + std::to_string(plan.c) +
                 " passes=" + std::to_string(plan.window_passes));
  state.counters["c"] = plan.c;
  state.counters["working_MiB"] = static_cast<double>(plan.working_bytes()) / (1 << 20);
  state.SetItemsProcessed(static_cast<int64_t>(n) * state.iterations());
}

void msm_args(benchmark::internal::Benchmark* b, int log_lo, int log_hi) {
  b->ArgNames({"log_n", "threads", "dist"})->Unit(benchmark::kMillisecond)->UseRealTime();
  for (int log_n = log_lo; log_n <= log_hi; log_n += 2)
    for (int threads : {1, 2})
      for (int dist = 0; dist < static_cast<int>(std::size(zkmsm::io::kAllDists)); ++dist)
        if (dist == 0 || log_n == 16 || log_n == 20) b->Args({log_n, threads, dist});
}
BENCHMARK(BM_Msm)->Apply([](benchmark::internal::Benchmark* b) { msm_args(b, 10, 20); });
// 2^21 and 2^22: opt in with --benchmark_filter=MsmLarge.
void BM_MsmLarge(benchmark::State& state) { BM_Msm(state); }
BENCHMARK(BM_MsmLarge)->Apply([](benchmark::internal::Benchmark* b) {
  b->ArgNames({"log_n", "threads", "dist"})->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
  for (int log_n : {21, 22})
    for (int threads : {1, 2}) b->Args({log_n, threads, 0});
});

}  // namespace

int main(int argc, char** argv) {
  // Without a filter, leave the large sizes out.
  bool filtered = false;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).rfind("--benchmark_filter", 0) == 0) filtered = true;
  std::vector<char*> args(argv, argv + argc);
  static char default_filter[] = "--benchmark_filter=-BM_MsmLarge";
  if (!filtered) args.push_back(default_filter);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
