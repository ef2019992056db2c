// The CPU backend's own code paths: batch-affine run sums on the 8-lane IFMA path and the scalar path
// (identical results, every edge case: P + P, P + (−P), infinity, long runs), and whole MSMs over each c,
// thread count, pass count and scalar distribution against the known-discrete-log oracle.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "cpu/accumulate.hpp"
#include "cpu/msm_cpu.hpp"
#include "io/synthetic.hpp"
#include "plan/cpu_sizing.hpp"
#include "zkmsm/plan.hpp"

namespace {
using namespace zkmsm;
using math::Fp;
using math::G1Affine;
using math::G1Jacobian;

bool same_point(const G1Jacobian& a, const G1Affine& b) { return a.to_affine() == b; }

// Restores the accumulation path a test switched.
struct VectorPath {
  bool saved = cpu::vector_accumulate();
  ~VectorPath() { cpu::set_vector_accumulate(saved); }
};

struct Scratch {
  explicit Scratch(size_t capacity) : points(capacity), keys(capacity), inversion(2 * capacity) {
    s = {points.data(), keys.data(), inversion.data(), inversion.data() + capacity, capacity};
  }
  std::vector<G1Affine> points;
  std::vector<uint32_t> keys;
  std::vector<Fp> inversion;  // denominators, then prefix
  cpu::RunScratch s;
};

// Runs of random lengths (1..max_run) over a pool of few distinct points, so that pairs hit P + P,
// P + (−P) and infinity often.
void check_runs(bool vector, unsigned seed, size_t entries, unsigned max_run, unsigned pool_size) {
  VectorPath restore;
  if (vector && !cpu::set_vector_accumulate(true)) GTEST_SKIP() << "no AVX-512 IFMA on this CPU";
  if (!vector) cpu::set_vector_accumulate(false);
  std::mt19937_64 rng(seed);
  std::vector<G1Affine> pool;
  std::vector<uint64_t> dlogs;
  io::synthetic_bases(pool_size, seed, 1, pool, dlogs);
  pool.push_back(G1Affine::infinity());
  Scratch sc(std::max<size_t>(entries, 8));
  std::vector<G1Jacobian> expected;
  size_t m = 0;
  for (uint32_t key = 0; m < entries; ++key) {
    const size_t run = std::min<size_t>(1 + rng() % max_run, entries - m);
    G1Jacobian sum = G1Jacobian::infinity();
    for (size_t i = 0; i < run; ++i, ++m) {
      G1Affine p = pool[rng() % pool.size()];
      if (rng() % 3 == 0) p = -p;
      if (p.is_infinity()) p = G1Affine::infinity();  // −∞ stays (0, 0)
      sc.points[m] = p;
      sc.keys[m] = key;
      sum = sum + G1Jacobian::from_affine(p);
    }
    expected.push_back(sum);
  }
  const size_t left = cpu::sum_equal_keys(sc.s, m);
  ASSERT_EQ(left, expected.size());
  for (size_t k = 0; k < left; ++k) {
    ASSERT_EQ(sc.keys[k], k);
    EXPECT_TRUE(same_point(expected[k], sc.points[k])) << "key " << k << (vector ? " (IFMA)" : " (scalar)");
  }
}

TEST(CpuAccumulate, ScalarPathEdgeCases) {
  for (unsigned seed = 1; seed <= 4; ++seed) check_runs(false, seed, 3000, 40, 3);
}
TEST(CpuAccumulate, VectorPathEdgeCases) {
  for (unsigned seed = 1; seed <= 4; ++seed) check_runs(true, seed, 3000, 40, 3);
}
TEST(CpuAccumulate, VectorPathDistinctPoints) { check_runs(true, 9, 4096, 64, 500); }
TEST(CpuAccumulate, VectorPathOneLongRun) { check_runs(true, 10, 4000, 4000, 2); }
TEST(CpuAccumulate, VectorPathTinyInputs) {
  for (size_t entries : {1, 2, 3, 7, 8, 9, 17}) check_runs(true, 20 + entries, entries, 5, 4);
}

struct Input {
  std::vector<G1Affine> bases;
  std::vector<uint64_t> dlogs, scalars;
};

Input make_input(uint64_t n, io::ScalarDist dist, uint64_t seed) {
  Input in;
  io::synthetic_bases(n, seed, 2, in.bases, in.dlogs);
  io::mix_in_edge_cases(in.bases, in.dlogs, seed);
  in.scalars = io::synthetic_scalars(n, dist, seed);
  return in;
}

G1Affine run_msm(const Input& in, uint64_t n, unsigned c, unsigned passes, unsigned threads) {
  MsmConfig config;
  config.c = c;
  config.window_passes = passes;
  config.threads = threads;
  Plan plan;
  const Status s = make_plan(n, config, DeviceModel::cpu(threads), plan);
  EXPECT_TRUE(s.ok()) << s.message();
  std::vector<std::byte> arena(plan.working_bytes());
  return cpu::msm(plan, in.bases.data(), in.scalars.data(), arena.data());
}

// Every c from 2 to 18, threads 1–3, both accumulation paths.
TEST(CpuMsm, EveryWindowWidthAndThreadCount) {
  VectorPath restore;
  const uint64_t n = 700;
  const Input in = make_input(n, io::ScalarDist::uniform, 5);
  const G1Affine expected = io::oracle_expected(in.dlogs, in.scalars.data(), n);
  for (bool vector : {false, true}) {
    if (vector && !cpu::set_vector_accumulate(true)) continue;
    if (!vector) cpu::set_vector_accumulate(false);
    for (unsigned c = 2; c <= 18; ++c)
      for (unsigned threads : {1u, 2u, 3u})
        EXPECT_TRUE(run_msm(in, n, c, 0, threads) == expected)
            << "c " << c << " threads " << threads << (vector ? " IFMA" : " scalar");
  }
}

// Skewed distributions with several pass counts (windows in flight < pass windows, odd last groups).
TEST(CpuMsm, DistributionsPassesThreads) {
  const uint64_t n = 3000;
  for (io::ScalarDist dist : io::kAllDists) {
    const Input in = make_input(n, dist, 17);
    const G1Affine expected = io::oracle_expected(in.dlogs, in.scalars.data(), n);
    for (unsigned c : {9u, 12u})
      for (unsigned passes : {1u, 2u, 5u})
        for (unsigned threads : {1u, 2u, 4u})
          EXPECT_TRUE(run_msm(in, n, c, passes, threads) == expected)
              << io::dist_name(dist) << " c " << c << " passes " << passes << " threads " << threads;
  }
}

// Chunk edges: more digits than one chunk, buckets cut across chunks, heavy single bucket.
TEST(CpuMsm, ManyChunksAllEqual) {
  const uint64_t n = 3 * plan::kCpuChunkMax + 17;
  const Input in = make_input(n, io::ScalarDist::all_equal, 23);
  const G1Affine expected = io::oracle_expected(in.dlogs, in.scalars.data(), n);
  EXPECT_TRUE(run_msm(in, n, 0, 0, 2) == expected);
  EXPECT_TRUE(run_msm(in, n, 15, 0, 3) == expected);
}

// The bucket reduction's running sums (batch-affine over residue classes of buckets) hit U + B with
// B = U (doubling), B = −U (infinity) and empty buckets: every base is the same point P, so every
// bucket is a small multiple of P, and the scalars' window-0 digits are ±k with k in a few residue
// classes (c = 12: 2048 buckets, classes of 512, 4 steps).
TEST(CpuMsm, ReductionRunningSumsHitEqualAndOpposite) {
  VectorPath restore;
  const uint64_t n = 1200;
  Input in = make_input(n, io::ScalarDist::uniform, 29);
  size_t p = 0;
  while (in.bases[p].is_infinity()) ++p;
  std::mt19937_64 rng(31);
  for (uint64_t i = 0; i < n; ++i) {
    in.bases[i] = in.bases[p];
    for (int l = 0; l < 4; ++l) in.dlogs[4 * i + l] = in.dlogs[4 * p + l];
    const uint64_t k = 1 + rng() % 3 + 512 * (rng() % 4);
    in.scalars[4 * i] = rng() % 2 ? k : (uint64_t{1} << 12) - k;  // digit +k, or −k with a carry
    in.scalars[4 * i + 1] = in.scalars[4 * i + 2] = in.scalars[4 * i + 3] = 0;
  }
  const G1Affine expected = io::oracle_expected(in.dlogs, in.scalars.data(), n);
  for (bool vector : {false, true}) {
    if (vector && !cpu::set_vector_accumulate(true)) continue;
    if (!vector) cpu::set_vector_accumulate(false);
    for (uint64_t m : {uint64_t{1}, uint64_t{7}, uint64_t{40}, n})
      for (unsigned threads : {1u, 2u})
        EXPECT_TRUE(run_msm(in, m, 12, 0, threads) == io::oracle_expected(in.dlogs, in.scalars.data(), m))
            << "points " << m << " threads " << threads << (vector ? " IFMA" : " scalar");
  }
  EXPECT_FALSE(expected.is_infinity());
}

}  // namespace
