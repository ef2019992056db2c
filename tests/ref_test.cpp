// The GMP reference against hard facts: group order, known multiples, hand-computed MSMs, the oracle.
#include <gtest/gtest.h>

#include <random>

#include "ref/ref.hpp"

namespace {
using zkmsm::ref::Point;
namespace ref = zkmsm::ref;

const mpz_class k2Gx("0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3");
const mpz_class k2Gy("0x15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4");

mpz_class random_below(std::mt19937_64& rng, const mpz_class& m) {
  mpz_class v = 0;
  for (int i = 0; i < 5; ++i) v = (v << 64) + mpz_class(std::to_string(rng()));
  return v % m;
}

TEST(Ref, Constants) {
  EXPECT_EQ(ref::to_hex_be(ref::p()), "0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
  EXPECT_EQ(ref::to_hex_be(ref::r()), "0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001");
  EXPECT_NE(mpz_probab_prime_p(ref::p().get_mpz_t(), 30), 0);
  EXPECT_NE(mpz_probab_prime_p(ref::r().get_mpz_t(), 30), 0);
  EXPECT_EQ(ref::to_hex_be(0), "0x" + std::string(64, '0'));
  EXPECT_EQ(ref::to_hex_be(255), "0x" + std::string(62, '0') + "ff");
  EXPECT_THROW(ref::to_hex_be(mpz_class(1) << 256), std::range_error);
}

TEST(Ref, GeneratorAndSmallMultiples) {
  const Point g = ref::generator();
  EXPECT_TRUE(ref::on_curve(g));
  EXPECT_FALSE(g.infinity);
  EXPECT_EQ(g.x, 1);
  EXPECT_EQ(g.y, 2);
  const Point g2 = ref::add(g, g);
  EXPECT_EQ(ref::to_hex_be(g2.x), "0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3");
  EXPECT_EQ(ref::to_hex_be(g2.y), "0x15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4");
  EXPECT_EQ(ref::mul(2, g), g2);
  EXPECT_TRUE(ref::on_curve(g2));
  const Point g3 = ref::add(g2, g);
  EXPECT_TRUE(ref::on_curve(g3));
  EXPECT_EQ(ref::add(g, g2), g3);  // chord is symmetric
  EXPECT_EQ(ref::mul(3, g), g3);
  EXPECT_EQ(ref::add(g2, g2), ref::add(g3, g));  // 4G two ways
  EXPECT_EQ(ref::mul(0, g), Point{});
  EXPECT_EQ(ref::mul(1, g), g);
  EXPECT_EQ(ref::mul(-1, g), ref::neg(g));
}

TEST(Ref, GroupOrder) {
  const Point g = ref::generator();
  EXPECT_TRUE(ref::mul(ref::r(), g).infinity);
  EXPECT_EQ(ref::mul(ref::r() + 1, g), g);
  EXPECT_EQ(ref::mul(ref::r() - 1, g), ref::neg(g));
  EXPECT_EQ(ref::neg(g).y, ref::p() - 2);
  EXPECT_EQ(ref::mul(ref::r() + 2, g), ref::add(g, g));
  const Point p = ref::mul(mpz_class("123456789123456789123456789"), g);
  EXPECT_TRUE(ref::mul(ref::r(), p).infinity);
}

TEST(Ref, InfinityAndInverse) {
  const Point g = ref::generator(), inf{};
  EXPECT_TRUE(ref::on_curve(inf));
  EXPECT_EQ(ref::add(inf, g), g);
  EXPECT_EQ(ref::add(g, inf), g);
  EXPECT_TRUE(ref::add(inf, inf).infinity);
  EXPECT_TRUE(ref::add(g, ref::neg(g)).infinity);
  EXPECT_TRUE(ref::neg(inf).infinity);
  EXPECT_TRUE(ref::mul(5, inf).infinity);
  EXPECT_FALSE(ref::on_curve(Point{false, 1, 3}));
  EXPECT_FALSE(ref::on_curve(Point{false, 0, 0}));
  EXPECT_FALSE(ref::on_curve(Point{false, 1 + ref::p(), 2}));  // non-canonical coordinate
}

TEST(Ref, GroupLawsOnRandomPoints) {
  std::mt19937_64 rng(7);
  const Point g = ref::generator();
  for (int i = 0; i < 10; ++i) {
    const mpz_class a = random_below(rng, ref::r()), b = random_below(rng, ref::r());
    const Point pa = ref::mul(a, g), pb = ref::mul(b, g);
    ASSERT_TRUE(ref::on_curve(pa));
    EXPECT_EQ(ref::add(pa, pb), ref::mul((a + b) % ref::r(), g));
    EXPECT_EQ(ref::mul(b, pa), ref::mul((a * b) % ref::r(), g));
    EXPECT_EQ(ref::add(pa, pa), ref::mul(2 * a, g));
  }
}

TEST(Ref, Bytes) {
  uint8_t buf[64];
  ref::to_le_bytes(ref::generator(), buf);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(buf[i], i == 0 ? 1 : i == 32 ? 2 : 0) << i;
  EXPECT_EQ(ref::from_le_bytes(buf), ref::generator());
  ref::to_le_bytes(Point{}, buf);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(buf[i], 0);
  EXPECT_TRUE(ref::from_le_bytes(buf).infinity);
  const Point g2 = ref::mul(2, ref::generator());
  ref::to_le_bytes(g2, buf);
  EXPECT_EQ(buf[0], 0xd3);   // x's least significant byte first
  EXPECT_EQ(buf[31], 0x03);  // x's most significant byte
  EXPECT_EQ(buf[32], 0xc4);
  EXPECT_EQ(buf[63], 0x15);
  EXPECT_EQ(ref::from_le_bytes(buf), g2);

  uint8_t s[32] = {};
  s[0] = 0x01;
  s[1] = 0x02;
  s[31] = 0x80;
  EXPECT_EQ(ref::scalar_from_le_bytes(s), (mpz_class(1) << 255) + 0x0201);
  uint8_t s2[32];
  ref::scalar_to_le_bytes(ref::scalar_from_le_bytes(s), s2);
  for (int i = 0; i < 32; ++i) EXPECT_EQ(s2[i], s[i]);
}

TEST(Ref, MsmHandCases) {
  const Point g = ref::generator(), inf{};
  const Point g2 = ref::mul(2, g), g5 = ref::mul(5, g);
  EXPECT_TRUE(ref::msm({}, {}).infinity);
  EXPECT_EQ(ref::msm({g}, {3}), ref::add(ref::add(g, g), g));
  EXPECT_EQ(ref::msm({g, g2}, {2, 3}), ref::mul(8, g));
  EXPECT_EQ(ref::msm({g, g2, g5}, {0, 0, 0}), inf);
  EXPECT_EQ(ref::msm({g, inf, g2}, {1, 7, 1}), ref::mul(3, g));
  EXPECT_EQ(ref::msm({g5, g5}, {4, 6}), ref::mul(50, g));              // duplicate points
  EXPECT_EQ(ref::msm({g, ref::neg(g)}, {9, 9}), inf);                   // cancellation
  EXPECT_EQ(ref::msm({g}, {ref::r() + 5}), g5);                         // scalar >= r
  EXPECT_EQ(ref::msm({g2}, {ref::r() - 1}), ref::neg(g2));
  EXPECT_THROW(ref::msm({g}, {}), std::invalid_argument);
}

TEST(Ref, OracleMatchesMsm) {
  std::mt19937_64 rng(20);
  const int n = 20;
  std::vector<mpz_class> k(n), s(n);
  std::vector<Point> pts(n);
  for (int i = 0; i < n; ++i) {
    k[i] = random_below(rng, ref::r());
    s[i] = random_below(rng, ref::r());
    pts[i] = ref::mul(k[i], ref::generator());
  }
  const Point want = ref::oracle_expected(k, s);
  EXPECT_TRUE(ref::on_curve(want));
  EXPECT_FALSE(want.infinity);
  EXPECT_EQ(ref::msm(pts, s), want);
  // Small hand oracle: k = (1, 2), s = (3, 4) → 11·G.
  EXPECT_EQ(ref::oracle_expected({1, 2}, {3, 4}), ref::mul(11, ref::generator()));
}

}  // namespace
