// The MSM through the public Context API against the GMP reference (small n) and the
// known-discrete-log oracle (any n): sizes, scalar distributions, edge-case bases, threads, c.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "api/backend.hpp"
#include "io/synthetic.hpp"
#include "ref/ref.hpp"
#include "zkmsm/msm.hpp"

namespace {
using namespace zkmsm;
namespace ref = zkmsm::ref;

struct Input {
  uint64_t n;
  std::vector<uint8_t> points, scalars;
  std::vector<uint64_t> dlogs, scalar_limbs;
};

Input make_input(uint64_t n, io::ScalarDist dist, uint64_t seed, bool edge_cases) {
  Input in{n, {}, {}, {}, io::synthetic_scalars(n, dist, seed)};
  std::vector<math::G1Affine> bases;
  io::synthetic_bases(n, seed, 2, bases, in.dlogs);
  if (edge_cases) io::mix_in_edge_cases(bases, in.dlogs, seed);
  in.points = io::points_to_bytes(bases);
  in.scalars = io::scalars_to_bytes(in.scalar_limbs);
  return in;
}

AffinePoint run(const Input& in, MsmConfig config = {}) {
  std::unique_ptr<Context> ctx;
  Status s = Context::create(in.points.data(), in.n, config, ctx);
  EXPECT_TRUE(s.ok()) << s.message();
  AffinePoint q;
  s = ctx->msm(in.scalars.data(), in.n, q);
  EXPECT_TRUE(s.ok()) << s.message();
  return q;
}

AffinePoint from_ref(const ref::Point& p) {
  uint8_t raw[64];
  ref::to_le_bytes(p, raw);
  return AffinePoint::from_raw(raw);
}

AffinePoint reference(const Input& in) {
  std::vector<ref::Point> pts(in.n);
  std::vector<mpz_class> ks(in.n);
  for (uint64_t i = 0; i < in.n; ++i) {
    pts[i] = ref::from_le_bytes(&in.points[64 * i]);
    ks[i] = ref::scalar_from_le_bytes(&in.scalars[32 * i]);
  }
  return from_ref(ref::msm(pts, ks));
}

AffinePoint oracle(const Input& in) {
  return encode_point(io::oracle_expected(in.dlogs, in.scalar_limbs.data(), in.n));
}

TEST(Msm, EmptyIsInfinity) {
  const Input in = make_input(0, io::ScalarDist::uniform, 1, false);
  EXPECT_TRUE(run(in).infinity);
}

// Small sizes against GMP, with infinity, duplicate and negated bases mixed in.
TEST(Msm, SmallSizesMatchGmpReference) {
  for (uint64_t n : {1, 2, 3, 31, 33, 200}) {
    for (io::ScalarDist dist : io::kAllDists) {
      const Input in = make_input(n, dist, 7 * n + 1, /*edge_cases=*/true);
      EXPECT_EQ(run(in), reference(in)) << "n=" << n << " dist=" << io::dist_name(dist);
    }
  }
}

TEST(Msm, SpecialScalarsMatchGmpReference) {
  // 0, 1, r − 1 and a repeated value, interleaved.
  Input in = make_input(40, io::ScalarDist::uniform, 5, true);
  const uint64_t r_minus_1[4] = {0x43e1f593f0000000, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029};
  for (uint64_t i = 0; i < in.n; ++i) {
    uint64_t* s = &in.scalar_limbs[4 * i];
    switch (i % 4) {
      case 0: std::fill(s, s + 4, 0); break;
      case 1: std::fill(s, s + 4, 0), s[0] = 1; break;
      case 2: std::memcpy(s, r_minus_1, 32); break;
      default: std::memcpy(s, &in.scalar_limbs[4 * 3], 32); break;
    }
  }
  in.scalars = io::scalars_to_bytes(in.scalar_limbs);
  EXPECT_EQ(run(in), reference(in));
  EXPECT_EQ(run(in), oracle(in));
}

TEST(Msm, PointAndItsNegationCancel) {
  Input in = make_input(2, io::ScalarDist::all_equal, 9, false);
  std::memcpy(&in.points[64], &in.points[0], 32);  // same x
  std::vector<ref::Point> p = {ref::from_le_bytes(&in.points[0])};
  uint8_t neg[64];
  ref::to_le_bytes(ref::neg(p[0]), neg);
  std::memcpy(&in.points[64], neg, 64);
  EXPECT_TRUE(run(in).infinity);
}

// 2^k ± 1 and odd sizes against the oracle, on 1 and 2 threads and several window widths.
TEST(Msm, PowerOfTwoNeighboursMatchOracle) {
  for (uint64_t n : {1023, 1025, 4095, 4097}) {
    for (unsigned threads : {1u, 2u}) {
      for (unsigned c : {0u, 5u, 11u}) {
        const Input in = make_input(n, io::ScalarDist::uniform, n + c, true);
        MsmConfig config;
        config.threads = threads;
        config.c = c;
        EXPECT_EQ(run(in, config), oracle(in)) << "n=" << n << " threads=" << threads << " c=" << c;
      }
    }
  }
}

TEST(Msm, SkewedDistributionsMatchOracle) {
  for (io::ScalarDist dist : io::kAllDists) {
    const Input in = make_input(1 << 13, dist, 3, true);
    EXPECT_EQ(run(in), oracle(in)) << io::dist_name(dist);
  }
}

TEST(Msm, RejectsBadInput) {
  Input in = make_input(3, io::ScalarDist::uniform, 2, false);
  std::unique_ptr<Context> ctx;
  Input off_curve = in;
  off_curve.points[64 + 32] ^= 1;  // point 1's y
  Status s = Context::create(off_curve.points.data(), 3, {}, ctx);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("point 1"), std::string::npos) << s.message();

  Input big_x = in;
  std::memset(&big_x.points[128], 0xff, 32);  // point 2's x ≥ p
  s = Context::create(big_x.points.data(), 3, {}, ctx);
  EXPECT_NE(s.message().find("point 2"), std::string::npos) << s.message();

  ASSERT_TRUE(Context::create(in.points.data(), 3, {}, ctx).ok());
  Input big_s = in;
  std::memset(&big_s.scalars[32], 0xff, 32);  // scalar 1 ≥ r
  AffinePoint q;
  s = ctx->msm(big_s.scalars.data(), 3, q);
  EXPECT_EQ(s.code(), StatusCode::invalid_argument);
  EXPECT_NE(s.message().find("scalar 1"), std::string::npos) << s.message();
  EXPECT_FALSE(ctx->msm(in.scalars.data(), 4, q).ok());  // more scalars than bases
  // Scalars in device memory need the CUDA backend.
  MsmConfig cpu;
  cpu.backend = Backend::cpu;
  ASSERT_TRUE(Context::create(in.points.data(), 3, cpu, ctx).ok());
  s = ctx->msm_device(in.scalars.data(), 3, q);
  EXPECT_EQ(s.code(), StatusCode::invalid_argument);
  EXPECT_NE(s.message().find("need the CUDA backend"), std::string::npos) << s.message();
}

}  // namespace
