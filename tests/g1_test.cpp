// G1 (src/math) against the GMP reference: fixed vectors, every addition form, conversions.
// Points cross between the two through the 64-byte canonical little-endian encoding.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "math/g1.hpp"
#include "ref/ref.hpp"

namespace {
using namespace zkmsm::math;
namespace ref = zkmsm::ref;

// math affine -> 64 canonical LE bytes -> ref, and back.
ref::Point to_ref(const G1Affine& a) {
  uint64_t x[4], y[4];
  a.x.to_canonical(x);
  a.y.to_canonical(y);
  uint8_t buf[64];
  for (int i = 0; i < 32; ++i) {
    buf[i] = static_cast<uint8_t>(x[i / 8] >> (8 * (i % 8)));
    buf[32 + i] = static_cast<uint8_t>(y[i / 8] >> (8 * (i % 8)));
  }
  return ref::from_le_bytes(buf);
}
G1Affine from_ref(const ref::Point& p) {
  uint8_t buf[64];
  ref::to_le_bytes(p, buf);
  uint64_t x[4] = {}, y[4] = {};
  for (int i = 0; i < 32; ++i) {
    x[i / 8] |= static_cast<uint64_t>(buf[i]) << (8 * (i % 8));
    y[i / 8] |= static_cast<uint64_t>(buf[32 + i]) << (8 * (i % 8));
  }
  return {Fp::from_canonical(x), Fp::from_canonical(y)};
}
ref::Point to_ref(const G1Jacobian& a) { return to_ref(a.to_affine()); }
ref::Point to_ref(const G1Xyzz& a) { return to_ref(a.to_affine()); }

void to_limbs(const mpz_class& k, uint64_t* v) {
  uint8_t s[32];
  ref::scalar_to_le_bytes(k, s);
  for (int i = 0; i < 4; ++i) {
    v[i] = 0;
    for (int b = 0; b < 8; ++b) v[i] |= static_cast<uint64_t>(s[8 * i + b]) << (8 * b);
  }
}

// The same point under a random projective scale λ (λ = 1 hides bugs in Z handling).
Fp random_fp(std::mt19937_64& rng) {
  const uint64_t t[4] = {rng(), rng(), rng(), rng() & 0x0fffffffffffffff};  // < 2^252 < p
  return Fp::from_canonical(t);
}
G1Jacobian scaled_jac(const G1Affine& a, std::mt19937_64& rng) {
  if (a.is_infinity()) return G1Jacobian::infinity();
  const Fp l = random_fp(rng), l2 = l.sqr();
  return {a.x * l2, a.y * l2 * l, l};
}
G1Xyzz scaled_xyzz(const G1Affine& a, std::mt19937_64& rng) {
  if (a.is_infinity()) return G1Xyzz::infinity();
  const Fp l = random_fp(rng), l2 = l.sqr(), l3 = l2 * l;
  return {a.x * l2, a.y * l3, l2, l3};
}

mpz_class random_scalar(std::mt19937_64& rng) {
  mpz_class v = 0;
  for (int i = 0; i < 5; ++i) v = (v << 64) + mpz_class(std::to_string(rng()));
  return v % ref::r();
}

TEST(G1, Generator) {
  const G1Affine g = G1Affine::generator();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_FALSE(g.is_infinity());
  EXPECT_EQ(to_ref(g), ref::generator());
  EXPECT_EQ(from_ref(ref::generator()), g);
}

TEST(G1, FixedVectors) {
  // 2G; y checked against the GMP reference first.
  const mpz_class x2("0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3");
  const mpz_class y2("0x15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4");
  const ref::Point want2{false, x2, y2};
  ASSERT_EQ(ref::mul(2, ref::generator()), want2);
  const G1Affine g = G1Affine::generator();
  EXPECT_EQ(to_ref(G1Jacobian::from_affine(g).dbl()), want2);
  EXPECT_EQ(to_ref(G1Xyzz::dbl_affine(g)), want2);
  EXPECT_EQ(to_ref(G1Xyzz::from_affine(g).dbl()), want2);
  EXPECT_EQ(to_ref(G1Jacobian::from_affine(g).add_mixed(g)), want2);
  EXPECT_EQ(from_ref(want2), G1Jacobian::from_affine(g).dbl().to_affine());

  // −G = (1, p − 2).
  const ref::Point neg_g{false, 1, ref::p() - 2};
  EXPECT_EQ(to_ref(-g), neg_g);

  uint64_t k[4];
  to_limbs(ref::r() - 1, k);
  EXPECT_EQ(to_ref(scalar_mul(g, k)), neg_g);
  to_limbs(ref::r(), k);
  EXPECT_TRUE(scalar_mul(g, k).is_infinity());
  to_limbs(ref::r() + 1, k);
  EXPECT_EQ(scalar_mul(g, k).to_affine(), g);
  to_limbs(0, k);
  EXPECT_TRUE(scalar_mul(g, k).is_infinity());
  to_limbs(1, k);
  EXPECT_EQ(scalar_mul(g, k).to_affine(), g);
}

TEST(G1, ScalarMulMatchesRef) {
  std::mt19937_64 rng(11);
  const G1Affine g = G1Affine::generator();
  std::vector<mpz_class> ks = {2, 3, (mpz_class(1) << 256) - 1, (mpz_class(1) << 253), ref::r() - 2};
  for (int i = 0; i < 10; ++i) ks.push_back(random_scalar(rng));
  for (const mpz_class& kk : ks) {
    uint64_t k[4];
    to_limbs(kk, k);
    const G1Affine got = scalar_mul(g, k).to_affine();
    EXPECT_TRUE(got.is_on_curve());
    EXPECT_EQ(to_ref(got), ref::mul(kk, ref::generator())) << ref::to_hex_be(kk);
  }
}

TEST(G1, OnCurve) {
  EXPECT_TRUE(G1Affine::infinity().is_on_curve());
  EXPECT_TRUE(G1Affine::infinity().is_infinity());
  const G1Affine off{Fp::from_u64(1), Fp::from_u64(3)};
  EXPECT_FALSE(off.is_on_curve());
  EXPECT_FALSE(ref::on_curve(to_ref(off)));
  const G1Affine off2{Fp::zero(), Fp::from_u64(1)};  // x = 0 but not infinity: 1 ≠ 3
  EXPECT_FALSE(off2.is_on_curve());
  G1Affine p = from_ref(ref::mul(12345, ref::generator()));
  EXPECT_TRUE(p.is_on_curve());
  p.y += Fp::one();
  EXPECT_FALSE(p.is_on_curve());
}

// Every pair from a pool with random points, their negations, duplicates and infinity, through every
// addition form, against ref::add.
TEST(G1, AllAddFormsMatchRef) {
  std::mt19937_64 rng(1234);
  std::vector<ref::Point> pool = {ref::Point{}, ref::generator()};
  for (int i = 0; i < 6; ++i) pool.push_back(ref::mul(random_scalar(rng), ref::generator()));
  const size_t base = pool.size();
  for (size_t i = 1; i < base; ++i) pool.push_back(ref::neg(pool[i]));
  pool.push_back(pool[3]);  // duplicate

  int cases = 0;
  for (const ref::Point& rp : pool) {
    const G1Affine p = from_ref(rp);
    ASSERT_TRUE(p.is_on_curve());
    ASSERT_EQ(to_ref(p), rp);
    ASSERT_EQ(to_ref(-p), ref::neg(rp));

    // Doubling and conversions of P alone.
    const ref::Point want_dbl = ref::add(rp, rp);
    const G1Jacobian pj = scaled_jac(p, rng);
    const G1Xyzz px = scaled_xyzz(p, rng);
    EXPECT_EQ(to_ref(pj), rp);
    EXPECT_EQ(to_ref(px), rp);
    EXPECT_EQ(to_ref(px.to_jacobian()), rp);
    EXPECT_EQ(px.to_jacobian().is_infinity(), rp.infinity);
    EXPECT_EQ(to_ref(-pj), ref::neg(rp));
    EXPECT_EQ(to_ref(-px), ref::neg(rp));
    EXPECT_EQ(to_ref(pj.dbl()), want_dbl);
    EXPECT_EQ(to_ref(px.dbl()), want_dbl);
    EXPECT_EQ(to_ref(G1Xyzz::dbl_affine(p)), want_dbl);

    for (const ref::Point& rq : pool) {
      const G1Affine q = from_ref(rq);
      const ref::Point want = ref::add(rp, rq);
      const G1Jacobian qj = scaled_jac(q, rng);
      const G1Xyzz qx = scaled_xyzz(q, rng);
      ASSERT_EQ(to_ref(pj + qj), want) << "jacobian +";
      ASSERT_EQ(to_ref(pj.add_mixed(q)), want) << "jacobian add_mixed";
      ASSERT_EQ(to_ref(G1Jacobian::from_affine(p).add_mixed(q)), want) << "jacobian add_mixed, Z = 1";
      ASSERT_EQ(to_ref(px.add_mixed(q)), want) << "xyzz add_mixed";
      ASSERT_EQ(to_ref(G1Xyzz::from_affine(p).add_mixed(q)), want) << "xyzz add_mixed, ZZ = 1";
      ASSERT_EQ(to_ref(px + qx), want) << "xyzz +";
      G1Xyzz acc = px;
      acc += qx;
      ASSERT_EQ(to_ref(acc), want) << "xyzz +=";
      ASSERT_EQ(to_ref((px + qx).to_jacobian()), want) << "xyzz to_jacobian";
      ASSERT_EQ((pj + qj).is_infinity(), want.infinity);
      ASSERT_EQ((px + qx).is_infinity(), want.infinity);
      ++cases;
    }
  }
  EXPECT_EQ(cases, 16 * 16);
}

// Results of additions (not freshly scaled points) fed back in: a chain P, 2P, 3P, ... in each form.
TEST(G1, AccumulationChains) {
  std::mt19937_64 rng(5);
  const ref::Point rp = ref::mul(random_scalar(rng), ref::generator());
  const G1Affine p = from_ref(rp);
  G1Jacobian j = G1Jacobian::infinity(), jm = G1Jacobian::infinity();
  G1Xyzz x = G1Xyzz::infinity(), xm = G1Xyzz::infinity();
  ref::Point want{};
  for (int i = 1; i <= 20; ++i) {
    want = ref::add(want, rp);
    j = j + G1Jacobian::from_affine(p);
    jm = jm.add_mixed(p);
    x += G1Xyzz::from_affine(p);
    xm = xm.add_mixed(p);
    ASSERT_EQ(to_ref(j), want) << i;
    ASSERT_EQ(to_ref(jm), want) << i;
    ASSERT_EQ(to_ref(x), want) << i;
    ASSERT_EQ(to_ref(xm), want) << i;
    ASSERT_EQ(to_ref(j + jm), ref::mul(2 * i, rp)) << i;  // equal points, different Z
    ASSERT_EQ(to_ref(x + xm), ref::mul(2 * i, rp)) << i;
    ASSERT_TRUE((j + (-jm)).is_infinity()) << i;
    ASSERT_TRUE((x + (-xm)).is_infinity()) << i;
  }
}

}  // namespace
